"""The store schema and its forward migrations, for SQLite and PostgreSQL.

One schema, two dialects: the DDL below is written once with a few placeholders
(``{id}`` an auto-increment key, ``{real}`` a float, ``{c}`` a byte-wise collation for
code columns so that prefix ranges like ``'IRQ' <= code < 'IRR'`` use an index).
The version lives in table ``schema_version``; :data:`MIGRATIONS` lists, per version,
the statements that take a store from the previous version to it. Migrations only
go forward and each runs in one transaction.

Tables (every offset is a character offset into ``articles.text``):

- ``articles``: one row per distinct text (``content_hash`` UNIQUE), its metadata and
  ``layers`` (the JSON of ``ArticleDoc.to_dict()``).
- ``rejections``: inputs set aside, with error code and reason (one row per
  code/origin/hash; ``count`` says how many times it was seen).
- ``events``: merged events (see :mod:`cronica.store.merge`), one row per real-world
  event, with denormalised filter columns; ``event_records`` holds its JSON (the
  ``event_to_dict`` record of the first report).
- ``mentions``: which article, sentence and offsets support which merged event.
- ``actors``, ``quotes``, ``places``, ``dates``: the per-article layers, one row each.

Version 2 adds pre-computed counts of merged events (see :data:`ROLLUPS`), kept in step
with ``events`` in each article's transaction: ``event_days`` (per aux mode, day and
type), ``event_pairs`` (per aux mode, actor and recipient code), ``event_countries``
(per aux mode and country: the place's, else the actor's) and ``event_places`` (per aux
mode and geocoded place). A grouping whose filter they cover reads a few thousand rows
instead of scanning a million events. A count may drop to 0 (a merge moved the event):
readers sum and skip zero totals. It also widens ``events_actor`` into a covering index
(type, recipient and countries) and ``events_aux_date`` likewise, so that groupings
filtered by actor or by dates read no rows, and adds ``events_place`` for the events of
one place.

Version 3 adds ``event_country_links``: one row per distinct country among an event's
actor, recipient and place countries, indexed on (country, aux_key, date, row key) and
carrying the columns the country filter is combined with (type, actor and recipient
codes, n_sources, place and actor country; ``geo`` is 1 when the event has lat/lon; and
the map's event id, place name, lat and lon: see :data:`LINK_EXPRS`). A country filter
(an OR over three columns that no index serves) reads its events' counts, groupings, map
and pages from it. It is kept in step with ``events`` in each article's transaction (see
``SQLWriter._sync_links``); ``rk`` is the event's row key (SQLite: rowid; PostgreSQL: id),
so pages come out in the same order as from ``events``.
``event_sources`` does the same for the source filter: one row per source of an event (the
``|``-separated names of ``events.sources``, lower-cased at write), with the same columns;
``publishers`` lists every source name once. A source filter is a case-insensitive
substring of a name: the few names containing it are looked up in ``publishers``, then
their events read from ``event_sources`` (see ``SQLReader._index_from``; a text with
a '|' or matching more than ``SOURCE_NAMES`` names takes the substring path as before).

Version 4 adds ``events.place_search``: the place's names folded (cronica.textfold), as
the article writes it (``event_loc.text``: 'Tiro'), as the gazetteer names it ('Tyre') and
the gazetteer's alternate names (see :mod:`cronica.store.place_names`); the place filter
matches it instead of ``place_name`` (SQLite: ``events_fts`` indexes it instead; PostgreSQL:
a trigram index). Stores migrated from version 3 get the place as written and the
gazetteer name, lower-cased, without alternate names (an event stored again, or merged
into, gets them). It also adds ``events.embedded_in`` (the stored id of the event that
governs an embedded act: the threat of 'amenazaron con una huelga' for the strike),
``events.actor_country_source`` and ``recipient_country_source`` (which evidence gave the
country) and ``articles.contentious`` (the article's contentious-event probability).
"""

from __future__ import annotations

SCHEMA_VERSION = 4

