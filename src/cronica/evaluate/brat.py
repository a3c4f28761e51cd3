"""`cronica eval brat` (placeholder: to be written)."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path")


def run(args: argparse.Namespace) -> int:
    raise SystemExit("cronica eval brat: not yet available")
