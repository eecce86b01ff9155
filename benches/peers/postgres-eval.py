#!/usr/bin/env python3
"""PostgreSQL (Debian's 15, unaccent + ts_rank_cd) on the same known-item
queries as ../shared/tools/eval-search: the peer row of BENCHMARKS.md.

  benches/peers/postgres-eval.py [ARCHIVE.jsonl[.gz]] [--n 400] [--seed 7]
      [--eval-search PATH]

Needs `apt-get install postgresql postgresql-contrib` (initdb, pg_ctl,
psql on PATH or in /usr/lib/postgresql/*/bin). A throw-away cluster is made
in a temporary folder and started on a unix socket only (no TCP), as the
`postgres` user when run as root; it is stopped and removed at the end.
The queries come from eval-search's own `make_queries` (imported from the
script), so both see the same queries and targets. Not run by `cargo test`.

Documents: title (weight A) and body (weight B) in a `simple` tsvector over
unaccent(lower(...)); query: plainto_tsquery over unaccent(lower(query))
(every word required), ranked by ts_rank_cd, ties by id.
"""
import argparse
import glob
import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def load_eval(path):
    loader = importlib.machinery.SourceFileLoader("eval_search", path)
    spec = importlib.util.spec_from_loader("eval_search", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def pg_bin(name):
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None)
    if not found:
        sys.exit(f"{name} not found: apt-get install postgresql postgresql-contrib")
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive", nargs="?")
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--eval-search", default=os.path.join(HERE, "..", "..", "..", "shared", "tools", "eval-search"))
    args = ap.parse_args()
    es = load_eval(os.path.abspath(args.eval_search))
    archive = args.archive or os.path.join(es.DEV, "news50k.jsonl.gz")
    qs = es.make_queries(archive, args.n, args.seed)

    tmp = tempfile.mkdtemp(prefix="pg-peer-")
    os.chmod(tmp, 0o777)
    data, sock = os.path.join(tmp, "data"), tmp
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    run = lambda cmd, **kw: subprocess.run(as_pg + cmd, check=True, **kw)
    try:
        run([pg_bin("initdb"), "-D", data, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"], capture_output=True)
        run([pg_bin("pg_ctl"), "-D", data, "-w", "-l", os.path.join(tmp, "log"), "-o",
             f"-c listen_addresses='' -c unix_socket_directories='{sock}' -c shared_buffers=256MB", "start"],
            capture_output=True)
        psql = as_pg + [pg_bin("psql"), "-h", sock, "-d", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        tsv = os.path.join(tmp, "docs.tsv")
        esc = lambda s: s.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ")
        with open(tsv, "w", encoding="utf-8") as f:
            for did, title, text in es.docs(archive):
                f.write(f"{esc(did)}\t{esc(title)}\t{esc(text)}\n")
        os.chmod(tsv, 0o644)
        t0 = time.perf_counter()
        subprocess.run(psql, check=True, text=True, input=f"""
CREATE EXTENSION unaccent;
CREATE TABLE docs (id text, title text, body text);
\\copy docs FROM '{tsv}' WITH (FORMAT text)
ALTER TABLE docs ADD COLUMN tsv tsvector;
UPDATE docs SET tsv = setweight(to_tsvector('simple', unaccent(lower(coalesce(title, '')))), 'A')
                   || setweight(to_tsvector('simple', unaccent(lower(body))), 'B');
CREATE INDEX docs_tsv ON docs USING gin (tsv);
VACUUM ANALYZE docs;
""")
        print(f"loaded and indexed in {time.perf_counter() - t0:.1f}s")
        sql = ["\\pset format unaligned", "\\pset tuples_only on", "\\pset fieldsep '\\t'"]
        for i, (_, q, _) in enumerate(qs):
            lit = q.replace("'", "''")
            sql.append(f"SELECT {i}, id FROM docs, plainto_tsquery('simple', unaccent(lower('{lit}'))) AS q "
                       f"WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC, id LIMIT 10;")
        sql.append("SELECT -1, 'end';")
        subprocess.run(psql, check=True, text=True, input="\n".join(sql[:3] + sql[3:4]), capture_output=True)
        t0 = time.perf_counter()
        out = subprocess.run(psql, check=True, text=True, input="\n".join(sql), capture_output=True).stdout
        dt = time.perf_counter() - t0
        hits = {}
        for line in out.splitlines():
            i, did = line.split("\t", 1)
            hits.setdefault(int(i), []).append(did)
        stats = {}
        for i, (kind, _, targets) in enumerate(qs):
            s = stats.setdefault(kind, [0, 0.0, 0, 0])
            s[0] += 1
            ranks = [k for k, d in enumerate(hits.get(i, []), 1) if d in targets]
            if ranks:
                s[1] += 1 / ranks[0]
                s[2] += ranks[0] == 1
                s[3] += 1
        print(f"{'kind':14} {'n':>5} {'MRR@10':>7} {'R@1':>6} {'R@10':>6}")
        for kind, (n, rr, r1, r10) in sorted(stats.items()):
            print(f"{kind:14} {n:5} {rr / n:7.3f} {r1 / n:6.3f} {r10 / n:6.3f}")
        print(f"postgres: {len(qs)} queries in {dt:.1f}s ({dt / len(qs) * 1e3:.1f} ms each, one psql session)")
    finally:
        subprocess.run(as_pg + [pg_bin("pg_ctl"), "-D", data, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
