"""Train the learned aux-mode layer (``src/cronica/data/models/aux_es.json``).

Data: the *fit* articles of the attribution dev gold (``attribution_es_dev.jsonl``, the
fit/check split of :mod:`cronica.evaluate.split`) and the team's silver set
(``benchmarks/silver/attribution_es_silver.jsonl``, all fit). For each gold event mode
whose trigger has an event, the event's facts (:mod:`cronica.stages.events.aux_facts`,
read after the rules of the 'aux' stage) and the gold mode.

Model: multinomial logistic regression (numpy, L2), chosen by grouped cross-validation over
articles (leave-one-article-out). The layer overrides the rules only when its top mode beats
the rules' mode by a log-odds margin; the L2 strength and the margin are chosen by the same
grouped CV, and a nested grouped CV (each article held out of the choice too) estimates the
chosen setting honestly.

The gold samples current events (at most five clear ones an article; every non-current
mention is annotated), so its mode priors are not those of the copy: the script also reports
the CV with the priors corrected for that label shift (Saerens et al. 2002), the copy's priors
estimated from the rules' modes over every event of the same articles through the rules'
confusion on the gold (adjusted counts, Forman 2008).

Nothing is written unless ``--write`` is given: on 2026-12-07 the layer gained in CV only
through facts that mirror the sampling (event type, position in the article) and changed
current events of unannotated copy to historical with about 40 % precision, so no weights
ship (docs/benchmarks.md, section aux11). It is not part of ``make train``.

    python scripts/train_aux.py ../shared/eval [--dump rows.jsonl] [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cronica.evaluate.attribution import article_part, event_at, read_gold  # noqa: E402
from cronica.stages.events.aux_facts import MODES  # noqa: E402

OUT = ROOT / "src/cronica/data/models/aux_es.json"
SILVER = ROOT / "benchmarks/silver/attribution_es_silver.jsonl"
UP_TO_AUX = ("actors", "events", "magnitude", "time", "aux")


def _event_dict(e) -> dict:
    return {"trigger": {"start": e.trigger.start, "end": e.trigger.end},
            "mentions": [{"start": m.start, "end": m.end} for m in e.mentions],
            "event": e.event, "embedded_in": e.embedded_in, "_e": e}


def collect(eval_dir: Path) -> tuple[list[dict], dict[str, int]]:
    """One row per gold event mode of a fit article whose trigger has an event; and how
    often the rules propose each mode over every event of those articles (annotated or not:
    the gold samples current events, at most five an article)."""
    from cronica.model import Article
    from cronica.pipeline import Pipeline
    from cronica.stages.events import aux_model

    aux_model.COLLECT = []  # the aux stage records every event's facts, the layer off
    articles = eval_dir / "brat_es_afp"
    docs = [d for d in read_gold(eval_dir / "attribution_es_dev.jsonl", articles) if article_part(d) == "fit"]
    docs += read_gold(SILVER, articles)
    pipe = Pipeline(only=UP_TO_AUX)
    rows = []
    every: dict[str, int] = {}
    arts = [Article(id=d.id, text=d.text, lang="es", date=d.pub_date, origin=d.id, source="AFP") for d in docs]
    for d, adoc in zip(docs, pipe.pipe(arts, batch_size=1), strict=True):
        facts = {id(e): f for e, f in aux_model.COLLECT}
        for e, _ in aux_model.COLLECT:
            every[e.aux_mode or "current"] = every.get(e.aux_mode or "current", 0) + 1
        aux_model.COLLECT.clear()
        events = [_event_dict(e) for e in [*adoc.events, *adoc.secondary_events]]
        for gm in d.record["event_modes"]:
            ev = event_at(gm, events)
            if ev is None or id(ev["_e"]) not in facts:
                continue
            rows.append({"article": d.id, "gold": gm["aux"], "rule": ev["_e"].aux_mode or "current",
                         "facts": facts[id(ev["_e"])],
                         "text": d.text[gm["start"]:gm["end"]]})
    aux_model.COLLECT = None
    return rows, every


# -- the model -------------------------------------------------------------------------------
def design(rows: list[dict], vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(rows), len(vocab) + 1))
    x[:, -1] = 1.0  # bias
    for i, r in enumerate(rows):
        for f in r["facts"]:
            j = vocab.get(f)
            if j is not None:
                x[i, j] = 1.0
    return x


def fit_lr(x: np.ndarray, y: np.ndarray, l2: float, iters: int = 400) -> np.ndarray:
    """Multinomial logistic regression by full-batch gradient descent with L2 (bias free)."""
    k = len(MODES)
    w = np.zeros((x.shape[1], k))
    onehot = np.eye(k)[y]
    lr = 0.5
    for _ in range(iters):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = x.T @ (p - onehot) / len(y)
        g[:-1] += l2 * w[:-1]
        w -= lr * g
    return w


def decide(scores: np.ndarray, rule: np.ndarray, margin: float) -> np.ndarray:
    """The model's mode where it beats the rules' mode by ``margin`` log-odds, else the rules'."""
    top = scores.argmax(axis=1)
    gap = scores[np.arange(len(rule)), top] - scores[np.arange(len(rule)), rule]
    return np.where(gap > margin, top, rule)


