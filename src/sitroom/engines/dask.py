"""The Dask engine: the same batches, analysed on a Dask distributed cluster.

The client (this process) reads the inputs and sends each batch — a record range of an input
file, or of consecutive files — to the cluster; each worker process builds the pipeline once
(a worker plugin does it when the worker joins) and keeps it. Results come back in input order
and are written by the caller's single store writer. Workers need sitroom installed (the same
version); they need no access to the inputs or to the store.
"""
from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator, Optional

from distributed import Client, WorkerPlugin

from . import Batch, EngineError, PipelineSpec, Result, pipeline_for, process_remote

PLUGIN_NAME = "sitroom-pipeline"


class LoadPipeline(WorkerPlugin):
    """Builds the pipeline in each worker as it joins, so no task pays for the model load."""

    def __init__(self, spec: PipelineSpec):
        self.spec = spec

    def setup(self, worker) -> None:
        pipeline_for(self.spec)


class DaskEngine:
    """`scheduler`: an address (tcp://host:8786) or a ready `distributed.Client`."""

    def __init__(self, scheduler, spec: PipelineSpec = PipelineSpec(), workers: Optional[int] = None):
        if scheduler is None:
            raise ValueError("the dask engine needs a scheduler address (--scheduler tcp://HOST:8786)")
        self.scheduler, self.spec, self.workers = scheduler, spec, workers
        self.client: Optional[Client] = None
        self._own_client = False

    def attach(self, known) -> None:
        pass  # the workers are elsewhere: the writer's check happens when it stores the result

    def __enter__(self) -> "DaskEngine":
        if isinstance(self.scheduler, Client):
            self.client = self.scheduler
        else:
            self.client = Client(self.scheduler, set_as_default=False)
            self._own_client = True
        self.client.register_plugin(LoadPipeline(self.spec), name=PLUGIN_NAME)
        if self.workers:
            self.client.wait_for_workers(self.workers)
        return self

    def __exit__(self, *exc) -> None:
        if self._own_client and self.client is not None:
            self.client.close()
        self.client = None

    @property
    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def map(self, batches: Iterable[Batch]) -> Iterator[list[Result]]:
        from distributed.comm import CommClosedError
        from distributed.scheduler import KilledWorker

        pending: deque = deque()
        try:
            for batch in batches:
                pending.append(self.client.submit(process_remote, batch, self.spec, None, pure=False))
                while len(pending) >= 2 * self.threads:  # workers may join or leave during a run
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except (KilledWorker, CommClosedError, OSError) as exc:
            raise EngineError(f"the Dask cluster failed: {type(exc).__name__}: {exc}") from exc
