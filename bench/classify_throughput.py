#!/usr/bin/env python3
"""Throughput of `hypewatch classify` end to end, on one core.

Feeds the FNC-1 development pairs (train_stances.csv joined with train_bodies.csv) as JSON
lines to `hypewatch classify` pinned to CPU 0, three times per input order, and prints the
median pairs/s and the peak RSS. Two orders: grouped by body (a story judged against many
claims, as the daemon and a fact-checking desk send them) and the file's own order (each line a
new body). `--model FILE` runs a second model file beside the built-in one
(HYPEWATCH_STANCE_MODEL), e.g. the previous learner's.

  bench/classify_throughput.py --bin build/hypewatch --data ../shared/data/stance [--model F]
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def load_pairs(data):
    csv.field_size_limit(1 << 30)
    with open(os.path.join(data, "fnc1", "train_bodies.csv"), newline="", encoding="utf-8") as f:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}
    with open(os.path.join(data, "fnc1", "train_stances.csv"), newline="", encoding="utf-8") as f:
        return [(row["Headline"], row["Body ID"], bodies[row["Body ID"]]) for row in csv.DictReader(f)]


def write_lines(pairs, path):
    with open(path, "w", encoding="utf-8") as out:
        for n, (claim, _, body) in enumerate(pairs):
            out.write(json.dumps({"id": n, "claim": claim, "body": body}) + "\n")


def run_once(binary, path, env):
    with open(path, "rb") as stdin, open(os.devnull, "wb") as stdout:
        start = time.monotonic()
        proc = subprocess.Popen(["taskset", "-c", "0", binary, "classify"], stdin=stdin,
                                stdout=stdout, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
    if status != 0:
        sys.exit(f"classify failed with status {status}")
    return seconds, usage.ru_maxrss / 1024.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default="build/hypewatch")
    parser.add_argument("--data", default="../shared/data/stance")
    parser.add_argument("--model", help="a second model file to run beside the built-in one")
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()

    pairs = load_pairs(args.data)
    grouped = sorted(pairs, key=lambda p: p[1])
    models = [("built-in", None)] + ([(os.path.basename(args.model), args.model)] if args.model else [])
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        for name, order in (("grouped by body", grouped), ("file order", pairs)):
            path = os.path.join(tmp, name.replace(" ", "_") + ".jsonl")
            write_lines(order, path)
            inputs.append((name, path))
        print(f"hypewatch classify, {len(pairs)} FNC-1 pairs, CPU 0, median of {args.reps}")
        print(f"  {'model':<28} {'input order':<16} {'pairs/s':>10} {'peak RSS':>10}")
        for model_name, model in models:
            env = dict(os.environ)
            env.pop("HYPEWATCH_STANCE_MODEL", None)
            if model:
                env["HYPEWATCH_STANCE_MODEL"] = model
            for name, path in inputs:
                runs = [run_once(args.bin, path, env) for _ in range(args.reps)]
                seconds = statistics.median(r[0] for r in runs)
                rss = max(r[1] for r in runs)
                print(f"  {model_name:<28} {name:<16} {len(pairs) / seconds:>10.0f} {rss:>7.1f} MiB")


if __name__ == "__main__":
    main()
