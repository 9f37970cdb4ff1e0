"""Running the pipeline over partitions: local worker processes, or Ray when installed.

The unit of work is the same everywhere: :func:`process_partition` takes a list of items
(Articles or ItemErrors) and returns them analyzed, loading the profile's models once per
worker process. Local processes use :func:`pipe_parallel`; a Ray cluster maps the same
function with :func:`ray_map` (``pip install 'rasd[ray]'``).
"""
from __future__ import annotations

import multiprocessing as mp
from typing import Iterable, Iterator

from .pipeline import Item, Pipeline

_WORKER: dict[str, Pipeline] = {}


def _pipeline(profile: str) -> Pipeline:
    """The worker's Pipeline for ``profile``, built on first use."""
    if profile not in _WORKER:
        _WORKER[profile] = Pipeline(profile)
    return _WORKER[profile]


def process_partition(items: list[Item], profile: str = "fast") -> list[Item]:
    """Analyze one partition; failures come back as error records in place."""
    pipeline = _pipeline(profile)
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


def pipe_parallel(items: Iterable[Item], profile: str = "fast", workers: int = 2,
                  chunk_size: int = 16) -> Iterator[Item]:
    """Like ``Pipeline.pipe`` but over ``workers`` processes; keeps input order, streams."""
    if workers <= 1:
        yield from Pipeline(profile).pipe(items, batch_size=chunk_size)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers) as pool:
        args = ((chunk, profile) for chunk in _chunks(items, chunk_size))
        for done in pool.imap(_star_process, args):
            yield from done


def _star_process(args) -> list[Item]:
    return process_partition(*args)


def ray_map(items: Iterable[Item], profile: str = "fast", partition_size: int = 64) -> Iterator[Item]:
    """Map :func:`process_partition` over partitions on a Ray cluster (local if none is running)."""
    try:
        import ray
    except ModuleNotFoundError as e:
        raise RuntimeError("Ray is not installed: pip install 'rasd[ray]'") from e
    if not ray.is_initialized():
        ray.init(include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    remote = ray.remote(process_partition)
    refs = [remote.remote(chunk, profile) for chunk in _chunks(items, partition_size)]
    for ref in refs:
        yield from ray.get(ref)
