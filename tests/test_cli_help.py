"""What a new user sees: help without developer markup, coded errors for unreachable
services (issue 11)."""

from __future__ import annotations

import argparse

import pytest

from cronica.cli import COMMANDS, build_parser, main
from cronica.errors import redact_url


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_no_developer_markup_and_shows_an_example(name):
    text = _subparsers()[name].format_help()
    for markup in (":meth:", ":func:", ":mod:", ":class:", "``", "add_arguments(", "-> int"):
        assert markup not in text, (name, markup)
    assert "example" in text.lower(), name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_says_what_it_does(name):
    for action in _subparsers()[name]._actions:
        if action.option_strings and action.help != argparse.SUPPRESS:
            assert action.help and not action.help.startswith(" ("), (name, action.option_strings)
            takes_value = action.nargs != 0 and not isinstance(
                action, (argparse._StoreTrueAction, argparse._HelpAction))
            if takes_value and action.default not in (None, False, [], argparse.SUPPRESS):
                assert "default" in action.help.lower(), (name, action.option_strings)


def test_redact_url_hides_only_the_password():
    assert redact_url("postgresql://ana:s3cret@db.example:5432/x") == \
        "postgresql://ana:***@db.example:5432/x"
    assert redact_url("postgresql://ana@db/x") == "postgresql://ana@db/x"


def test_unreachable_postgres_is_a_coded_error_without_the_password(capsys):
    pytest.importorskip("psycopg")
    url = "postgresql://ana:s3cret@127.0.0.1:1/cronica"
    assert main(["query", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "[E020]" in err and "127.0.0.1:1" in err
    assert "s3cret" not in err and "Traceback" not in err


def test_extract_shows_a_progress_bar_on_a_terminal_unless_told(monkeypatch):
    import io

    from cronica.commands.extract import show_progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", Tty())
    assert show_progress(None) is True
    assert show_progress(False) is False
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert show_progress(None) is False
    assert show_progress(True) is True


def test_local_dask_logs_stay_quiet_unless_verbose():
    import logging

    from cronica.engines.driver import quiet_dask_logs

    root = logging.getLogger()
    old, old_d = root.level, logging.getLogger("distributed").level
    try:
        root.setLevel(logging.WARNING)
        logging.getLogger("distributed").setLevel(logging.INFO)
        quiet_dask_logs()
        assert logging.getLogger("distributed").level == logging.WARNING
        root.setLevel(logging.DEBUG)
        logging.getLogger("distributed").setLevel(logging.INFO)
        quiet_dask_logs()
        assert logging.getLogger("distributed").level == logging.INFO
    finally:
        root.setLevel(old)
        logging.getLogger("distributed").setLevel(old_d)


def test_a_missing_path_is_a_usage_error_that_leaves_nothing_behind(tmp_path, capsys):
    out = tmp_path / "events.jsonl"
    db = tmp_path / "c.db"
    missing = str(tmp_path / "articles")
    assert main(["extract", missing, "--format", "jsonl", "-o", str(out)]) == 2
    assert not out.exists()
    assert main(["ingest", missing, "--db", str(db)]) == 2
    assert "[E009]" in capsys.readouterr().err
    assert not db.exists()  # nothing stored, nothing listed by `cronica rejected`


def test_unreachable_dask_scheduler_is_a_coded_error(monkeypatch):
    distributed = pytest.importorskip("dask.distributed")

    from cronica.engines.driver import DaskEngine
    from cronica.errors import StoreError

    def refuse(*args, **kwargs):
        raise OSError("Timed out trying to connect to tcp://HOST:8786 after 15 s")

    monkeypatch.setattr(distributed, "Client", refuse)
    with pytest.raises(StoreError) as err:
        DaskEngine(scheduler="tcp://HOST:8786")
    assert err.value.code.value == "E021" and "tcp://HOST:8786" in err.value.message
