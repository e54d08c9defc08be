from collections.abc import Iterator

import pytest

distributed = pytest.importorskip("distributed")  # the `dask` extra; CI's test extra has it


@pytest.fixture(scope="package")
def dask_client() -> Iterator[object]:
    """Two worker processes, as the issue's CI setup asks: pickling and imports are real."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client
