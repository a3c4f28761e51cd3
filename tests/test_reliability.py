"""Bad input end to end: each one is rejected with its name and its problem; the rest go on.

One folder holds every kind of bad input the issue names beside good articles, and runs
through the real commands (``cronica extract``; ``cronica ingest`` then ``cronica
rejected``) in a subprocess, with the real models. Smaller tests pin the reader fixes
these runs and the property tests (test_read_properties.py) led to.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cronica.errors import InputError, Rejection
from cronica.model import Article
from cronica.pipeline import Pipeline
from cronica.read import read_inputs

LATIN1_ES = (
    "El ministro de Economía de Perú anunció el miércoles que el gobierno negociará "
    "con los sindicatos mineros en Lima."
)
GOOD_ES = "El gobierno de Bolivia anunció ayer que negociará con los sindicatos para poner fin a la huelga."
GOOD_EN = "Bolivia's government said on Thursday that it would negotiate with the miners' unions."
JSONL_EN = {
    "id": "j1",
    "lang": "en",
    "text": "Iraq's government said on Thursday that it would start talks with the United States.",
}
JSONL_ES = {
    "id": "j3",
    "date": "2024-03-01",
    "text": "El gobierno de Chile anunció el viernes que enviará ayuda humanitaria a Bolivia.",
}
HUGE_BYTES = 50 * 1024 * 1024 + 1

# file -> (error code, words of the problem that the message must state)
EXPECTED_REJECTIONS: dict[str, tuple[str, str]] = {
    "01_empty.txt": ("E001", "the document is empty"),
    "02_binary.txt": ("E002", "binary"),
    "04_huge.txt": ("E004", "too large"),
    "05_no_article.html": ("E005", "no article text"),
    "06_batch.jsonl:2": ("E006", "not a valid JSON object"),
    "07_portugues.txt": ("E007", "'pt'"),
}
# article id -> language it must come out with
EXPECTED_ARTICLES = {
    "03_latin1": "es",
    "j1": "en",
    "j3": "es",
    "08_malformed": "es",
    "09_good_es": "es",
    "10_good_en": "en",
}


def build_bad_folder(root: Path) -> Path:
    """Every kind of bad input beside good articles, in one folder."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "01_empty.txt").write_bytes(b"")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    (root / "02_binary.txt").write_bytes(png)
    (root / "03_latin1.txt").write_bytes(LATIN1_ES.encode("latin-1"))
    # real text, not a sparse file: the limit must hold on size alone, before reading
    line = b"Las protestas continuaron durante toda la semana en la capital del pais.\n"
    with open(root / "04_huge.txt", "wb") as fh:
        block = line * (1 << 14)
        while fh.tell() < HUGE_BYTES:
            fh.write(block)
    (root / "05_no_article.html").write_text(
        "<!DOCTYPE html><html lang='es'><head><title>Portada</title></head><body>"
        "<nav><a href='/'>Inicio</a> <a href='/deportes'>Deportes</a></nav>"
        "<footer>Aviso legal. Contacto</footer></body></html>",
        encoding="utf-8",
    )
    broken = '{"id": "j2", "text": "una línea cortada'
    (root / "06_batch.jsonl").write_text(
        "\n".join([json.dumps(JSONL_EN), broken, json.dumps(JSONL_ES, ensure_ascii=False)]) + "\n",
        encoding="utf-8",
    )
    (root / "07_portugues.txt").write_text(
        "O governo do Brasil anunciou nesta quinta-feira que as tropas vão deixar a região "
        "até o fim do ano, segundo o ministro da Defesa.",
        encoding="utf-8",
    )
    # unclosed <p> and <div>, crossed <b><i>, a stray </span>, no </body> or </html>
    (root / "08_malformed.html").write_text(
        "<html><head><title>Protestas en Lima</title><meta charset=utf-8><body>"
        "<div class=nota><p>Miles de manifestantes marcharon el martes en Lima para exigir "
        "la renuncia del presidente del Congreso.<p>La policía dispersó a los manifestantes "
        "con gases lacrimógenos cerca del Palacio Legislativo, según testigos."
        "<div><b><i>Más noticias</b></i></span>",
        encoding="utf-8",
    )
    (root / "09_good_es.txt").write_text(GOOD_ES, encoding="utf-8")
    (root / "10_good_en.txt").write_text(GOOD_EN, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    return build_bad_folder(tmp_path_factory.mktemp("bad") / "inbox")


def cronica(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "cronica", *argv],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def assert_rejections_name_input_and_problem(lines: list[str], folder: Path) -> None:
    """One line per expected rejection, with code, the input's path and the problem."""
    assert len(lines) == len(EXPECTED_REJECTIONS), lines
    for name, (code, problem) in EXPECTED_REJECTIONS.items():
        hits = [ln for ln in lines if f"{folder / name}:" in ln or f"{folder / name} " in ln]
        assert len(hits) == 1, (name, lines)
        assert f"[{code}]" in hits[0] and problem in hits[0], hits[0]


def test_bad_folder_holds_what_it_claims(bad_folder: Path) -> None:
    assert (bad_folder / "04_huge.txt").stat().st_size >= HUGE_BYTES
    assert b"\xed" in (bad_folder / "03_latin1.txt").read_bytes()  # 'í', not UTF-8
    with pytest.raises(UnicodeDecodeError):
        (bad_folder / "03_latin1.txt").read_bytes().decode("utf-8")


@pytest.mark.slow
def test_cli_extract_rejects_each_bad_input_and_processes_the_rest(
    bad_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    proc = cronica("extract", str(bad_folder), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    got = {r["article"]["id"]: r["article"]["lang"] for r in rows}
    assert got == EXPECTED_ARTICLES
    latin1 = next(r for r in rows if r["article"]["id"] == "03_latin1")
    assert latin1["events"], "the Latin-1 article is processed, not just read"
    malformed = next(r for r in rows if r["article"]["id"] == "08_malformed")
    assert malformed["article"]["title"] == "Protestas en Lima"
    rejected = [ln for ln in proc.stderr.splitlines() if ln.startswith("rejected: ")]
    assert_rejections_name_input_and_problem(rejected, bad_folder)
    assert proc.stderr.strip().splitlines()[-1].endswith(
        f"{len(EXPECTED_ARTICLES)} processed, {len(EXPECTED_REJECTIONS)} rejected"
    )


@pytest.mark.slow
def test_cli_ingest_records_each_rejection_for_cronica_rejected(
    bad_folder: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "store" / "c.db")
    proc = cronica("ingest", str(bad_folder), "--db", db, "--json")
    assert proc.returncode == 1, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["stored"] == len(EXPECTED_ARTICLES)
    assert summary["rejected"] == len(EXPECTED_REJECTIONS)
    listed = cronica("rejected", "--db", db, "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert_rejections_name_input_and_problem([r["reason"] for r in rows], bad_folder)
    by_origin = {r["origin"]: r for r in rows}
    for name, (code, _) in EXPECTED_REJECTIONS.items():
        assert by_origin[str(bad_folder / name)]["code"] == code


# -- what the runs above and the property tests revealed ----------------------------
def read(*paths: str | Path, **kw) -> list[Article | Rejection]:
    return list(read_inputs([str(p) for p in paths], **kw))


@pytest.mark.parametrize(("name", "content"), [("e.jsonl", b""), ("e.jsonl", b"\n  \n"), ("e.json", b"[]")])
def test_an_empty_jsonl_or_json_file_is_rejected_not_skipped(tmp_path, name, content) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [rej] = read(path)
    assert isinstance(rej, Rejection) and rej.code == "E001" and str(path) in rej.reason


def test_empty_stdin_read_as_jsonl_is_rejected() -> None:
    [rej] = list(read_inputs(["-"], stdin=io.BytesIO(b"\n"), fmt="jsonl"))
    assert isinstance(rej, Rejection) and rej.code == "E001" and rej.origin == "stdin"


def test_a_cut_jsonl_line_says_the_string_is_unterminated(tmp_path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text('{"id": "x", "text": "cortada\n', encoding="utf-8")
    [rej] = read(path)
    assert rej.code == "E006" and "Unterminated string starting at column 21" in rej.reason


def test_a_file_name_that_is_not_utf8_is_named_and_can_be_stored(tmp_path) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/informe_a\xf1o.txt", "wb") as fh:
        fh.write(GOOD_ES.encode("utf-8"))
    with open(folder + b"/vac\xedo.txt", "wb"):
        pass
    art, rej = read(tmp_path)
    assert isinstance(art, Article) and art.id == "informe_a\\xf1o"
    assert art.origin == str(tmp_path / "informe_a\\xf1o.txt")
    assert isinstance(rej, Rejection) and rej.origin.endswith("vac\\xedo.txt")
    for s in (art.id, art.origin, rej.origin, rej.reason):
        s.encode("utf-8")  # printable and storable: no surrogate escapes left


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "s\\udc80", "title": "t\\ud800", "lang": "es\\udfff", '
        '"text": "El gobierno anunci\\ud800 ayer que negociar\\u00e1."}\n',
        encoding="utf-8",
    )
    [art] = read(path)
    assert art.text == "El gobierno anunci\ufffd ayer que negociará."
    assert (art.id, art.title) == ("s\ufffd", "t\ufffd")
    assert art.content_hash  # hashing encodes the text as UTF-8


def test_prepare_rejects_text_with_a_lone_surrogate_as_an_input_error() -> None:
    art = Article(id="x", text="Irak anunci\ud800 que negociará.", origin="lib")
    with pytest.raises(InputError) as exc:
        Pipeline(nlp={}, stages={}).prepare(art)
    assert exc.value.code.value == "E003" and "U+D800 at character 11" in exc.value.message


def test_a_text_file_named_by_a_json_record_obeys_the_size_limit(tmp_path) -> None:
    (tmp_path / "big.txt").write_text(GOOD_ES * 100, encoding="utf-8")
    (tmp_path / "rec.json").write_text(json.dumps({"id": "r", "text_file": "big.txt"}))
    [rej] = read(tmp_path / "rec.json", max_bytes=1000)
    assert isinstance(rej, Rejection) and rej.code == "E004" and "big.txt" in rej.reason


def test_extract_never_reads_its_own_output_file_in_the_folder_it_reads(tmp_path) -> None:
    import spacy

    from cronica.cli import build_parser

    def blank(lang: str):
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        return nlp

    pipe = Pipeline(nlp={"es": blank("es"), "en": blank("en")}, stages={"es": [], "en": []})
    (tmp_path / "a.txt").write_text(GOOD_ES, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for _ in range(2):  # the second run finds the first run's output beside the input
        args = build_parser().parse_args(["extract", str(tmp_path), "-o", str(out)])
        assert args.func(args, pipeline=pipe) == 0
        assert [json.loads(ln)["article"]["id"] for ln in out.read_text().splitlines()] == ["a"]
    assert [a.id for a in read_inputs([str(tmp_path)], skip=[out])] == ["a"]
