"""Event words of the attribution guidelines' classes (branch trig8). Every sentence is
invented."""

import pytest
from pipeline_helpers import event_words as _words
from pipeline_helpers import has_event_word as _has

# -- a participle-shaped event noun after a determiner ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Los obispos lanzaron un llamado a la calma.",
        "Miles de obreros marcharon al llamado de los sindicatos.",
        "Los vecinos no atendieron los llamados del alcalde.",
        "El ministro reiteró el llamado, pero nadie respondió.",
    ],
)
def test_a_call_after_a_determiner_is_a_request(make_doc, text):
    assert _has(_words(make_doc, text), "REQUEST", "llamado")


@pytest.mark.parametrize(
    "text",
    [
        "El diputado criticó el llamado Plan Sur.",
        'Los jueces investigan la llamada "guerra sucia" de los años setenta.',
        "Los llamados forajidos surgieron en la capital.",
    ],
)
def test_so_called_stays_an_adjective(make_doc, text):
    words = _words(make_doc, text)
    assert not _has(words, "REQUEST", "llamad")


# -- nouns of the guidelines' categories, with a class noun after 'de' ----------------------


def test_lifting_a_state_of_siege_is_a_retreat_and_keeps_the_siege(make_doc):
    words = _words(make_doc, "El gobierno anunció el levantamiento del estado de sitio.")
    assert ("RETREAT", "levantamiento") in words
    assert _has(words, "COERCE", "estado de sitio")  # the class noun keeps its own event


def test_an_uprising_is_no_lifting(make_doc):
    words = _words(make_doc, "El levantamiento de los campesinos duró tres días.")
    assert not _has(words, "RETREAT", "levantamiento")


def test_ceasing_hostilities_is_a_ceasefire_beside_the_attacks(make_doc):
    words = _words(make_doc, "Los rebeldes exigieron el cese de los bombardeos.")
    assert ("RETREAT", "cese") in words
    assert _has(words, "ASSAULT", "bombardeos")


def test_a_dismissal_is_no_ceasefire(make_doc):
    words = _words(make_doc, "El cese del ministro sorprendió a los diputados.")
    assert not _has(words, "RETREAT", "cese")


def test_signing_an_agreement_is_support(make_doc):
    words = _words(make_doc, "La firma del acuerdo de paz será el lunes.")
    assert ("SUPPORT", "firma") in words
    assert _has(words, "AGREE", "acuerdo")


def test_a_company_is_no_signing(make_doc):
    words = _words(make_doc, "Los obreros de la firma belga bloquearon la entrada.")
    assert not _has(words, "SUPPORT", "firma")


@pytest.mark.parametrize(
    ("text", "event", "word"),
    [
        ("Las guerrillas rechazan la desmilitarización de tres municipios.", "RETREAT",
         "desmilitarización"),
        ("El presidente decidió desmilitarizar la zona del norte.", "RETREAT", "desmilitarizar"),
        ("La policía quiso evitar una confrontación con los mineros.", "ASSAULT", "confrontación"),
        ("El ejército impuso restricciones a la circulación de los vecinos.", "COERCE",
         "restricciones"),
        ("Tras el golpe militar el presidente se exilió.", "COERCE", "golpe militar"),
        ("El canciller descartó el uso de la fuerza contra el país vecino.", "ASSAULT",
         "uso de la fuerza"),
        ("El gobierno no excluye recurrir a la fuerza.", "ASSAULT", "recurrir"),
    ],
)
def test_guideline_category_words(make_doc, text, event, word):
    assert _has(_words(make_doc, text), event, word)


@pytest.mark.parametrize(
    ("text", "event", "word"),
    [
        ("Los médicos anunciaron su adhesión al paro nacional.", "PROTEST", "adhesión"),
        ("Los policías fueron recibidos a pedradas.", "ASSAULT", "pedradas"),
        ("La arremetida de los rebeldes dejó la ciudad sin luz.", "ASSAULT", "arremetida"),
        ("El levantamiento de los campesinos duró tres días.", "PROTEST", "levantamiento"),
    ],
)
def test_word_family_rows(make_doc, text, event, word):
    assert _has(_words(make_doc, text), event, word)


def test_a_vote_of_adhesion_joins_no_protest(make_doc):
    words = _words(make_doc, "La moción contó con la adhesión de 118 diputados.")
    assert not _has(words, "PROTEST", "adhesión")


@pytest.mark.parametrize(
    ("text", "event", "word"),
    [
        ("La dispersión de la marcha dejó diez heridos.", "COERCE", "dispersión"),
        ("La cesión del territorio provocó protestas.", "RETREAT", "cesión"),
        ("El gobierno accedió a las demandas de los mineros.", "CONCEDE", "accedió"),
        ("El gobierno accedió al pedido de los sindicatos.", "CONCEDE", "accedió"),
        ("El alcalde tildó al periodista de mentiroso.", "ACCUSE", "tildó"),
        ("El presidente arremetió contra la prensa.", "ACCUSE", "arremetió"),
        ("El ejército respondió con fuego de artillería.", "ASSAULT", "fuego de artillería"),
    ],
)
def test_guideline_categories_probed(make_doc, text, event, word):
    assert _has(_words(make_doc, text), event, word)


