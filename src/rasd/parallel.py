"""Running the pipeline over partitions: local worker processes, or Ray when installed.

The unit of work is the same everywhere: :func:`process_partition` takes a list of items
(Articles or ItemErrors) and returns them analyzed with the process's shared pipeline
(:func:`rasd.pipeline.shared_pipeline`, models loaded once per worker). Local processes use
:func:`pipe_parallel`; a Ray cluster maps the same function with :func:`ray_map`
(``pip install 'rasd[ray]'``).
"""
from __future__ import annotations

import importlib.util
import multiprocessing as mp
from typing import Iterable, Iterator

from .config import one_thread_per_worker
from .pipeline import Item, shared_pipeline
from .settings import Settings


def process_partition(items: list[Item], settings: Settings | None = None) -> list[Item]:
    """Analyze one partition; failures come back as error records in place."""
    pipeline = shared_pipeline(settings or Settings())
    return [pipeline.process(item) for item in items]


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def pipe_parallel(items: Iterable[Item], settings: Settings | None = None, workers: int | None = None,
                  chunk_size: int = 16) -> Iterator[Item]:
    """Like ``Pipeline.pipe`` but over ``workers`` processes; keeps input order, streams."""
    settings = settings or Settings()
    workers = workers or settings.workers
    if workers <= 1:
        yield from shared_pipeline(settings).pipe(items, batch_size=chunk_size)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=one_thread_per_worker) as pool:
        args = ((chunk, settings) for chunk in _chunks(items, chunk_size))
        for done in pool.imap(_star_process, args):
            yield from done


def _star_process(args) -> list[Item]:
    return process_partition(*args)


def ray_map(items: Iterable[Item], settings: Settings | None = None, partition_size: int = 64) -> Iterator[Item]:
    """Map :func:`process_partition` over partitions on a Ray cluster (local if none is running)."""
    if importlib.util.find_spec("ray") is None:
        raise RuntimeError("Ray is not installed: pip install 'rasd[ray]'")
    import ray

    if not ray.is_initialized():
        ray.init(include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    remote = ray.remote(process_partition)
    refs = [remote.remote(chunk, settings or Settings()) for chunk in _chunks(items, partition_size)]
    for ref in refs:
        yield from ray.get(ref)
