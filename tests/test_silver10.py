"""Event words that the silver attribution set showed missing (branch silver10): reduced
passive participles, irregular participles, summoning an envoy, opening a case, work
stoppages, riots, gatherings before an institution. Every sentence is invented."""

import pytest
from pipeline_helpers import event_words as _words
from pipeline_helpers import has_event_word as _has


@pytest.mark.parametrize(
    ("text", "event", "word"),
    [
        # an irregular participle with its own time or partners is a signing told in passing
        ("El tratado, suscrito en 1977, fijó la frontera.", "SUPPORT", "suscrito"),
        ("Perú invoca los convenios suscritos entre ambos países.", "SUPPORT", "suscritos"),
        # a participle with its own agent or cause is an act
        ("Tres policías heridos por una granada en el puerto.", "ASSAULT", "heridos"),
        ("El gobierno citó al embajador de Chile en Lima.", "ACCUSE", "citó"),
        ("La cancillería convocó al cónsul paraguayo.", "ACCUSE", "convocó"),
        ("De lo contrario se le abrirá expediente por fraude.", "ACCUSE", "abrirá"),
        ("El gremio amenazó con un cese de actividades.", "PROTEST", "cese"),
        ("Los estibadores anunciaron un cese de labores.", "PROTEST", "cese"),
        ("La policía detendrá a los dirigentes si provocan desórdenes.", "PROTEST", "desórdenes"),
        ("Unas 2.000 personas se concentraron ante la sede del gobierno.", "PROTEST", "concentraron"),
        ("En un llamado difundido el martes, los obispos pidieron calma.", "REQUEST", "llamado"),
        ("Los socios citan los acuerdos firmados por los ministros en 1990.", "AGREE", "firmados"),
        ("Amplia convocatoria en Lima para exigir aumentos", "THREATEN", "convocatoria"),
        ("El presidente recibirá el jueves a los dirigentes sindicales.", "CONSULT", "recibirá"),
        ("El canciller Pérez recibió a su colega chileno en Lima.", "CONSULT", "recibió"),
        ("Investigan la muerte de un peón muerto por un guardia.", "ASSAULT", "muerto"),
    ],
)
def test_guideline_event_words_are_found(make_doc, text, event, word):
    assert _has(_words(make_doc, text), event, word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Los policías heridos llegaron al hospital.", "heridos"),  # a property, no act
        ("Los grupos armados de la región rechazaron el plan.", "armados"),  # the noun's 'de'
        ("Los socios firmaron los documentos escritos a mano.", "escritos"),  # no trigger row
        ("Los vecinos se concentraron en sus estudios.", "concentraron"),
        ("El hospital recibió a los heridos del choque.", "recibió"),  # no host, no guest
        ("El alcalde recibió amenazas de muerte.", "recibió"),
        ("Los llamados forajidos surgieron en la capital.", "llamados"),
        ("El anciano, muerto por un infarto, fue enterrado ayer.", "muerto"),  # natural cause
    ],
)
def test_participles_and_gatherings_without_an_act_stay_out(make_doc, text, word):
    assert not any(word in t for _, t in _words(make_doc, text))


def test_a_summoned_envoy_is_not_a_call_for_protest(make_doc):
    words = _words(make_doc, "El gobierno citó al embajador de Chile en Lima.")
    assert not _has(words, "THREATEN", "citó")
