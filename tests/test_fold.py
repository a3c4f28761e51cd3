"""The one folding rule and its two named variants (cronica.stages.language.fold)."""

from cronica.stages.actors.lexicon import word_key
from cronica.stages.events.lexicon import fold as events_fold
from cronica.stages.language.fold import fold, fold_case, fold_key
from cronica.stages.magnitude.lexicon import fold as magnitude_fold
from cronica.stages.time.lexicon import TimeLexicon


def test_fold_is_lower_case_without_accents_one_character_for_one():
    for text in ("Año", "ÉXITO", "Çà et là", "Erdoğan dijo", "İstanbul"):
        assert len(fold(text)) == len(text)
    assert fold("Año ÉXITO") == "ano exito"


def test_events_actors_and_magnitude_lexicons_fold_by_the_one_rule():
    assert events_fold("Manifestación") == fold("Manifestación") == "manifestacion"
    assert word_key("AÑO") == word_key("ANNO") == fold("ano")  # the actor key reads nn as n
    assert magnitude_fold(" Millón ") == "millon"


def test_place_key_variant_drops_punctuation_and_compatibility_forms():
    assert fold_key("EE.UU.") == fold_key("EEUU") == "eeuu"
    assert fold_key("Khān-Yūnis") == fold_key("khan yunis") == "khan yunis"
    assert fold_key("Straße") == "strasse"  # full case folding: the key may grow
    assert fold_key("ﬁeld (Oaxaca)") == "field oaxaca"


def test_time_key_variant_keeps_accents():
    assert fold_case(" Sept. ") == "sept"
    assert fold_case("Día   DE") == "día de"
    lex = TimeLexicon("xx", words={"month": {"sept": "9"}, "relday": {"mañana": "1"}})
    assert lex.value("month", "SEPT.") == "9"
    assert lex.has("relday", "Mañana") and not lex.has("relday", "manana")


def test_fold_by_table_gives_what_folding_each_character_gives():
    from cronica.stages.language.fold import _fold_char

    words = ["Año", "ÉXITO", "İstanbul", "Straße", "ﬁn", "Ǆ", "Khān Yūnis", "ΐ", "niño y ÑANDÚ"]
    for word in words * 2:  # the second time from the filled table
        assert fold(word) == "".join(map(_fold_char, word))
        assert len(fold(word)) == len(word)
