"""cronica: political event data (PLOVER 2.0) from news articles, offline, Spanish and English."""

import logging

from cronica.model import SCHEMA_VERSION

__version__ = "0.1.0"
__all__ = ["extract", "extract_batch", "Pipeline", "SCHEMA_VERSION", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):  # lazy: importing cronica must not load spaCy
    if name in ("extract", "extract_batch", "Pipeline"):
        from cronica import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
