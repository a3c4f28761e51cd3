from collections import Counter

import pytest

from cronica.evaluate.split import part_of, select, split


def test_part_is_a_fixed_function_of_the_id():
    assert part_of("doc-1") == part_of("doc-1")
    assert {part_of(f"doc-{i}") for i in range(50)} == {"fit", "check"}


def test_split_is_about_seventy_thirty():
    counts = Counter(part_of(f"record-{i}") for i in range(5000))
    assert 0.66 < counts["fit"] / 5000 < 0.74


def test_split_keeps_order_and_select_filters():
    ids = [f"r{i}" for i in range(40)]
    parts = split(ids, key=str)
    assert sorted(parts["fit"] + parts["check"]) == sorted(ids)
    assert parts["fit"] == [i for i in ids if part_of(i) == "fit"]
    assert select(ids, str, "check") == parts["check"]
    assert select(ids, str, None) == ids
    with pytest.raises(ValueError):
        select(ids, str, "train")


def test_name_groups_link_texts_that_share_a_rare_name():
    from cronica.evaluate.split import name_groups

    texts = [
        "Ayer marcharon los vecinos de Quilmes hasta la plaza.",
        "El intendente de Quilmes recibió a los delegados.",
        "Los delegados de Berazategui pidieron una reunión.",
        "La reunión con Berazategui terminó sin acuerdo.",
        "Llovió toda la tarde.",
    ]
    g = name_groups(texts)
    assert g[0] == g[1] and g[2] == g[3]
    assert len({g[0], g[2], g[4]}) == 3


def test_name_groups_ignore_first_words_and_common_names():
    from cronica.evaluate.split import name_groups

    # 'Ayer' opens both texts (not a name); 'Gobierno' is in more than max_df texts
    texts = [f"Ayer el Gobierno anunció la medida número {n}." for n in range(4)]
    assert len(set(name_groups(texts, max_df=3))) == 4
    assert len(set(name_groups(texts, max_df=6))) == 1
