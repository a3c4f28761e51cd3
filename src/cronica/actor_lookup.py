"""Look-ups other stages make in the actors layer: the mention covering a span of text
(``actor_for_span``) and the codes of a bare string such as a quote's speaker
(``code_text``). Re-exported by :mod:`cronica.actors`.
"""

from __future__ import annotations

from cronica.actor_lexicon import Match, load_lexicon
from cronica.actor_parse import ORG_KINDS, PLACE_KINDS
from cronica.model import ActorMention, ArticleDoc


def actor_for_span(adoc: ArticleDoc, start: int, end: int) -> ActorMention | None:
    """The actor mention that best covers characters ``[start, end)`` (e.g. a subject subtree).

    The mention holding the head word of the range comes first; then mentions inside the
    range, then the one overlapping it most; ties go to the earliest. None when no mention
    overlaps the range.
    """
    if adoc.doc is not None:
        # the mention holding the range's syntactic head ('La candidata a la alcaldía')
        rng = adoc.doc.char_span(start, end, alignment_mode="expand")
        if rng is not None and len(rng):
            root = rng.root.idx
            for m in adoc.actors:
                if m.span.start <= root < m.span.end and start <= m.span.end and m.span.start < end:
                    return m
    best: tuple[bool, int, int] | None = None
    found: ActorMention | None = None
    for m in adoc.actors:
        overlap = min(end, m.span.end) - max(start, m.span.start)
        if overlap <= 0:
            continue
        key = (start <= m.span.start and m.span.end <= end, overlap, -m.span.start)
        if best is None or key > best:
            best, found = key, m
    return found


def code_text(text: str, lang: str) -> list[str]:
    """Codes for a bare string without a parse (a quote's speaker, a reporting source).

    'Ministerio de Asuntos Exteriores de Irak' -> ['IRQGOV']; 'Funcionarios estadounidenses e
    iraquíes' -> ['USAGOV', 'IRQGOV']; 'Al Jazeera' -> ['QATJRN']; 'Vladimir Putin' (a
    well-known leader) -> ['RUSGOV']; [] when nothing is known.
    """
    lexicon = load_lexicon(lang)
    codes = codes_for_matches(lexicon.find(text))
    if not codes and (known := lexicon.leader(text)) is not None:
        codes = [known.code]  # 'Vladimir Putin'
    return codes


def codes_for_matches(matches: list[Match]) -> list[str]:
    """The codes a run of lexicon hits names, read left to right without syntax."""
    agents = [m.entry for m in matches if m.entry.kind == "agent"]
    orgs = [m.entry for m in matches if m.entry.kind in ORG_KINDS]
    places = [m.entry for m in matches if m.entry.kind in PLACE_KINDS]
    countries = list(dict.fromkeys(e.country for e in places))
    if orgs and (orgs[0].sector or not agents):
        return [orgs[0].code]
    if agents:
        real = [a for a in agents if "member" not in a.flags]
        if not real:
            return [orgs[0].code] if orgs else []
        sector = real[0].sector
        if sector == "GOV" and len(real) > 1 and real[1].sector != "GOV":
            sector = real[1].sector
        if orgs:
            return [orgs[0].country + sector]
        if not countries and real[0].default_country:
            countries = [real[0].default_country]
        return [c + sector for c in countries] or [sector]
    return [e.code for e in places if e.kind == "capital"] or countries
