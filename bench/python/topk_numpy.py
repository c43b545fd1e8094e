"""Brute-force top-10 by dot product in NumPy, the reference the serving scan is compared with.

Prints MS_PER_QUERY for one query at a time against an [n, d] float32 matrix (matvec + argpartition + sort of the
10), on one thread when OPENBLAS_NUM_THREADS / OMP_NUM_THREADS are 1 (the bench sets them). The time is CPU time
of this process, like the Java side's thread CPU time, so that a shared machine's load does not count.
"""
import sys
import time

import numpy as np


def main():
    n, d, queries = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 50
    rng = np.random.default_rng(1)
    items = rng.standard_normal((n, d), dtype=np.float32)
    qs = rng.standard_normal((queries, d), dtype=np.float32)
    for q in qs[:5]:
        top10(items, q)
    start = time.process_time()
    for q in qs:
        top10(items, q)
    print("MS_PER_QUERY %.4f" % ((time.process_time() - start) * 1000 / queries))


def top10(items, q):
    scores = items @ q
    best = np.argpartition(-scores, 10)[:10]
    return best[np.argsort(-scores[best])]


if __name__ == "__main__":
    main()
