"""Running the pipeline over partitions: local worker processes, or Ray when installed.

The unit of work is the same everywhere: :func:`process_partition` takes a list of items
(Articles or ItemErrors) and returns them analyzed with the process's shared pipeline
(:func:`rasd.pipeline.shared_pipeline`, models loaded once per worker). Local processes use
:func:`pipe_parallel`; a Ray cluster maps the same function with :func:`ray_map` or, for
``rasd ingest --engine ray``, a :class:`RayEngine` (``pip install 'rasd[ray]'``).

Both engines keep at most ``max_in_flight`` partitions submitted and not yet consumed
(:func:`bounded_map`): the input is read only as fast as results are taken, so a corpus of
any size runs in flat memory on the driver, and results come back in input order (the store
then holds exactly what a one-process run stores).
"""
from __future__ import annotations

import importlib.util
import logging
import multiprocessing as mp
from collections import deque
from typing import Callable, Iterable, Iterator, Optional, TypeVar

from .config import one_thread_per_worker
from .pipeline import Item, shared_pipeline
from .settings import Settings

H = TypeVar("H")
# Partitions in flight per worker: two keeps every worker busy while the driver consumes the
# previous result, without reading further ahead than that.
IN_FLIGHT_PER_WORKER = 2


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


def bounded_map(chunks: Iterable[list[Item]], submit: Callable[[list[Item]], H],
                result: Callable[[H], list[Item]], max_in_flight: int) -> Iterator[Item]:
    """``submit`` each chunk and yield ``result(handle)`` in order, never holding more than
    ``max_in_flight`` submitted chunks: the next chunk is read only after the oldest result
    is taken, which is the back-pressure that keeps memory flat."""
    if max_in_flight < 1:
        raise ValueError("max_in_flight must be at least 1")
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= max_in_flight:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def pipe_parallel(items: Iterable[Item], settings: Settings | None = None, workers: int | None = None,
                  chunk_size: int = 16, max_in_flight: Optional[int] = None) -> Iterator[Item]:
    """Like ``Pipeline.pipe`` but over ``workers`` processes; keeps input order, streams.

    ``Pool.imap`` was used here before: its feeder thread reads the whole input ahead of the
    workers, so a big corpus was held in memory at once. Now at most ``max_in_flight``
    chunks (default two per worker) are submitted and not yet consumed."""
    settings = settings or Settings()
    workers = workers or settings.workers
    if workers <= 1:
        yield from shared_pipeline(settings).pipe(items, batch_size=chunk_size)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=one_thread_per_worker) as pool:
        yield from bounded_map(_chunks(items, chunk_size),
                               lambda chunk: pool.apply_async(process_partition, (chunk, settings)),
                               lambda handle: handle.get(),
                               max_in_flight or IN_FLIGHT_PER_WORKER * workers)


def _ray():
    if importlib.util.find_spec("ray") is None:
        raise RuntimeError("Ray is not installed: pip install 'rasd[ray]'")
    import ray

    return ray


def ray_map(items: Iterable[Item], settings: Settings | None = None, partition_size: int = 64,
            max_in_flight: Optional[int] = None) -> Iterator[Item]:
    """Map :func:`process_partition` over partitions on a Ray cluster (local if none is
    running), at most ``max_in_flight`` partitions (default two per CPU) at a time."""
    ray = _ray()
    if not ray.is_initialized():
        ray.init(include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    remote = ray.remote(process_partition)
    window = max_in_flight or IN_FLIGHT_PER_WORKER * max(1, int(ray.cluster_resources().get("CPU", 1)))
    yield from bounded_map(_chunks(items, partition_size),
                           lambda chunk: remote.remote(chunk, settings or Settings()), ray.get, window)


def _ray_partition(items: list[Item], settings: Settings) -> tuple[dict, list[Item]]:
    """A Ray task: the partition analyzed, and the provenance of the build that analyzed it."""
    return settings.provenance(), process_partition(items, settings)


class BuildMismatch(RuntimeError):
    """A Ray worker runs another rasd build than the driver (its records would carry a
    provenance that did not produce them)."""


class RayEngine:
    """``rasd ingest --engine ray``: analyze through Ray tasks, bounded and in input order.

    Without ``address`` a local Ray is started on 127.0.0.1 with ``workers`` CPUs (and shut
    down by :meth:`close`); with one (``auto``, ``HOST:6379``, ``ray://HOST:10001``) the
    cluster's CPUs are used and ``workers`` only sizes the window of partitions in flight.
    Every task reports the provenance of its worker's build; a different one is refused
    (:class:`BuildMismatch`): every node must run the same rasd and models."""

    def __init__(self, settings: Settings, workers: int = 1, address: Optional[str] = None,
                 partition_size: int = 16, max_in_flight: Optional[int] = None):
        self.ray = _ray()
        self.settings, self.partition_size = settings, partition_size
        self.started = False
        if not self.ray.is_initialized():
            if address:
                self.ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
            else:
                self.ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                              logging_level=logging.WARNING, _node_ip_address="127.0.0.1")
            self.started = True
        cpus = int(self.ray.cluster_resources().get("CPU", workers))
        self.max_in_flight = max_in_flight or IN_FLIGHT_PER_WORKER * max(workers, cpus, 1)
        self.remote = self.ray.remote(_ray_partition)
        self.provenance = settings.provenance()

    def _result(self, ref) -> list[Item]:
        provenance, items = self.ray.get(ref)
        if provenance != self.provenance:
            raise BuildMismatch(f"a Ray worker runs another rasd build ({provenance}) than this one "
                                f"({self.provenance}): install the same rasd on every node")
        return items

    def __call__(self, items: Iterable[Item]) -> Iterator[Item]:
        return bounded_map(_chunks(items, self.partition_size),
                           lambda chunk: self.remote.remote(chunk, self.settings),
                           self._result, self.max_in_flight)

    def close(self) -> None:
        if self.started and self.ray.is_initialized():
            self.ray.shutdown()
        self.started = False

    def __enter__(self) -> "RayEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def engine(name: str, settings: Settings, address: Optional[str] = None):
    """The analyzer for ``rasd ingest --engine NAME``: None for the local engine (the service
    layer's own worker processes), a :class:`RayEngine` (a context manager) for ``ray``."""
    if name == "local":
        if address:
            raise ValueError("--ray-address needs --engine ray")
        return None
    if name == "ray":
        return RayEngine(settings, workers=settings.workers, address=address)
    raise ValueError(f"unknown engine {name!r}: local or ray")
