"""Running the pipeline over partitions: local worker processes, or Ray when installed.

The unit of work is the same everywhere: :func:`process_partition` takes a list of items
(Articles or ItemErrors) and returns them analyzed with the process's shared pipeline
(:func:`rasd.pipeline.shared_pipeline`, models loaded once per worker). Local processes use
:func:`pipe_parallel`; a Ray cluster maps the same function with :func:`ray_map`
(``pip install 'rasd[ray]'``). ``rasd ingest`` takes an engine, :class:`LocalEngine`
(``--workers N``) or :class:`RayEngine` (``--engine ray``), whose workers also compute the
story embeddings of their partition (:func:`analyze_and_embed`).

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
    return [_lean(pipeline.process(item)) for item in items]


def _lean(item: Item) -> Item:
    """The item without its sentence and token layers: nothing downstream of a worker reads
    them (the store and the JSON keep annotations only), and they are two thirds of what
    crosses the process boundary (18 kB pickled per raw_news article, 6 kB without)."""
    from .model import Article

    return item.with_text_layer((), ()) if isinstance(item, Article) and item.tokens else item


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


class _Collected:
    """Stands in for the store as the embedding cache of ``embed_articles`` in a worker: it
    holds nothing, and keeps the rows the embedder would write."""

    def __init__(self):
        self.kind, self.rows = None, []

    def embeddings(self, ids, kind) -> dict:
        return {}

    def put_embeddings(self, kind: str, rows: list) -> None:
        self.kind = kind
        self.rows.extend(rows)


def analyze_and_embed(items: list[Item], settings: Settings) -> tuple[dict, list[Item], Optional[str], list]:
    """A partition analyzed, plus the story embeddings of its articles and the provenance of
    the build that made them. The story update embeds every new article; done here, in the
    worker, instead of in the one process that updates the stories (120 articles: 42 s of a
    58 s ingest on 2 cores), that work spreads over the workers too. The vectors are the
    same bit for bit (e5 gives identical floats for any batch and thread count)."""
    from .model import Article
    from .stories.similarity import embed_articles

    done = process_partition(items, settings)
    arts = [i for i in done if isinstance(i, Article)]
    kept = _Collected()
    if arts:
        try:
            embed_articles(arts, settings.profile, cache=kept)
        except Exception:  # noqa: BLE001 -- the story update embeds them itself, and fails there if it must
            kept = _Collected()
    return settings.provenance(), done, kept.kind, kept.rows


class BuildMismatch(RuntimeError):
    """A Ray worker runs another rasd build than the driver (its records would carry a
    provenance that did not produce them)."""


class _Engine:
    """What both engines share: partitions through :func:`analyze_and_embed`, at most
    ``max_in_flight`` at a time, in input order; the embeddings that come back wait here until
    their articles are stored (:meth:`stored`, the service layer's ``on_stored`` hook), since
    an embedding row refers to its article."""

    def __init__(self, settings: Settings, partition_size: int, max_in_flight: int):
        self.settings, self.partition_size, self.max_in_flight = settings, partition_size, max_in_flight
        self.provenance = settings.provenance()
        self.kind: Optional[str] = None
        self.waiting: dict[str, tuple] = {}  # article id -> (id, text hash, vector bytes)

    def _submit(self, chunk: list[Item]):
        raise NotImplementedError

    def _get(self, handle) -> tuple:
        raise NotImplementedError

    def _result(self, handle) -> list[Item]:
        provenance, items, kind, rows = self._get(handle)
        if provenance != self.provenance:
            raise BuildMismatch(f"a Ray worker runs another rasd build ({provenance}) than this one "
                                f"({self.provenance}): install the same rasd on every node")
        self.kind = kind or self.kind
        self.waiting.update((r[0], r) for r in rows)
        return items

    def __call__(self, items: Iterable[Item]) -> Iterator[Item]:
        return bounded_map(_chunks(items, self.partition_size), self._submit, self._result, self.max_in_flight)

    def stored(self, store, articles: list) -> None:
        """Write the embeddings of ``articles``, just stored, into the store's cache."""
        rows = [self.waiting.pop(a.id) for a in articles if a.id in self.waiting]
        if rows and self.kind:
            store.put_embeddings(self.kind, rows)

    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LocalEngine(_Engine):
    """``rasd ingest --workers N``: N worker processes on this machine (spawned, one e5
    thread each)."""

    def __init__(self, settings: Settings, workers: int, partition_size: int = 16,
                 max_in_flight: Optional[int] = None):
        super().__init__(settings, partition_size, max_in_flight or IN_FLIGHT_PER_WORKER * workers)
        self.pool = mp.get_context("spawn").Pool(workers, initializer=one_thread_per_worker)

    def _submit(self, chunk: list[Item]):
        return self.pool.apply_async(analyze_and_embed, (chunk, self.settings))

    def _get(self, handle) -> tuple:
        return handle.get()

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


class RayEngine(_Engine):
    """``rasd ingest --engine ray``: analyze through Ray tasks, bounded and in input order.

    Without ``address`` a local Ray is started on 127.0.0.1 with ``workers`` CPUs (and shut
    down by :meth:`close`); with one (``auto``, ``HOST:6379``, ``ray://HOST:10001``) the
    cluster's CPUs are used and ``workers`` only sizes the window of partitions in flight.
    Every task reports the provenance of its worker's build; a different one is refused
    (:class:`BuildMismatch`): every node must run the same rasd and models."""

    def __init__(self, settings: Settings, workers: int = 1, address: Optional[str] = None,
                 partition_size: int = 16, max_in_flight: Optional[int] = None):
        self.ray = _ray()
        self.started = False
        if not self.ray.is_initialized():
            if address:
                self.ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
            else:
                self.ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                              logging_level=logging.WARNING, _node_ip_address="127.0.0.1")
            self.started = True
        cpus = int(self.ray.cluster_resources().get("CPU", workers))
        super().__init__(settings, partition_size, max_in_flight or IN_FLIGHT_PER_WORKER * max(workers, cpus, 1))
        self.remote = self.ray.remote(analyze_and_embed)

    def _submit(self, chunk: list[Item]):
        return self.remote.remote(chunk, self.settings)

    def _get(self, handle) -> tuple:
        return self.ray.get(handle)

    def close(self) -> None:
        if self.started and self.ray.is_initialized():
            self.ray.shutdown()
        self.started = False


def engine(name: str, settings: Settings, address: Optional[str] = None):
    """The analyzer for ``rasd ingest --engine NAME``: None for one local process (the
    service layer's own pipeline), a :class:`LocalEngine` for ``local`` with more workers,
    a :class:`RayEngine` for ``ray``; both are context managers."""
    if name == "local":
        if address:
            raise ValueError("--ray-address needs --engine ray")
        return LocalEngine(settings, settings.workers) if settings.workers > 1 else None
    if name == "ray":
        return RayEngine(settings, workers=settings.workers, address=address)
    raise ValueError(f"unknown engine {name!r}: local or ray")
