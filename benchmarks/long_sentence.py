"""Time and peak memory of one document with no sentence break, N tokens long (issue 10).

Usage: python benchmarks/long_sentence.py N [N ...]   (prints one line per N)
The text repeats one invented Spanish clause without a full stop; each N runs in a fresh
process so that peak memory is its own.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time

WORDS = "el gobierno de Bolivia anunció que negociará con los sindicatos de Perú y".split()


def one(n: int) -> str:
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    text = " ".join(WORDS[i % len(WORDS)] for i in range(n))
    p = Pipeline()
    p.nlp("es")
    p.stages("es")
    t = time.perf_counter()
    (res,) = list(p.pipe([Article(id="long", text=text, lang="es", origin="long")]))
    secs = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    what = getattr(res, "code", None) or f"{len(res.events)} events"
    return f"{n} tokens, {len(text):,} chars: {secs:.1f} s, peak {rss:.0f} MB, {what}"


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(one(int(sys.argv[2])))
    else:
        for arg in sys.argv[1:]:
            subprocess.run([sys.executable, __file__, "--one", arg], check=True)