def test_acceding_keeps_the_demand_as_its_own_word(make_doc):
    words = _words(make_doc, "El gobierno accedió a las demandas de los mineros.")
    assert ("CONCEDE", "accedió") in words  # the head word alone
    assert _has(words, "REQUEST", "demandas")


@pytest.mark.parametrize(
    "text", ["Los jóvenes accedieron a internet.", "La fiscal presentó cargos contra el alcalde."]
)
def test_no_concession_or_charge_without_its_complement(make_doc, text):
    words = _words(make_doc, text)
    assert not _has(words, "CONCEDE", "accedieron") and not _has(words, "ASSAULT", "cargos")


@pytest.mark.parametrize(
    ("text", "event", "word"),
    [
        ("El gobierno anunció el envío de tropas a la frontera.", "MOBILIZE", "envío"),
        ("El envío de alimentos fue suspendido.", "AID", "envío"),
        ("La ONU envió medicinas a los refugiados.", "AID", "envió"),
    ],
)
def test_sending_troops_or_relief(make_doc, text, event, word):
    assert _has(_words(make_doc, text), event, word)


def test_other_shipments_are_no_event(make_doc):
    words = _words(make_doc, "La empresa aumentó el envío de gas a Chile.")
    assert not any("envío" in text for _, text in words)


@pytest.mark.parametrize(
    ("text", "event", "word"),
    [
        ("Israel entregó el control de la zona a la policía palestina.", "RETREAT", "entregó"),
        ("El ministro fue insultado por los obreros.", "ACCUSE", "insultado"),
        ("El rapto del empresario ocurrió el lunes.", "ASSAULT", "rapto"),
    ],
)
def test_verbs_read_on_unannotated_articles(make_doc, text, event, word):
    assert _has(_words(make_doc, text), event, word)


# -- 'violencia' only where the grammar makes it an act -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "La violencia dejó diez muertos en la capital.",
        "Estalló la violencia en el norte del país.",
        "La policía previno actos de violencia.",
        "Un estallido de violencia sacudió la ciudad.",
        "La oposición recurrió a la violencia.",
        "El presidente pidió a la oposición no utilizar la violencia.",
    ],
)
def test_violence_as_an_act(make_doc, text):
    assert _has(_words(make_doc, text), "ASSAULT", "violencia")


@pytest.mark.parametrize(
    "text",
    [
        "Los obreros marcharon sin violencia por el centro.",
        "Miles marcharon contra la violencia.",
        "La represión adquirió gran violencia.",
        "Preocupa el incremento de la violencia.",
    ],
)
def test_violence_as_a_manner_or_topic_is_no_act(make_doc, text):
    assert not _has(_words(make_doc, text), "ASSAULT", "violencia")


@pytest.mark.parametrize(
    ("text", "event", "word"),
    [
        ("Japón otorgó un préstamo de 500 millones a Perú.", "AID", "préstamo"),
        ("Los dos países sellaron la paz.", "SUPPORT", "sellaron"),
        ("Las partes alcanzaron un entendimiento.", "AGRE", "alcanzaron"),
        ("La guerrilla dejó las armas.", "RETREAT", "dejó las armas"),
        ("El gobierno dio marcha atrás con el aumento.", "CONCEDE", "dio marcha atrás"),
    ],
)
def test_thin_types_probed(make_doc, text, event, word):
    assert _has(_words(make_doc, text), event.replace("AGRE", "AGREE"), word)


def test_solidarity_as_a_value_is_no_event(make_doc):
    words = _words(make_doc, "La Nochebuena renueva el mensaje de paz y solidaridad.")
    assert not _has(words, "SUPPORT", "solidaridad")


def test_backing_down_is_no_march(make_doc):
    words = _words(make_doc, "El gobierno dio marcha atrás con el aumento.")
    assert not _has(words, "PROTEST", "marcha")


@pytest.mark.parametrize(
    ("text", "event", "word"),
    [
        ("El sindicato emprendió acciones legales contra la empresa.", "ACCUSE", "acciones legales"),
        ("La oposición interpuso un recurso ante el tribunal.", "ACCUSE", "interpuso"),
        ("El gobierno aplicó mano dura contra los huelguistas.", "COERCE", "mano dura"),
    ],
)
def test_support_verb_constructions(make_doc, text, event, word):
    assert _has(_words(make_doc, text), event, word)


# -- an arrival as a visit -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["El canciller chileno llegó a Lima el lunes.", "La misión de la ONU llegará a Haití el jueves."],
)
def test_an_envoy_arriving_at_a_named_place_is_a_visit(make_doc, text):
    assert _has(_words(make_doc, text), "CONSULT", "lleg")


@pytest.mark.parametrize(
    "text",
    [
        "Los camiones llegaron a Lima el lunes.",
        "Las partes llegaron a un acuerdo.",
        "El presidente, quien a los 40 años había llegado al gobierno, habló ayer.",
    ],
)
def test_other_arrivals_are_no_visit(make_doc, text):
    assert not _has(_words(make_doc, text), "CONSULT", "lleg")
