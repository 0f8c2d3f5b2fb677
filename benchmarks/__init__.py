"""Benchmarks of sieb against its peers (see benchmarks/README.md).

Every figure here is pages per second on one core: the BLAS and OpenMP libraries under numpy are
held to one thread before numpy loads (OpenBLAS would otherwise spread larger matrix products over
every core), unless the caller's environment says otherwise.
"""

import os

ONE_CORE = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
for _name, _value in ONE_CORE.items():
    os.environ.setdefault(_name, _value)
