"""Throughput and memory of the pipeline, beside the bare spaCy pipeline (the floor).

How it measures (see :func:`run_benchmark`):
- Every worker process loads the spaCy models once and builds one :class:`Pipeline` on
  those same models, with cronica's sentence cap added before the parser as ``Pipeline()``
  adds it in use (:func:`cronica.limits.cap_sentences`); the bare run is ``nlp.pipe`` of
  the same models on the same texts with that one component left out: the model as
  shipped. Both parse in the same batches (``batch_size`` texts per ``nlp.pipe`` call's
  minibatch), one process each.
- Warm-up (a few articles of each language through both, language detection included)
  is not timed.
- Each run times the bare pass and then the full pass (``Pipeline.pipe``: language
  check, parse, every stage), alternating so that load from other programs on the
  machine hits both alike; the figure is the median over runs.
- With N processes the articles are dealt round-robin to N workers; a barrier starts
  each pass together, and the pass's time is from the first start to the last finish.
- CPU seconds (``time.process_time`` of each worker, summed) are reported beside wall
  time: on a shared machine they show what the pipeline costs regardless of other load.
- Peak RSS is ``getrusage(RUSAGE_SELF).ru_maxrss`` of each worker (models, stages, the
  shard of texts), taken after the last run.
- CPU time by stage comes from one more pass with a clock around each stage's ``run``
  (not part of the medians); 'other' is the language check, the parse and sentences.
- Words are spaCy tokens that are neither punctuation nor space; sentences are the
  pipeline's sentences (``ArticleDoc.sentences``).

Modules: :mod:`~cronica.bench.corpus` (what is timed), :mod:`~cronica.bench.measure`
(workers, passes, rates), :mod:`~cronica.bench.report` (the plain-text table).
"""

from cronica.bench.corpus import (
    EVAL_DIR_ENV,
    Corpus,
    default_eval_dir,
    eval_corpus,
    path_corpus,
    synthetic_corpus,
)
from cronica.bench.measure import BARRIER_TIMEOUT, run_benchmark
from cronica.bench.report import format_report

__all__ = [
    "BARRIER_TIMEOUT",
    "EVAL_DIR_ENV",
    "Corpus",
    "default_eval_dir",
    "eval_corpus",
    "format_report",
    "path_corpus",
    "run_benchmark",
    "synthetic_corpus",
]
