"""The same stages on a Dask cluster (``newsprism add --workers N`` / ``--scheduler``).

``batch.run.add`` runs the per-article work (ingest, clean, features, claims) as tasks on
the workers, places the articles into stories on the client with the same function as the
single-process ``add``, and compares each touched story as a task; ``batch.run.cluster``
gives a client with the models plugin (``batch.tasks.WorkerModels``) registered. Importing
this package needs ``distributed``; nothing else in newsprism does.
"""

from .run import BatchRun, add, cluster

__all__ = ["BatchRun", "add", "cluster"]
