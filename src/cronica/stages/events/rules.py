"""The events stage's rules as named units: an id, a one-line purpose, an example, a test.

Two kinds so far:

* **trigger rules**, one per row of ``data/<lang>/event_triggers.tsv``: the id is
  ``<lang>:<pattern>/<pos>`` (``es:bloquear/V``); every event keeps the id of the rule that
  found it (``Event.rule``), so ``cronica eval events --by-rule`` counts true and false
  positives per rule and a bad row can be seen and removed;
* **filter rules**, which remove a lexicon match that is not an event
  (:meth:`cronica.stages.events.coder.EventCoder.find_triggers` applies them in the order
  below and can trace which one removed a candidate). Each example is an invented sentence
  on which the rule fires; ``tests/test_event_rules.py`` checks every one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    purpose: str
    example: str  # an invented sentence on which the rule applies
    lang: str  # the language of the example
    word: str  # the word of the example the rule is about


TRIGGER_FILTERS: tuple[Rule, ...] = (
    Rule("trigger.speech",
         "a reporting verb ('manifestar': to state) is no event; the attribution stage reads it",
         "El alcalde manifestó que el paro seguirá.", "es", "manifestó"),
    Rule("trigger.weak_participle",
         "a participle used as a noun or a plain modifier names participants, not an act",
         "Los jóvenes detenidos llegaron a la cárcel.", "es", "detenidos"),
    Rule("trigger.participle_clause",
         "a weak participle with its own auxiliary in a relative clause names an act told in "
         "passing: a secondary event word, not an event of the article",
         "Exigen la libertad de los estudiantes que fueron detenidos el lunes.", "es", "detenidos"),
    Rule("trigger.noun_modifier",
         "a weak event noun that only classifies another noun is no event",
         "El período de negociación terminó sin novedades.", "es", "negociación"),
    Rule("trigger.kind",
         "a contentious event word under a noun of law or right, or the object of a verb that "
         "regulates a kind of act, names the kind, not an act that took place: a secondary "
         "event word (stages/events/reference.py)",
         "Los gremios defendieron el derecho a la protesta.", "es", "protesta"),
    Rule("trigger.penalty",
         "a death word under a verb of sentencing or a noun of penalty is the content of a "
         "punishment, no killing (stages/events/reference.py)",
         "El tribunal condenó a muerte al jefe rebelde.", "es", "muerte"),
    Rule("trigger.faced_thing",
         "a verb of confrontation whose object has no personal 'a' faces or tackles a thing "
         "('enfrenta un pedido', 'combate la pobreza'), no clash (stages/events/reference.py)",
         "El juez enfrenta un pedido de juicio político.", "es", "enfrenta"),
    Rule("trigger.event_epithet",
         "a participle before the event noun it modifies qualifies that event, no act of its own",
         "Israel launched its long threatened invasion of the south.", "en", "threatened"),
    Rule("trigger.collective_without_protesters",
         "a collective act ('impidió el paso', 'una caravana', 'acamparon') is a protest only "
         "when workers or protesters hold it or a claim is its cause; else no event word",
         "Un camión volcado impidió el paso por la ruta.", "es", "impidió"),
    Rule("trigger.prevention_without_protest",
         "a prevention verb is COERCE 'restrict' only with a protest as its object",
         "La lluvia impidió el partido del domingo.", "es", "impidió"),
    Rule("trigger.vow_without_act",
         "a vow verb without the act it vows is an oath of office, no event",
         "El nuevo alcalde juró el cargo ante el concejo.", "es", "juró"),
    Rule("trigger.named",
         "a capitalised event noun inside a mixed-case sentence is part of a name",
         "La Marcha Patriótica presentó un libro en Cali.", "es", "Marcha"),
    Rule("trigger.org_name",
         "an event word inside an organisation's name (NER ORG, or an organisation of the actors "
         "lexicon) is part of the name, even where capitals say nothing (a sentence start)",
         "Amnesty International said the police beat the marchers.", "en", "Amnesty"),
    Rule("trigger.name_opening",
         "a capitalised event noun opening a sentence, followed by a capitalised word and "
         "subject of a verb of saying or of another act, is the start of a name",
         "Marcha Patriótica convocó a una movilización nacional.", "es", "Marcha"),
    Rule("trigger.travel",
         "a movement verb with a vehicle is a journey, not a march or a deployment",
         "Dos hombres se movilizaban en una motocicleta por el barrio.", "es", "movilizaban"),
    Rule("trigger.exchange_without_captives",
         "an exchange is a release (RETREAT, CAMEO 0841) only with captives as its object",
         "Los cancilleres intercambiaron opiniones sobre el comercio.", "es", "intercambiaron"),
    Rule("trigger.gathering_without_cause",
         "a gathering is a demonstration (CAMEO 141) only with a stated cause or protesters",
         "Fans gathered in the square to watch the final.", "en", "gathered"),
    Rule("trigger.return_without_troops",
         "a return is a military move (PLOVER MOBILIZE troops) only when troops return",
         "El presidente regresó a Lima tras su gira.", "es", "regresó"),
    Rule("trigger.natural_death",
         "a death by accident, illness or natural cause is no ASSAULT (no actor used force)",
         "Un ciclista murió atropellado en la avenida.", "es", "murió"),
    Rule("trigger.vague_without_act",
         "'violencia' names an act only as the subject of a verb of occurrence or result, the "
         "complement of a classifier noun, or the object of a verb of using or inciting",
         "Los obreros marcharon sin violencia por el centro.", "es", "violencia"),
    Rule("trigger.arrival_without_visit",
         "an arrival is a visit (CONSULT, CAMEO 042) only of a named person or an envoy at a "
         "named place",
         "Los camiones llegaron a Lima el lunes.", "es", "llegaron"),
    Rule("trigger.host_without_guest",
         "receiving is hosting a visit (CONSULT, CAMEO 043) only of a named person, a visitor "
         "or a party's representatives, received by one",
         "El hospital recibió a los heridos del choque.", "es", "recibió"),
    Rule("trigger.denied_involvement",
         "denying involvement or accusations is no PLOVER event (attribution guidelines)",
         "The militia denied any involvement in the fire.", "en", "denied"),
    Rule("trigger.noun_of_earlier_attack",
         "a protest noun whose word is the verb of an attack told earlier in the article "
         "('missiles struck ... the strikes') names that attack again, no labour strike",
         "Russian missiles struck the city overnight. Moscow did not comment on the strikes.",
         "en", "strikes"),
)

FILTER_IDS: frozenset[str] = frozenset(r.id for r in TRIGGER_FILTERS)
