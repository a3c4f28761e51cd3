"""Reading inputs: formats, metadata, and every kind of bad input named with its code."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cronica.errors import Rejection
from cronica.model import Article
from cronica.read import normalize_date, normalize_lang, read_inputs, sniff_format

ES = "El gobierno de Bolivia anunció ayer que negociará con los sindicatos para poner fin a la huelga."

PAGE = """<!DOCTYPE html>
<html lang="es-BO"><head><title>Bolivia negocia | Diario de Prueba</title>
<meta property="article:published_time" content="2024-01-26T10:00:00Z"></head>
<body><nav><a href="/">Inicio</a> <a href="/p">Política</a></nav>
<article><h1>Bolivia negocia</h1>
<p>El gobierno de Bolivia anunció el jueves que negociará con los sindicatos mineros.</p>
<p>El ministro de Trabajo dijo que las conversaciones empezarán la próxima semana en La Paz.</p>
</article><footer>Todos los derechos reservados. Aviso legal</footer></body></html>"""


def read(*paths: str | Path, **kw) -> list[Article | Rejection]:
    return list(read_inputs([str(p) for p in paths], **kw))


def only(items: list[Article | Rejection]) -> Article | Rejection:
    assert len(items) == 1, items
    return items[0]


def test_text_file_with_sidecar_metadata(tmp_path: Path) -> None:
    (tmp_path / "nota.txt").write_text(ES, encoding="utf-8")
    (tmp_path / "nota.json").write_text(
        json.dumps(
            {
                "id": "n1",
                "lang": "es",
                "date": "2024-01-26T10:00:00Z",
                "title": "Huelga",
                "source": "Prueba",
                "url": "http://example.org/n1",
                "text_file": "nota.txt",
            }
        )
    )
    a = only(read(tmp_path / "nota.txt"))
    assert isinstance(a, Article)
    assert (a.id, a.lang, a.date, a.title, a.source) == (
        "n1",
        "es",
        "2024-01-26",
        "Huelga",
        "Prueba",
    )
    assert a.url == "http://example.org/n1"
    assert a.text == ES
    assert a.origin.endswith("nota.txt")


def test_text_file_without_sidecar_takes_id_from_stem(tmp_path: Path) -> None:
    (tmp_path / "otra-nota.txt").write_text(ES + "\r\nSegunda línea.\r\n", encoding="utf-8")
    a = only(read(tmp_path / "otra-nota.txt"))
    assert a.id == "otra-nota" and a.lang is None and a.date is None
    assert "\r" not in a.text and a.meta["encoding"] == "utf-8"


def test_seed_example_picks_up_its_metadata() -> None:
    seed = Path(__file__).parents[1] / "examples" / "seed" / "article.txt"
    a = only(read(seed))
    assert a.date == "2024-01-26" and a.lang == "es" and a.title


def test_legacy_spanish_encodings_are_decoded_and_recorded(tmp_path: Path) -> None:
    text = "El presidente se reunió con los líderes «sindicales» en Señor de Mayo."
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "cp1252.txt").write_bytes(("“Diálogo” — " + text).encode("cp1252"))
    a, b = read(tmp_path / "latin1.txt", tmp_path / "cp1252.txt")
    assert a.text == text and a.meta["encoding"] in ("cp1252", "latin-1")
    assert b.text.startswith("“Diálogo” — ") and b.meta["encoding"] == "cp1252"


def test_bad_inputs_are_rejected_with_code_and_name(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "big.txt").write_bytes(b"palabra " * 2000)
    (tmp_path / "ok.txt").write_text(ES)
    results = read(
        tmp_path / "empty.txt",
        tmp_path / "binary.txt",
        tmp_path / "big.txt",
        tmp_path / "missing.txt",
        tmp_path / "ok.txt",
        max_bytes=10_000,
    )
    codes = [r.code if isinstance(r, Rejection) else "ok" for r in results]
    assert codes == ["E001", "E002", "E004", "E009", "ok"]
    for r in results[:4]:
        assert r.origin in r.reason and r.reason.startswith(f"[{r.code}]")
    assert "16,000 bytes" in results[2].reason


def test_oversized_file_is_rejected_before_reading(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 5000)

    def boom(self):  # reading the whole file would defeat the point of the limit
        raise AssertionError("read_bytes called on an oversized file")

    monkeypatch.setattr(Path, "read_bytes", boom)
    assert only(read(big, max_bytes=100)).code == "E004"


def test_undecodable_bytes_are_e003(tmp_path: Path) -> None:
    # C1 control bytes everywhere: not UTF-8, not cp1252 (0x81, 0x8d undefined), not Latin-1 text
    (tmp_path / "weird.txt").write_bytes(b"abc " + b"\x81\x8d\x8f\x90\x9d" * 40)
    r = only(read(tmp_path / "weird.txt"))
    assert isinstance(r, Rejection) and r.code == "E003" and "weird.txt" in r.reason


def test_jsonl_bad_lines_are_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "a", "text": ES, "date": "2024-01-26T10:00:00Z", "lang": "ES", "extra": 1}
        ),
        "{not json",
        "",
        json.dumps({"id": "c", "title": "sin texto"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": ES}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    res = read(tmp_path / "batch.jsonl")
    assert [r.code if isinstance(r, Rejection) else r.id for r in res] == [
        "a",
        "E006",
        "E008",
        "E006",
        "batch-6",
    ]
    assert res[0].date == "2024-01-26" and res[0].lang == "es" and res[0].meta == {"extra": 1}
    assert res[1].origin.endswith("batch.jsonl:2")
    assert res[2].origin.endswith("batch.jsonl:4") and res[2].doc_id == "c"


def test_html_file_body_and_page_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    a = only(read(tmp_path / "page.html"))
    assert isinstance(a, Article)
    assert "negociará con los sindicatos mineros" in a.text
    assert "Inicio" not in a.text and "Aviso legal" not in a.text
    assert a.title == "Bolivia negocia | Diario de Prueba"
    assert a.date == "2024-01-26" and a.lang == "es"


def test_html_without_article_text_is_e005(tmp_path: Path) -> None:
    (tmp_path / "menu.html").write_text(
        "<html><body><nav><a href='/'>Inicio</a> <a href='/x'>Contacto</a></nav>"
        "<footer>Aviso legal</footer></body></html>"
    )
    r = only(read(tmp_path / "menu.html"))
    assert isinstance(r, Rejection) and r.code == "E005" and "menu.html" in r.reason


def test_folder_is_recursive_sorted_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ES)
    (tmp_path / "1.txt").write_text(ES)
    (tmp_path / "1.json").write_text(json.dumps({"id": "uno"}))  # sidecar, not an input
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4\x00")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": ES}) + "\n")
    assert [r.id for r in read(tmp_path)] == ["uno", "2", "c1"]


def test_empty_folder_is_named(tmp_path: Path) -> None:
    r = only(read(tmp_path))
    assert isinstance(r, Rejection) and r.code == "E009" and str(tmp_path) in r.reason


def test_stdin_is_sniffed(tmp_path: Path) -> None:
    jl = b"\n" + json.dumps({"id": "s1", "text": ES}).encode() + b"\n{oops\n"
    res = read("-", stdin=io.BytesIO(jl))
    assert res[0].id == "s1" and res[0].origin == "stdin:2"
    assert res[1].code == "E006" and res[1].origin == "stdin:3"
    html = only(read("-", stdin=io.StringIO(PAGE)))
    assert html.title.startswith("Bolivia negocia") and "sindicatos" in html.text
    text = only(read(stdin=io.BytesIO(ES.encode("utf-8"))))
    assert text.text == ES and text.origin == "stdin"
    assert only(read("-", stdin=io.BytesIO(b"x" * 500), max_bytes=100)).code == "E004"


def test_json_record_with_text_file(tmp_path: Path) -> None:
    (tmp_path / "body.txt").write_text(ES)
    (tmp_path / "meta.json").write_text(
        json.dumps({"id": "m", "date": "2024-01-26", "text_file": "body.txt"})
    )
    a = only(read(tmp_path / "meta.json"))
    assert a.id == "m" and a.text == ES and a.date == "2024-01-26"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-26T10:00:00Z", "2024-01-26"),
        ("2024-01-26 10:00", "2024-01-26"),
        ("2024/1/6", "2024-01-06"),
        ("20240126", "2024-01-26"),
        ("2024-02-30", "2024-02-30"),  # left as is: the pipeline rejects it with E011
        ("26 de enero", "26 de enero"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_date(value, expected) -> None:
    assert normalize_date(value) == expected


def test_normalize_lang_and_sniff() -> None:
    assert [normalize_lang(v) for v in ("es-ES", "EN_us", "Spanish", "", None)] == [
        "es",
        "en",
        "es",
        None,
        None,
    ]
    assert sniff_format(b'  {"id": 1}') == "jsonl"
    assert sniff_format("<!doctype html><html>") == "html"
    assert sniff_format("<Hola> dijo el ministro") == "text"
    assert sniff_format("{Nota} El gobierno dijo\nque no.") == "text"


def test_jsonl_line_over_the_limit_is_skipped_alone(tmp_path: Path) -> None:
    long = json.dumps({"id": "long", "text": "palabra " * 500})
    short = json.dumps({"id": "short", "text": ES})
    (tmp_path / "b.jsonl").write_text(f"{short}\n{long}\n{short}\n")
    res = read(tmp_path / "b.jsonl", max_bytes=1000)
    assert [r.code if isinstance(r, Rejection) else r.id for r in res] == ["short", "E004", "short"]
    assert res[1].origin.endswith("b.jsonl:2")
