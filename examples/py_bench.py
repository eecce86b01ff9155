"""Throughput of the Python package against the CLI on one JSON Lines file.

    python examples/py_bench.py ARCHIVE.jsonl [--threads 1 2] [--repeat 3] [--spark]

For each thread count: `vntext extract --threads N -q ARCHIVE > /dev/null`
(reading, extraction, JSON output) against `vntext.extract_many` over the
file's records (reading the lines and json.loads in Python, extraction,
dicts out), best of --repeat runs each, alternated so machine load hits both
alike. With --spark, also a local[2] Spark job (read.json, extract_dataframe,
Parquet written to a temporary folder) against the CLI at --threads 2, the
JVM's start excluded and reported apart. Prints one line per figure.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli_bin():
    return os.environ.get("VNTEXT_BIN") or str(ROOT / "target/release/vntext")


def time_cli(path, threads):
    t = time.perf_counter()
    subprocess.run([cli_bin(), "--threads", str(threads), "-q", "extract", str(path)], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def time_py(path, threads):
    import vntext

    t = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        docs = vntext.extract_many((json.loads(line) for line in f if line.strip()), threads=threads, on_error="none")
    elapsed = time.perf_counter() - t
    return elapsed, len(docs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("archive")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--spark", action="store_true")
    args = ap.parse_args()
    size = os.path.getsize(args.archive) / 1e6
    print(f"archive {args.archive}: {size:.1f} MB; load {os.getloadavg()[0]:.1f}")
    for n in args.threads:
        cli, py = [], []
        for _ in range(args.repeat):
            cli.append(time_cli(args.archive, n))
            elapsed, docs = time_py(args.archive, n)
            py.append(elapsed)
        c, p = min(cli), min(py)
        print(
            f"threads {n}: CLI {c:.2f}s ({size / c:.2f} MB/s), extract_many {p:.2f}s ({size / p:.2f} MB/s), "
            f"{docs} docs, Python/CLI throughput {c / p:.3f}; load {os.getloadavg()[0]:.1f}"
        )
    if args.spark:
        from pyspark.sql import SparkSession

        from vntext.spark import extract_dataframe

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers use this venv
        t = time.perf_counter()
        spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
        spark.range(1).count()
        start_s = time.perf_counter() - t
        runs = []
        cli = []
        for _ in range(args.repeat):
            out = tempfile.mkdtemp(prefix="vntext-spark-bench-")
            try:
                t = time.perf_counter()
                df = spark.read.json(args.archive)
                extract_dataframe(df, keep_text=True).write.mode("overwrite").parquet(out)
                runs.append(time.perf_counter() - t)
            finally:
                shutil.rmtree(out, ignore_errors=True)
            cli.append(time_cli(args.archive, 2))
        s, c = min(runs), min(cli)
        print(
            f"spark local[2]: {s:.2f}s ({size / s:.2f} MB/s) after a {start_s:.1f}s session start; "
            f"CLI --threads 2 {c:.2f}s ({size / c:.2f} MB/s); Spark/CLI throughput {c / s:.3f}; load {os.getloadavg()[0]:.1f}"
        )
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
