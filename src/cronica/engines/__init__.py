"""Compute engines: where the pipeline runs. ``local`` (processes on this machine, the
default) and ``dask`` (a dask.distributed cluster). Both run the same batch function,
:func:`cronica.engines.batch.process_batch`, so they give identical results."""
