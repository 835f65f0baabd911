#!/usr/bin/python3
"""The scale run of issue 10: many feeds on many host names, many claims, default politeness.

usage: run_scale_bench.py BUILD_DIR [--work DIR] [--feeds 500,5000] [--items 20] [--hosts 50]
                                    [--claims 1000]

For each feed count: generates the synthetic corpus (bench/gen_corpus.py, --items items a
feed), serves it with one nginx on 127.0.0.1 under --hosts host names `feeds-NN.localhost`
(curl resolves *.localhost to the loopback itself, RFC 6761: no /etc/hosts change), writes
--claims statement-only claims (1 in 50 worded from the corpus vocabulary, so some stories
match; the rest share one word with it) and runs `hypewatch poll --once` cold (empty database)
then unchanged, with the default politeness (2 transfers per host, 100 ms apart). Prints wall
time, stories/s, peak RSS, bytes written and database size, and how each grows.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_feeds_bench as fb  # noqa: E402  (run, start_nginx)
import gen_corpus  # noqa: E402  (WORDS)


def write_claims(path, n):
    rng = random.Random(7)
    syllables = "ka lo mi ne ru so ta vi ze do pu gri fen mal tor".split()
    with open(path, "w") as f:
        for i in range(n):
            if i % 50 == 0:
                words = [rng.choice(gen_corpus.WORDS) for _ in range(8)]
            else:
                words = [rng.choice(gen_corpus.WORDS)] + [
                    "".join(rng.choice(syllables) for _ in range(3)) for _ in range(7)]
            f.write('[[claim]]\nid = "scale-%04d"\nstatement = "%s."\n\n'
                    % (i, " ".join(words).capitalize()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--work", default="/tmp/hypewatch-scale-bench")
    ap.add_argument("--feeds", default="500,5000")
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--claims", type=int, default=1000)
    a = ap.parse_args()
    hw = os.path.join(os.path.abspath(a.build), "hypewatch")
    os.makedirs(a.work, exist_ok=True)
    claims = os.path.join(a.work, "claims.toml")
    write_claims(claims, a.claims)
    rows = []
    for n in (int(x) for x in a.feeds.split(",")):
        corpus = os.path.join(a.work, "corpus-%d" % n)
        if not os.path.isdir(corpus) or len(os.listdir(corpus)) != n:
            shutil.rmtree(corpus, ignore_errors=True)
            subprocess.check_call(["/usr/bin/python3", os.path.join(HERE, "gen_corpus.py"), corpus,
                                   "--feeds", str(n), "--items", str(a.items)])
        files = sorted(os.listdir(corpus))
        size = sum(os.path.getsize(os.path.join(corpus, f)) for f in files)
        nginx, port = fb.start_nginx(corpus, os.path.join(a.work, "nginx-%d" % n))
        try:
            cfg = os.path.join(a.work, "hw-%d.toml" % n)
            with open(cfg, "w") as f:
                f.write('claims = "%s"\n' % claims)
                for i, name in enumerate(files):
                    f.write('[[feed]]\nurl = "http://feeds-%02d.localhost:%d/%s"\n'
                            % (i % a.hosts, port, name))
            db = os.path.join(a.work, "hw-%d.db" % n)
            for suffix in ("", "-wal", "-shm", ".lock"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
            io = {}
            cold = fb.run([hw, "--config", cfg, "--db", db, "poll", "--once"], io=io)
            db_bytes = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
            warm = fb.run([hw, "--config", cfg, "--db", db, "poll", "--once"])
        finally:
            nginx.kill()
            nginx.wait()
        stories = n * a.items
        row = {"feeds": n, "fetched": size, "cold": cold[0], "warm": warm[0],
               "rss": max(cold[1], warm[1]), "written": io["written"], "db": db_bytes,
               "stories_s": stories / cold[0]}
        rows.append(row)
        print("%d feeds x %d items, %.0f MB: cold %.1f s (%.0f stories/s) | unchanged %.2f s | "
              "peak %.1f MiB | cold wrote %.0f MB | db %.0f MB\n  cold: %s\n  unchanged: %s"
              % (n, a.items, size / 1e6, cold[0], row["stories_s"], warm[0], row["rss"],
                 io["written"] / 1e6, db_bytes / 1e6, cold[2].splitlines()[0],
                 warm[2].splitlines()[0]), flush=True)
    if len(rows) == 2:
        s, b = rows
        print("growth %dx feeds: cold %.1fx, unchanged %.1fx, peak RSS %.2fx, written %.1fx, "
              "db %.1fx" % (b["feeds"] / s["feeds"], b["cold"] / s["cold"], b["warm"] / s["warm"],
                            b["rss"] / s["rss"], b["written"] / s["written"], b["db"] / s["db"]))


if __name__ == "__main__":
    main()