def vocab_of(rows: list[dict], min_count: int = 2) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rows:
        for f in set(r["facts"]):
            counts[f] = counts.get(f, 0) + 1
    keep = sorted(f for f, c in counts.items() if c >= min_count)
    return {f: i for i, f in enumerate(keep)}


GRID_L2 = (0.01, 0.03, 0.1)
GRID_MARGIN = (0.5, 1.0, 1.5, 2.0)


def grouped_scores(rows: list[dict], l2: float) -> np.ndarray:
    """Leave-one-article-out scores (log-odds) of every row."""
    y = np.array([MODES.index(r["gold"]) for r in rows])
    arts = np.array([r["article"] for r in rows])
    out = np.zeros((len(rows), len(MODES)))
    for a in sorted(set(arts)):
        held = arts == a
        train = [r for r, h in zip(rows, held, strict=True) if not h]
        vocab = vocab_of(train)
        w = fit_lr(design(train, vocab), y[~held], l2)
        out[held] = design([r for r, h in zip(rows, held, strict=True) if h], vocab) @ w
    return out


def choose(rows: list[dict]) -> tuple[float, float | None, float | None, list[tuple[float, float, float]]]:
    """(accuracy, l2, margin) of the best setting by leave-one-article-out CV, with the
    table; l2 None when no setting beats the rules."""
    y = np.array([MODES.index(r["gold"]) for r in rows])
    rule = np.array([MODES.index(r["rule"]) for r in rows])
    best: tuple[float, float | None, float | None] = (float((rule == y).mean()), None, None)
    table = []
    for l2 in GRID_L2:
        scores = grouped_scores(rows, l2)
        for margin in GRID_MARGIN:
            acc = float((decide(scores, rule, margin) == y).mean())
            table.append((l2, margin, acc))
            if acc > best[0] + 1e-9:
                best = (acc, l2, margin)
    return (*best, table)


def nested(rows: list[dict]) -> np.ndarray:
    """The layer's decisions with every article held out of both the fit and the choice of
    l2 and margin (nested grouped CV): an honest estimate of the chosen setting's accuracy."""
    rule = np.array([MODES.index(r["rule"]) for r in rows])
    y = np.array([MODES.index(r["gold"]) for r in rows])
    arts = np.array([r["article"] for r in rows])
    pred = rule.copy()
    for a in sorted(set(arts)):
        held = arts == a
        train = [r for r, h in zip(rows, held, strict=True) if not h]
        _, l2, margin = choose(train)[:3]
        if l2 is None or margin is None:
            continue
        vocab = vocab_of(train)
        w = fit_lr(design(train, vocab), y[~held], l2)
        scores = design([r for r, h in zip(rows, held, strict=True) if h], vocab) @ w
        pred[held] = decide(scores, rule[held], margin)
    return pred


