"""Batch extraction with Apache Spark: JSON Lines reports in, Parquet out.

    python examples/spark_extract.py INPUT OUTPUT [--master local[2]]

INPUT is a folder (or file, or glob) of JSON Lines reports, one per line
with "text" and optional "id", "title", "date" (gzipped files too);
OUTPUT gets three Parquet datasets: docs/ (one row per report, entities and
events as arrays of structs), entities/, deadlines/ and attendees/ (one row
each). On a cluster:

    spark-submit --master yarn examples/spark_extract.py hdfs:///news/ hdfs:///vntext-out/

with the vntext wheel installed on every executor (see the README's "At
scale").
"""

import argparse
import os
import sys
import time


def main(argv=None, spark=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--master", default=None, help="e.g. local[2] (default: spark-submit's)")
    ap.add_argument("--text-col", default="text")
    ap.add_argument("--threads", type=int, default=1, help="rayon threads per Spark task")
    ap.add_argument("--partitions", type=int, default=None, help="repartition the input first")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    from vntext.spark import attendees, deadlines, entities, extract_dataframe

    if spark is None:
        builder = SparkSession.builder.appName("vntext-extract")
        if args.master:
            builder = builder.master(args.master)
        if (args.master or "").startswith("local"):
            # Local workers run this interpreter (the venv with vntext and
            # pyarrow), not whatever `python3` is first on PATH.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = builder.getOrCreate()
    started = time.time()
    df = spark.read.json(args.input)
    if args.partitions:
        df = df.repartition(args.partitions)
    docs = extract_dataframe(df, text_col=args.text_col, threads=args.threads).cache()
    docs.write.mode("overwrite").parquet(f"{args.output}/docs")
    entities(docs).write.mode("overwrite").parquet(f"{args.output}/entities")
    deadlines(docs).write.mode("overwrite").parquet(f"{args.output}/deadlines")
    attendees(docs).write.mode("overwrite").parquet(f"{args.output}/attendees")
    n = docs.count()
    failed = docs.where("error IS NOT NULL").count()
    docs.unpersist()
    print(
        f"vntext: {n} report(s), {failed} not readable, in {time.time() - started:.1f}s -> {args.output}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
