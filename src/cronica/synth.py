"""Synthetic news articles for scale tests: deterministic, seeded, Spanish and English.

Each article has a headline, a dateline ('LA PAZ, Ene 26') and a body of sentences built
from templates with actors, event verbs, dates and places, including quotes and
reporting phrases, so that every pipeline stage has work to do. The texts are only for
measuring speed and memory: they are grammatical but carry no real news, and their
events must not be used to judge accuracy.

    python -m cronica.synth --n 10000 --out corpus.jsonl [--seed 0] [--langs es,en]

The same ``--n``, ``--seed`` and ``--langs`` always give byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

# Word lists are inline (not data files under cronica/data) on purpose: they feed a test
# corpus generator, not the extraction, so no stage should ever read them.
_COUNTRIES = {
    "es": [
        "Bolivia",
        "Colombia",
        "Perú",
        "Chile",
        "México",
        "Irak",
        "Estados Unidos",
        "Venezuela",
        "Ecuador",
        "Argentina",
        "Francia",
        "Brasil",
        "Guatemala",
        "Israel",
    ],
    "en": [
        "Bolivia",
        "Colombia",
        "Peru",
        "Chile",
        "Mexico",
        "Iraq",
        "the United States",
        "Venezuela",
        "Ecuador",
        "Argentina",
        "France",
        "Brazil",
        "Guatemala",
        "Israel",
    ],
}
_CITIES = {
    "es": [
        "LA PAZ",
        "BOGOTÁ",
        "LIMA",
        "SANTIAGO",
        "CIUDAD DE MÉXICO",
        "BAGDAD",
        "WASHINGTON",
        "CARACAS",
        "QUITO",
        "BUENOS AIRES",
        "PARÍS",
        "BRASILIA",
        "GUATEMALA",
        "JERUSALÉN",
    ],
    "en": [
        "LA PAZ",
        "BOGOTA",
        "LIMA",
        "SANTIAGO",
        "MEXICO CITY",
        "BAGHDAD",
        "WASHINGTON",
        "CARACAS",
        "QUITO",
        "BUENOS AIRES",
        "PARIS",
        "BRASILIA",
        "GUATEMALA CITY",
        "JERUSALEM",
    ],
}
_ACTORS = {
    "es": [
        "el gobierno de {c}",
        "el presidente de {c}",
        "el ministro de Defensa de {c}",
        "el ejército de {c}",
        "la policía de {c}",
        "una multitud de manifestantes",
        "el sindicato minero",
        "la oposición de {c}",
        "la ONU",
        "la Unión Europea",
        "un grupo armado",
        "un grupo de estudiantes universitarios",
        "la canciller de {c}",
        "el secretario de Estado de {c}, {p},",
        "una asociación de campesinos de la región",
    ],
    "en": [
        "the government of {c}",
        "the president of {c}",
        "the defence minister of {c}",
        "the army of {c}",
        "the police chief of {c}",
        "a crowd of protesters",
        "the miners' union",
        "the opposition in {c}",
        "the UN",
        "the European Union",
        "an armed group",
        "a group of university students",
        "the foreign minister of {c}",
        "{c}'s secretary of state, {p},",
        "a farmers' association",
    ],
}
_PEOPLE = [
    "Ana Morales",
    "Luis Herrera",
    "Marta Quispe",
    "Jorge Salinas",
    "Elena Duarte",
    "Pedro Vargas",
    "Lucía Paredes",
    "Andrés Castillo",
]
_VERBS = {  # (verb phrase, needs an object)
    "es": [
        ("acordó iniciar conversaciones con", True),
        ("se reunió con", True),
        ("condenó el ataque de", True),
        ("pidió ayuda humanitaria a", True),
        ("amenazó con sanciones a", True),
        ("rechazó la propuesta de", True),
        ("atacó un puesto militar de", True),
        ("anunció una huelga general", False),
        ("bloqueó las carreteras del norte", False),
        ("firmó un acuerdo de paz con", True),
        ("envió tropas a la frontera con", True),
        ("protestó frente al Congreso", False),
        ("acusó de corrupción a", True),
        ("ofreció apoyo económico a", True),
    ],
    "en": [
        ("agreed to start talks with", True),
        ("met", True),
        ("condemned the attack by", True),
        ("asked for humanitarian aid from", True),
        ("threatened sanctions against", True),
        ("rejected the proposal of", True),
        ("attacked a military post of", True),
        ("called a general strike", False),
        ("blocked the northern roads", False),
        ("signed a peace agreement with", True),
        ("sent troops to the border with", True),
        ("protested outside Congress", False),
        ("accused of corruption", True),
        ("offered economic support to", True),
    ],
}
_WHEN = {
    "es": [
        "el jueves",
        "ayer",
        "el pasado martes",
        "hace dos semanas",
        "el {d} de {m}",
        "en {m} de {y}",
        "este lunes",
        "la semana pasada",
        "en {y}",
    ],
    "en": [
        "on Thursday",
        "yesterday",
        "last Tuesday",
        "two weeks ago",
        "on {m} {d}",
        "in {m} {y}",
        "on Monday",
        "last week",
        "in {y}",
    ],
}
_MONTHS = {
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_DATELINE_MONTHS = {
    "es": ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
_FRAMES = {
    "es": [
        "{A} {V} {when} en {place}.",
        "{When}, {a} {V} en {place}, según fuentes oficiales.",
        "{A} {V} {when}, de acuerdo a reportes de la prensa local.",
        '"No vamos a aceptar presiones", dijo {p} en un comunicado.',
        "{p} añadió que las conversaciones se llevarán a cabo en {place}.",
        "{A} podría {v_inf} si no hay acuerdo antes de fin de mes.",
        "La situación en {place} sigue siendo tensa, informaron las autoridades.",
    ],
    "en": [
        "{A} {V} {when} in {place}.",
        "{When}, {a} {V} in {place}, officials said.",
        "{A} {V} {when}, according to local media reports.",
        '"We will not accept pressure," {p} said in a statement.',
        "{p} added that the talks would take place in {place}.",
        "{A} could take further steps if there is no agreement by the end of the month.",
        "The situation in {place} remains tense, the authorities reported.",
    ],
}
_INFINITIVES = [
    "convocar nuevas protestas",
    "romper relaciones",
    "retirar a sus tropas",
    "suspender el diálogo",
    "imponer sanciones",
]


def _contract(s: str) -> str:
    """Spanish 'a el' -> 'al', 'de el' -> 'del' (templates join words blindly)."""
    return s.replace(" a el ", " al ").replace(" de el ", " del ")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class _ArticleWriter:
    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng = rng
        self.lang = lang

    def pick(self, items: Sequence[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def actor(self) -> str:
        return self.pick(_ACTORS[self.lang]).format(
            c=self.pick(_COUNTRIES[self.lang]), p=self.pick(_PEOPLE)
        )

    def when(self) -> str:
        months = _MONTHS[self.lang]
        return self.pick(_WHEN[self.lang]).format(
            d=self.rng.randint(1, 28), m=self.pick(months), y=self.rng.randint(1990, 2025)
        )

    def verb_phrase(self) -> str:
        verb, takes_object = self.pick(_VERBS[self.lang])
        return f"{verb} {self.actor()}" if takes_object else verb

    def sentence(self) -> str:
        lang = self.lang
        frame = self.pick(_FRAMES[lang])
        actor = self.actor()
        when = self.when()
        place = (
            self.pick(_CITIES[lang]).title()
            if self.rng.random() < 0.5
            else self.pick(_COUNTRIES[lang])
        )
        text = frame.format(
            A=_cap(actor),
            a=actor,
            V=self.verb_phrase(),
            When=_cap(when),
            when=when,
            place=place,
            p=self.pick(_PEOPLE),
            v_inf=self.pick(_INFINITIVES),
        )
        return _contract(text) if lang == "es" else text

    def article(self, index: int, day: date, n_sentences: int) -> dict[str, Any]:
        lang = self.lang
        headline = _cap(f"{self.actor()} {self.verb_phrase()}").rstrip(",")
        if lang == "es":
            headline = _contract(headline)
        dateline = f"{self.pick(_CITIES[lang])}, {_DATELINE_MONTHS[lang][day.month - 1]} {day.day}"
        body = " ".join(self.sentence() for _ in range(n_sentences))
        return {
            "id": f"synth-{lang}-{index:07d}",
            "lang": lang,
            "date": day.isoformat(),
            "title": headline,
            "source": "synthetic",
            "text": f"{headline}\n{dateline} (synthetic) - {body}\n",
        }


def synthetic_articles(
    n: int,
    seed: int = 0,
    langs: Sequence[str] = ("es", "en"),
    es_share: float = 0.7,
    min_sentences: int = 4,
    max_sentences: int = 14,
) -> Iterator[dict[str, Any]]:
    """``n`` article records ``{id, lang, date, title, source, text}``, the same for the same
    arguments. ``es_share`` of them are Spanish when both languages are asked for."""
    for lang in langs:
        if lang not in _FRAMES:
            raise ValueError(f"no templates for language {lang!r}; have {', '.join(_FRAMES)}")
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    for i in range(n):
        if len(langs) == 1:
            lang = langs[0]
        else:
            lang = "es" if ("es" in langs and rng.random() < es_share) else _other_lang(langs, rng)
        day = start + timedelta(days=rng.randrange(6 * 365))
        writer = _ArticleWriter(rng, lang)
        yield writer.article(i, day, rng.randint(min_sentences, max_sentences))


def _other_lang(langs: Sequence[str], rng: random.Random) -> str:
    """A language of ``langs`` other than Spanish (Spanish when it is the only one)."""
    others = [x for x in langs if x != "es"] or list(langs)
    return others[rng.randrange(len(others))]


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m cronica.synth",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--langs", default="es,en", help="comma-separated: es, en (default es,en)")
    p.add_argument("--es-share", type=float, default=0.7, help="share of Spanish articles")
    p.add_argument("--out", default="-", help="JSONL file to write (default stdout)")
    args = p.parse_args(argv)
    langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        for rec in synthetic_articles(args.n, seed=args.seed, langs=langs, es_share=args.es_share):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