def prior_shift(rows: list[dict], every: dict[str, int]) -> np.ndarray:
    """log(copy prior / gold prior) per mode. The copy's priors solve q = C^T pi, where q is
    how often the rules propose each mode over every event of the articles and C[g, r] how
    often the rules propose r for gold mode g (adjusted counts), by projected gradient."""
    conf = np.full((len(MODES), len(MODES)), 1e-3)
    for r in rows:
        conf[MODES.index(r["gold"]), MODES.index(r["rule"])] += 1
    gold_prior = conf.sum(axis=1) / conf.sum()
    conf /= conf.sum(axis=1, keepdims=True)
    q = np.array([every.get(m, 0) for m in MODES], dtype=float)
    q /= q.sum()
    pi = np.full(len(MODES), 1 / len(MODES))
    for _ in range(20000):
        pi = np.clip(pi - 0.5 * conf @ (conf.T @ pi - q), 1e-4, None)
        pi /= pi.sum()
    return np.log(pi / gold_prior)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval_dir", type=Path)
    ap.add_argument("--dump", type=Path, help="write the rows (facts, gold, rule, trigger words) here; keep it outside the repository")
    ap.add_argument("--rows", type=Path, help="read rows from a dump instead of running the pipeline")
    ap.add_argument("--no-nested", action="store_true", help="skip the nested CV (3 CPU minutes)")
    ap.add_argument("--write", action="store_true", help="write the model when nested CV beats the rules")
    args = ap.parse_args(argv)
    if args.rows:
        lines = [json.loads(x) for x in args.rows.read_text().splitlines() if x.strip()]
        rows, every = lines[1:], lines[0]
    else:
        rows, every = collect(args.eval_dir)
    if args.dump:
        args.dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [every, *rows]))
    y = np.array([MODES.index(r["gold"]) for r in rows])
    rule = np.array([MODES.index(r["rule"]) for r in rows])
    base = float((rule == y).mean())
    n_art = len({r["article"] for r in rows})
    print(f"rows {len(rows)} articles {n_art}; rules right {base:.3f}")
    shift = prior_shift(rows, every)
    print("label-shift correction (log copy prior / gold prior):",
          dict(zip(MODES, np.round(shift, 2).tolist(), strict=True)))
    for l2_ in GRID_L2:
        scores = grouped_scores(rows, l2_) + shift
        print(f"  corrected, l2 {l2_}:", [(m, round(float((decide(scores, rule, m) == y).mean()), 3))
                                         for m in GRID_MARGIN])
    acc, l2, margin, table = choose(rows)
    for t in table:
        print(f"  l2 {t[0]} margin {t[1]}: {t[2]:.3f}")
    if l2 is None or margin is None:
        print("the learned layer does not beat the rules in grouped CV: nothing written")
        return 0
    print(f"chosen l2 {l2} margin {margin}: {acc:.3f} (leave-one-article-out)")
    report: dict = {"rules": round(base, 4), "chosen": round(acc, 4), "rows": len(rows), "articles": n_art}
    if not args.no_nested:
        pred = nested(rows)
        moved = pred != rule
        report.update(nested=round(float((pred == y).mean()), 4), moved=int(moved.sum()),
                      moved_right=int((moved & (pred == y)).sum()), moved_wrong=int((moved & (rule == y)).sum()))
        print(f"nested grouped CV: {report}")
        if report["nested"] <= base:
            print("the layer does not beat the rules in nested grouped CV: nothing written")
            return 0
    vocab = vocab_of(rows)
    w = fit_lr(design(rows, vocab), y, l2)
    model = {"source": "attribution_es_dev.jsonl (fit articles) + benchmarks/silver (24 articles); "
                       "scripts/train_aux.py",
             "modes": list(MODES), "facts": list(vocab), "weights": np.round(w[:-1], 4).tolist(),
             "bias": np.round(w[-1], 4).tolist(), "margin": margin, "l2": l2, "cv": report}
    if args.write:
        OUT.write_text(json.dumps(model, ensure_ascii=False) + "\n")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