_V1 = [
    """CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT,
        date TEXT,
        lang TEXT,
        url TEXT,
        source TEXT,
        origin TEXT,
        status TEXT NOT NULL DEFAULT 'stored',
        text TEXT NOT NULL,
        metadata TEXT,
        layers TEXT,
        n_events INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS articles_date ON articles(date)",
    "CREATE INDEX IF NOT EXISTS articles_ingested ON articles(ingested_at)",
    """CREATE TABLE IF NOT EXISTS rejections (
        id {id},
        key TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        doc_id TEXT,
        content_hash TEXT,
        at TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 1
    )""",
    """CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,
        merge_key TEXT {c} NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        context TEXT,
        aux_mode TEXT,
        aux_key TEXT NOT NULL DEFAULT '',
        actor_code TEXT {c},
        actor_text TEXT,
        actor_country TEXT,
        actor_sector TEXT,
        recipient_code TEXT {c},
        recipient_text TEXT,
        recipient_country TEXT,
        recipient_sector TEXT,
        date TEXT {c},
        date_precision TEXT,
        date_inferred INTEGER NOT NULL DEFAULT 0,
        date_lo TEXT {c},
        date_hi TEXT {c},
        event_loc TEXT,
        place_name TEXT,
        place_country TEXT,
        lat {real},
        lon {real},
        confidence {real},
        language TEXT,
        search_text TEXT,
        sources TEXT,
        article_ids TEXT NOT NULL,
        n_sources INTEGER NOT NULL DEFAULT 1,
        n_publishers INTEGER NOT NULL DEFAULT 1,
        first_seen TEXT,
        last_seen TEXT
    )""",
    # Nearly every query filters on aux_key (current events only, by default), so it
    # follows the leading column of each filter index: counts are then answered from the
    # index alone, without reading rows.
    "CREATE INDEX IF NOT EXISTS events_date ON events(date)",
    "CREATE INDEX IF NOT EXISTS events_aux_date ON events(aux_key, date)",
    "CREATE INDEX IF NOT EXISTS events_type ON events(type, aux_key, date)",
    "CREATE INDEX IF NOT EXISTS events_actor ON events(actor_code, aux_key, date)",
    "CREATE INDEX IF NOT EXISTS events_recipient ON events(recipient_code, aux_key, date)",
    "CREATE INDEX IF NOT EXISTS events_actor_country ON events(actor_country, aux_key, date)",
    "CREATE INDEX IF NOT EXISTS events_recipient_country ON events(recipient_country, aux_key, date)",
    "CREATE INDEX IF NOT EXISTS events_place_country ON events(place_country, aux_key, date)",
    "CREATE INDEX IF NOT EXISTS events_n_sources ON events(n_sources, aux_key, date)",
    "CREATE INDEX IF NOT EXISTS events_merge ON events(merge_key, date_lo)",
    # the JSON record is read only for the rows shown: kept apart, the events rows stay
    # small and scans over them fast
    """CREATE TABLE IF NOT EXISTS event_records (
        event_id TEXT PRIMARY KEY REFERENCES events(id),
        record TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS mentions (
        id {id},
        event_id TEXT NOT NULL REFERENCES events(id),
        article_id TEXT NOT NULL REFERENCES articles(id),
        local_id TEXT NOT NULL,
        sentence INTEGER,
        sentence_text TEXT,
        trigger_start INTEGER,
        trigger_end INTEGER,
        trigger_text TEXT,
        evidence TEXT,
        actor_start INTEGER,
        actor_end INTEGER,
        recipient_start INTEGER,
        recipient_end INTEGER,
        reported_by TEXT,
        quote TEXT,
        publisher TEXT,
        date TEXT,
        date_precision TEXT,
        date_inferred INTEGER NOT NULL DEFAULT 0,
        place_country TEXT,
        record TEXT NOT NULL,
        UNIQUE (article_id, local_id)
    )""",
    "CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event_id)",
    """CREATE TABLE IF NOT EXISTS actors (
        id {id},
        article_id TEXT NOT NULL REFERENCES articles(id),
        local_id TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        sentence INTEGER,
        text TEXT NOT NULL,
        code TEXT {c},
        codes TEXT,
        country TEXT,
        sector TEXT,
        kind TEXT,
        name TEXT,
        confidence {real}
    )""",
    "CREATE INDEX IF NOT EXISTS actors_article ON actors(article_id)",
    "CREATE INDEX IF NOT EXISTS actors_code ON actors(code)",
    """CREATE TABLE IF NOT EXISTS quotes (
        id {id},
        article_id TEXT NOT NULL REFERENCES articles(id),
        local_id TEXT NOT NULL,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_text TEXT,
        speaker_code TEXT,
        cue_start INTEGER NOT NULL,
        cue_end INTEGER NOT NULL,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        content_text TEXT,
        kind TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id)",
    """CREATE TABLE IF NOT EXISTS places (
        id {id},
        article_id TEXT NOT NULL REFERENCES articles(id),
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        sentence INTEGER,
        text TEXT NOT NULL,
        name TEXT,
        country TEXT,
        lat {real},
        lon {real},
        geonameid BIGINT,
        feature TEXT,
        metonymy INTEGER NOT NULL DEFAULT 0,
        from_dateline INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX IF NOT EXISTS places_article ON places(article_id)",
    """CREATE TABLE IF NOT EXISTS dates (
        id {id},
        article_id TEXT NOT NULL REFERENCES articles(id),
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        sentence INTEGER,
        text TEXT NOT NULL,
        value TEXT,
        precision TEXT,
        resolved INTEGER NOT NULL DEFAULT 1,
        relative INTEGER NOT NULL DEFAULT 0,
        note TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS dates_article ON dates(article_id)",
]

# SQLite only: a trigram full-text index over the substring filters (--text, --place,
# --source), kept in step with ``events`` by triggers. PostgreSQL scans with ILIKE.
_V1_SQLITE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(
        search_text, place_name, sources,
        content='events', content_rowid='rowid', tokenize='trigram'
    )""",
    """CREATE TRIGGER IF NOT EXISTS events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO events_fts (rowid, search_text, place_name, sources)
        VALUES (new.rowid, new.search_text, new.place_name, new.sources);
    END""",
    """CREATE TRIGGER IF NOT EXISTS events_fts_update
    AFTER UPDATE OF search_text, place_name, sources ON events BEGIN
        INSERT INTO events_fts (events_fts, rowid, search_text, place_name, sources)
        VALUES ('delete', old.rowid, old.search_text, old.place_name, old.sources);
        INSERT INTO events_fts (rowid, search_text, place_name, sources)
        VALUES (new.rowid, new.search_text, new.place_name, new.sources);
    END""",
    """CREATE TRIGGER IF NOT EXISTS events_fts_delete AFTER DELETE ON events BEGIN
        INSERT INTO events_fts (events_fts, rowid, search_text, place_name, sources)
        VALUES ('delete', old.rowid, old.search_text, old.place_name, old.sources);
    END""",
]

#: rollup table -> (key columns, the expression of each over ``events``, a row filter).
#: The key expressions never give NULL: a missing value is ''.
ROLLUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "event_days": (
        ("aux_key", "date", "type"),
        ("aux_key", "COALESCE(substr(date, 1, 10), '')", "type"),
        "",
    ),
    "event_pairs": (
        ("aux_key", "actor_code", "recipient_code"),
        ("aux_key", "COALESCE(actor_code, '')", "COALESCE(recipient_code, '')"),
        "",
    ),
    "event_countries": (
        ("aux_key", "country"),
        ("aux_key", "COALESCE(place_country, actor_country, '')"),
        "",
    ),
    "event_places": (
        ("aux_key", "name", "country", "lat", "lon"),
        ("aux_key", "COALESCE(place_name, '')", "COALESCE(place_country, '')", "lat", "lon"),
        " WHERE lat IS NOT NULL AND lon IS NOT NULL",
    ),
}


def rollup_fill(table: str) -> str:
    """The statement that (re)computes ``table`` from ``events`` (the table empty)."""
    cols, exprs, cond = ROLLUPS[table]
    groups = ", ".join(str(i + 1) for i in range(len(exprs)))
    return (f"INSERT INTO {table} ({', '.join(cols)}, n) SELECT {', '.join(exprs)}, COUNT(*) "
            f"FROM events{cond} GROUP BY {groups}")


_V2 = [
    """CREATE TABLE IF NOT EXISTS event_days (
        aux_key TEXT NOT NULL,
        date TEXT {c} NOT NULL,
        type TEXT NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (aux_key, date, type)
    ){norowid}""",
    """CREATE TABLE IF NOT EXISTS event_pairs (
        aux_key TEXT NOT NULL,
        actor_code TEXT {c} NOT NULL,
        recipient_code TEXT {c} NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (aux_key, actor_code, recipient_code)
    ){norowid}""",
    """CREATE TABLE IF NOT EXISTS event_countries (
        aux_key TEXT NOT NULL,
        country TEXT NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (aux_key, country)
    ){norowid}""",
    """CREATE TABLE IF NOT EXISTS event_places (
        aux_key TEXT NOT NULL,
        name TEXT NOT NULL,
        country TEXT NOT NULL,
        lat {real} NOT NULL,
        lon {real} NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (aux_key, name, country, lat, lon)
    ){norowid}""",
    *(rollup_fill(t) for t in ROLLUPS),
    # the largest pairs and places of one aux mode, without sorting them all
    "CREATE INDEX IF NOT EXISTS event_pairs_n ON event_pairs(aux_key, n)",
    "CREATE INDEX IF NOT EXISTS event_places_n ON event_places(aux_key, n)",
    # covering: groupings filtered by dates only (a year of events) read no rows
    "DROP INDEX IF EXISTS events_aux_date",
    "CREATE INDEX IF NOT EXISTS events_aux_date ON events(aux_key, date, type, actor_code, "
    "recipient_code, place_country, actor_country)",
    "DROP INDEX IF EXISTS events_actor",
    "CREATE INDEX IF NOT EXISTS events_actor ON events(actor_code, aux_key, date, type, "
    "recipient_code, place_country, actor_country)",
    "CREATE INDEX IF NOT EXISTS events_place ON events(place_name, aux_key, date)",
]

# PostgreSQL only: trigram indexes for the substring filters (ILIKE '%...%'), the
# counterpart of SQLite's events_fts, where the pg_trgm extension can be had (it ships
# with PostgreSQL's contrib and is "trusted": a database owner may create it); without
# it the filters scan, as in version 1.
_V2_POSTGRES = [
    """DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm unavailable: substring filters will scan';
    END $$""",
    """DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
            CREATE INDEX IF NOT EXISTS events_search_trgm ON events
                USING gin (search_text gin_trgm_ops);
            CREATE INDEX IF NOT EXISTS events_place_trgm ON events
                USING gin (place_name gin_trgm_ops);
            CREATE INDEX IF NOT EXISTS events_sources_trgm ON events
                USING gin (sources gin_trgm_ops);
        END IF;
    END $$""",
]

#: columns of event_country_links and event_sources besides country/source and rk, and
#: their expressions over ``events``; the map's columns (event_id, place_name, lat, lon)
#: come last, so that it too reads no event rows
LINK_EXPRS: dict[str, str] = {
    "aux_key": "aux_key", "date": "date", "type": "type", "actor_code": "actor_code",
    "recipient_code": "recipient_code", "n_sources": "n_sources",
    "place_country": "place_country", "actor_country": "actor_country",
    "geo": "CASE WHEN lat IS NOT NULL AND lon IS NOT NULL THEN 1 ELSE 0 END",
    "event_id": "id", "place_name": "place_name", "lat": "lat", "lon": "lon",
}
LINK_COLS: tuple[str, ...] = tuple(LINK_EXPRS)
#: LINK_COLS as a SELECT list over ``events``
LINK_SELECT = ", ".join(f"{e} AS {c}" for c, e in LINK_EXPRS.items())


def sources_fill(dialect: str) -> str:
    """The statement that fills ``event_sources`` from every event (the table empty)."""
    cols = ", ".join(LINK_COLS)
    if dialect == "postgres":
        return (f"INSERT INTO event_sources (source, rk, {cols}) SELECT s.source, e.id, "
                f"{LINK_SELECT} FROM events e CROSS JOIN LATERAL "
                "unnest(string_to_array(e.sources, '|')) AS s(source) WHERE s.source <> ''")
    return ("WITH RECURSIVE split(rk, rest, source) AS ("
            "SELECT rowid, sources || '|', '' FROM events WHERE sources <> '' UNION ALL "
            "SELECT rk, substr(rest, instr(rest, '|') + 1), substr(rest, 1, instr(rest, '|') - 1) "
            "FROM split WHERE rest <> '') "
            f"INSERT INTO event_sources (source, rk, {cols}) SELECT s.source, s.rk, "
            f"{LINK_SELECT} FROM split s JOIN events e ON e.rowid = s.rk WHERE s.source <> ''")


def links_fill(row_key: str, where: str = "") -> str:
    """The statement that inserts the country links of the events matching ``where`` (all
    of them when empty; ``where`` may use ``?`` placeholders, given once per column):
    one row per distinct non-null country of actor, recipient and place."""
    cols = ", ".join(LINK_COLS)
    conds = {
        "actor_country": "",
        "recipient_country": " AND (actor_country IS NULL OR recipient_country <> actor_country)",
        "place_country": " AND (actor_country IS NULL OR place_country <> actor_country) AND "
                         "(recipient_country IS NULL OR place_country <> recipient_country)",
    }
    parts = [f"SELECT {col} AS country, {row_key} AS rk, {LINK_SELECT} FROM events "
             f"WHERE {col} IS NOT NULL{cond}{where}" for col, cond in conds.items()]
    return f"INSERT INTO event_country_links (country, rk, {cols}) {' UNION ALL '.join(parts)}"


def _link_table(table: str, key: str) -> str:
    """DDL of a link table: one row per (key value, event), carrying what pages, counts,
    groupings and the map read under that filter (``event_country_links``, ``event_sources``)."""
    return f"""CREATE TABLE IF NOT EXISTS {table} (
        {key} TEXT NOT NULL,
        aux_key TEXT NOT NULL,
        date TEXT {{c}},
        rk {{rk}} NOT NULL,
        type TEXT NOT NULL,
        actor_code TEXT {{c}},
        recipient_code TEXT {{c}},
        n_sources INTEGER NOT NULL,
        place_country TEXT,
        actor_country TEXT,
        geo INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        place_name TEXT,
        lat {{real}},
        lon {{real}}
    )"""


_V3 = [
    _link_table("event_country_links", "country"),
    links_fill("{rowkey}"),
    # covering: counts, groupings and pages under a country filter read this index only
    "CREATE INDEX IF NOT EXISTS event_country_links_key ON event_country_links(country, "
    "aux_key, date, rk, type, actor_code, recipient_code, n_sources, place_country, "
    "actor_country, geo, event_id, place_name, lat, lon)",
    "CREATE INDEX IF NOT EXISTS event_country_links_rk ON event_country_links(rk)",
    _link_table("event_sources", "source"),
    "{sources_fill}",
    "CREATE INDEX IF NOT EXISTS event_sources_key ON event_sources(source, aux_key, date, rk, "
    "type, actor_code, recipient_code, n_sources, place_country, actor_country, geo, "
    "event_id, place_name, lat, lon)",
    "CREATE INDEX IF NOT EXISTS event_sources_rk ON event_sources(rk)",
    """CREATE TABLE IF NOT EXISTS publishers (
        name TEXT PRIMARY KEY
    )""",
    "INSERT INTO publishers (name) SELECT DISTINCT source FROM event_sources",
]

_V4 = [
    "ALTER TABLE events ADD COLUMN place_search TEXT",
    "ALTER TABLE events ADD COLUMN embedded_in TEXT",
    "ALTER TABLE events ADD COLUMN actor_country_source TEXT",
    "ALTER TABLE events ADD COLUMN recipient_country_source TEXT",
    "ALTER TABLE articles ADD COLUMN contentious {real}",
    # what a version-3 row knows of its place: the words of the text and the gazetteer name
    "UPDATE events SET place_search = lower(COALESCE({loc_text}, '') || ' | ' || "
    "COALESCE(place_name, '')) WHERE event_loc IS NOT NULL",
]

# SQLite: the trigram index covers place_search instead of place_name
_FTS_COLS = "search_text, place_search, sources"
_V4_SQLITE = [
    "DROP TRIGGER IF EXISTS events_fts_insert",
    "DROP TRIGGER IF EXISTS events_fts_update",
    "DROP TRIGGER IF EXISTS events_fts_delete",
    "DROP TABLE IF EXISTS events_fts",
    f"""CREATE VIRTUAL TABLE events_fts USING fts5(
        {_FTS_COLS}, content='events', content_rowid='rowid', tokenize='trigram'
    )""",
    f"""CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO events_fts (rowid, {_FTS_COLS})
        VALUES (new.rowid, new.search_text, new.place_search, new.sources);
    END""",
    f"""CREATE TRIGGER events_fts_update
    AFTER UPDATE OF {_FTS_COLS} ON events BEGIN
        INSERT INTO events_fts (events_fts, rowid, {_FTS_COLS})
        VALUES ('delete', old.rowid, old.search_text, old.place_search, old.sources);
        INSERT INTO events_fts (rowid, {_FTS_COLS})
        VALUES (new.rowid, new.search_text, new.place_search, new.sources);
    END""",
    f"""CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        INSERT INTO events_fts (events_fts, rowid, {_FTS_COLS})
        VALUES ('delete', old.rowid, old.search_text, old.place_search, old.sources);
    END""",
    "INSERT INTO events_fts (events_fts) VALUES ('rebuild')",
]

_V4_POSTGRES = [
    """DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
            CREATE INDEX IF NOT EXISTS events_place_search_trgm ON events
                USING gin (place_search gin_trgm_ops);
        END IF;
    END $$""",
]

#: version -> statements (templates) that bring the previous version to it
MIGRATIONS: dict[int, list[str]] = {1: _V1, 2: _V2, 3: _V3, 4: _V4}
#: statements that only one dialect runs, per version (after the shared ones)
DIALECT_MIGRATIONS: dict[str, dict[int, list[str]]] = {
    "sqlite": {1: _V1_SQLITE, 4: _V4_SQLITE},
    "postgres": {2: _V2_POSTGRES, 4: _V4_POSTGRES},
}

DIALECTS: dict[str, dict[str, str]] = {
    "sqlite": {"id": "INTEGER PRIMARY KEY", "real": "REAL", "c": "", "norowid": " WITHOUT ROWID",
               "rk": "INTEGER", "rowkey": "rowid", "sources_fill": sources_fill("sqlite"),
               "loc_text": "json_extract(event_loc, '$.text')"},
    "postgres": {
        "id": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        "real": "DOUBLE PRECISION",
        "c": 'COLLATE "C"',
        "norowid": "",
        "rk": "TEXT",
        "rowkey": "id",
        "sources_fill": sources_fill("postgres"),
        "loc_text": "(event_loc::json ->> 'text')",
    },
}

VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL
)"""


def statements(version: int, dialect: str) -> list[str]:
    """The migration to ``version`` rendered for ``dialect`` ('sqlite' or 'postgres')."""
    subs = DIALECTS[dialect]
    extra = DIALECT_MIGRATIONS.get(dialect, {}).get(version, [])
    return [s.format(**subs) for s in MIGRATIONS[version]] + list(extra)


def pending(current: int) -> list[int]:
    """Versions still to apply, in order, to a store at version ``current``."""
    return [v for v in sorted(MIGRATIONS) if v > current]
