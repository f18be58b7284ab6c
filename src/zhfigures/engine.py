"""Where documents are extracted: here, in N worker processes, or on a Dask cluster.

Every engine runs the same per-document function, `extract_document`, and
yields `(doc, figures)` in the order the documents came, as they finish.
Only a bounded window of documents is in flight at a time, so the writer
streams rows to disk and memory stays flat however large the corpus.
"""
from __future__ import annotations

import signal
from collections import deque
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .corpus import Doc, Skipped
from .parser import extract
from .record import Figure
from .rules import load_rules

Results = Iterator[tuple[Doc, "list[Figure] | Skipped"]]
PER_WORKER = 4      # documents queued per worker: enough to keep it busy, few to hold


class EngineError(Exception):
    """The engine cannot run (dask missing, scheduler unreachable): one line for the user."""


def extract_document(doc: Doc, rules_dir: str | None = None) -> list[Figure] | Skipped:
    """Every figure of one document. Rules (and jieba) load once per process: load_rules caches.

    A bug in extraction must not end a run over ten thousand files: the
    document is skipped with the error named, and the run goes on (a broken
    rules folder still stops it, from load_rules, before any document).
    """
    rules = load_rules(rules_dir)
    try:
        return extract(doc.text, doc.doc_id, rules)
    except Exception as err:  # noqa: BLE001 — any bug, reported per document
        return Skipped(doc.path, f"extraction failed ({type(err).__name__}: {err}); please report this file")


def results(docs: Iterable[Doc], rules_dir: str | None = None, engine: str = "local",
            jobs: int | None = None, scheduler: str | None = None) -> Results:
    """`(doc, figures)` of each document in order, from the engine asked for (see cli.py)."""
    if engine == "dask":
        return on_dask(docs, rules_dir, scheduler, jobs)
    if scheduler:
        raise EngineError("--scheduler is for --engine dask")
    if jobs and jobs > 1:
        return processes(docs, rules_dir, jobs)
    return serial(docs, rules_dir)


def serial(docs: Iterable[Doc], rules_dir: str | None = None) -> Results:
    for doc in docs:
        yield doc, extract_document(doc, rules_dir)


def processes(docs: Iterable[Doc], rules_dir: str | None, jobs: int) -> Results:
    """`jobs` worker processes of this machine."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(rules_dir,))
    try:
        yield from in_order(lambda doc: pool.submit(extract_document, doc, rules_dir),
                            docs, ahead=PER_WORKER * jobs)
    except BrokenProcessPool:
        raise EngineError("a worker process died (out of memory?); "
                          "try fewer --jobs") from None
    finally:
        pool.shutdown(cancel_futures=True)


def _start_worker(rules_dir: str | None) -> None:
    # Ctrl-C and SIGTERM are the parent's to handle: it stops the pool and
    # removes the partial output; a worker would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from .indicator import segmenter

    segmenter(load_rules(rules_dir))     # jieba's dictionary, once per worker


def on_dask(docs: Iterable[Doc], rules_dir: str | None, scheduler: str | None,
            jobs: int | None = None) -> Results:
    """Tasks on the dask.distributed scheduler at `scheduler`, else on a local cluster of `jobs` workers.

    The workers need zhfigures installed; the default rules come with it,
    a --rules folder must be readable at the same path on every worker.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("the dask engine needs dask.distributed: "
                          "pip install 'zhfigures[dask]'") from None
    rules_dir = str(Path(rules_dir).resolve()) if rules_dir else None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            # One single-threaded process per worker: extraction holds the GIL.
            client = Client(LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                         dashboard_address=None))
    except (OSError, TimeoutError, ValueError) as err:   # ValueError: a malformed address
        raise EngineError(f"cannot reach the Dask scheduler: {err}") from None
    try:
        workers = max(1, sum(client.nthreads().values()))
        yield from in_order(
            lambda doc: client.submit(extract_document, doc, rules_dir, pure=False),
            docs, ahead=PER_WORKER * workers)
    finally:
        cluster = None if scheduler else client.cluster
        client.close()
        if cluster is not None:
            cluster.close()


def in_order(submit: Callable[[Doc], object], docs: Iterable[Doc], ahead: int) -> Results:
    """Each document's result, in the order of `docs`, with at most `ahead` in flight.

    `submit` returns a future (concurrent.futures or dask: both have
    `.result()`). A slow document holds back the ones after it, never the
    memory: they wait in the window, not in a list of the whole corpus.
    """
    window: deque = deque()
    for doc in docs:
        window.append((doc, submit(doc)))
        if len(window) >= ahead:
            oldest, future = window.popleft()
            yield oldest, future.result()
    while window:
        oldest, future = window.popleft()
        yield oldest, future.result()
