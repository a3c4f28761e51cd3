"""Dask worker preload: load the pipelines when a worker starts, not on its first task.

    dask worker tcp://HOST:8786 --nthreads 1 --nworkers 8 --preload cronica.engines.preload

The warm-up (:func:`cronica.engines.batch.warm_up`) runs in a thread, so the worker keeps
answering the scheduler meanwhile; a task that arrives before it is done waits for it
rather than loading a second copy of the models.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from cronica.engines.batch import warm_up

logger = logging.getLogger(__name__)


async def dask_setup(worker: Any) -> None:
    """Called by Dask once the worker has started."""
    report = await asyncio.get_running_loop().run_in_executor(None, warm_up)
    logger.info("cronica pipelines loaded in %.1f s (peak RSS %.0f MB)",
                report["seconds"], report["peak_rss_mb"])
