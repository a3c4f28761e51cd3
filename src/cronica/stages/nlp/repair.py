"""Local repairs of the parse, made once per document before any stage reads it.

The tagger reads some feminine or invariable demonyms as verbs: 'La policía tunecina detuvo
a cinco manifestantes' comes out with 'tunecina' as the root verb (lemma 'tunecinar') and
'detuvo' as its object, so the arrest has no subject. A demonym adjective follows its noun
in Spanish (Nueva gramática §13.2: adjectives of nationality are relational and go after the
noun); a lower-case word that is a demonym form of the language's country table, right after
a noun, is that noun's adjective, whatever the tagger says. The repair relabels it and hangs
the clause back on the verb the parser put under it. About 2 % of the Spanish demonym forms
(ceilandesa, chipriota, eslovena, húngara, letona, ruandesa, saudita, sudanesa, tunecina,
uruguaya, ...) are misread this way in a plain 'La policía X detuvo ...' frame.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc

from cronica.stages.language.bundle import LanguageBundle
from cronica.stages.nlp.syntax import dep, forget_columns, set_dep, token_column

# labels under which the parser hangs the real verb on the misread demonym
_CLAUSE_CHILD = frozenset({"obj", "ccomp", "xcomp", "conj", "parataxis", "advcl", "acl", "csubj"})


def demonym_forms(bundle: LanguageBundle) -> dict[str, str]:
    """Lower-case demonym form -> its base form, from the language's ``countries.tsv``
    (inflected by the bundle's rules); one-word forms only."""

    def build(b: LanguageBundle) -> dict[str, str]:
        forms: dict[str, str] = {}
        for row in b.read_tsv("countries.tsv"):
            demonyms = (row + ["", "", ""])[2]
            for base in filter(None, demonyms.split("|")):
                for form in b.inflect(base):
                    if " " not in form and form[:1].islower():
                        forms.setdefault(form.lower(), base)
        return forms

    return bundle.resource("nlp.demonym_forms", build)


def _orth_ids(bundle: LanguageBundle, strings: Any) -> frozenset[int]:
    """The hashes of the demonym forms (the LOWER attribute's values), kept per bundle."""
    return bundle.resource("nlp.demonym_ids", lambda b: frozenset(
        strings.add(f) for f in demonym_forms(b)))


def repair_demonym_verbs(doc: Any, bundle: LanguageBundle) -> int:
    """Relabel as adjectives the demonyms the tagger read as verbs right after a noun ('La
    policía tunecina detuvo'); returns how many were repaired. Cheap: the shared columns of
    the document (read once for every stage) and a set test on its verbs; the tree is
    touched only where a form is found, and then the columns are read again."""
    if not isinstance(doc, Doc) or len(doc) < 2 or bundle.labels != "ud" \
            or not doc.has_annotation("DEP"):  # a stand-in document (tests, fakes) has no tree
        return 0
    ids = _orth_ids(bundle, doc.vocab.strings)
    lower = token_column(doc, LOWER)
    hits = [i for i, p in enumerate(token_column(doc, POS))
            if (p == VERB or p == AUX) and lower[i] in ids]
    done = 0
    for i in hits:
        tok: Any = doc[i]  # (the stubs lack Token.set_morph)
        if i == 0 or tok.text[:1].isupper() or doc[i - 1].pos_ not in ("NOUN", "PROPN"):
            continue
        if _rehang(tok, doc[i - 1]):
            tok.pos_ = "ADJ"
            tok.lemma_ = demonym_forms(bundle).get(tok.lower_, tok.lower_)
            number = "Plur" if tok.lower_.endswith("s") and not tok.lower_.endswith("és") else "Sing"
            tok.set_morph(f"Number={number}")
            done += 1
    if done:
        forget_columns(doc)
    return done


def _rehang(tok: Any, noun: Any) -> bool:
    """Make ``tok`` an adjective of ``noun`` and give its place in the tree to the verb the
    parser hung under it (or to the noun); False (nothing changed) when the tree is not one
    of the shapes this repair knows."""
    kids = [c for c in tok.children]
    root = tok.head.i == tok.i
    if noun.head.i == tok.i:
        verb = next((c for c in kids if c.i > tok.i and c.pos_ in ("VERB", "AUX")
                     and dep(c) in _CLAUSE_CHILD), None)
        new = verb if verb is not None else noun
        label = tok.dep  # the label's hash, in the parser's own scheme
        new.head = new if root else tok.head
        new.dep = label
        if new is not noun:
            noun.head = new
            set_dep(noun, "nsubj")
        for c in kids:
            if c.i not in (new.i, noun.i):
                c.head = new
    elif not kids and not tok.is_ancestor(noun):
        pass  # a leaf ('aux', 'flat'): only its label and head change
    else:
        return False
    tok.head = noun
    set_dep(tok, "amod")
    return True
