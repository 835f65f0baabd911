#!/usr/bin/env python3
"""Emergent replay with stance models that never saw the rumours they are scored on.

    bench/replay_folds.py --build build --data ../shared/data/stance \
        --replay ../shared/tools/emergent_replay.py [--folds 5] [--description headline|none]

The Emergent development rumours are cut into folds by claimId (the same FNV-1a folds as
hw_train_stance and hw_bench_stance). For each fold K, `hw_train_stance --exclude-fold K`
trains a model without that fold's rumours (and without the FNC-1 clusters sharing their
headlines), and the replay tool runs on that fold's rumours alone with
HYPEWATCH_STANCE_MODEL pointing at that model. The figures of the folds are summed.
Matching figures here come from about a fifth of the claims competing at a time; the
full replay (all claims at once) is the figure for matching.
"""
import argparse
import collections
import csv
import os
import re
import subprocess
import sys
import tempfile


def fold_of(key: str, folds: int) -> int:
    h = 1469598103934665603
    for byte in key.encode():
        h ^= byte
        h = (h * 1099511628211) % (1 << 64)
    return h % folds


COUNT = re.compile(r"(articles matched to (?:their own claim|a wrong claim|no claim)):\s+(\d+)/(\d+)")
STANCE_ROW = re.compile(r"^\s+(for|observing|against)\s+((?:\d+\s+){5}\d+)\s*$")
VERDICT_ROW = re.compile(r"^\s+(true|false|unknown)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s*$")
STANCES = ["supports", "confirms", "mentions", "refutes", "clarifies", "(not matched)"]
AGREE = {"for": ("supports", "confirms"), "observing": ("mentions",),
         "against": ("refutes", "clarifies")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--data", required=True, help="../shared/data/stance")
    ap.add_argument("--replay", required=True, help="emergent_replay.py")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--description", choices=("headline", "none"), default="headline")
    ap.add_argument("--work", default=None)
    ap.add_argument("--reuse-models", action="store_true",
                    help="keep fold models already in --work (when only the product changed)")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="hw-replay-folds-")
    os.makedirs(work, exist_ok=True)
    meta = os.path.join(args.data, "emergent", "emergent_dev_meta.csv")
    with open(meta, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = reader.fieldnames
        rows = list(reader)

    counts = collections.Counter()
    stance = collections.defaultdict(collections.Counter)
    verdict = collections.defaultdict(collections.Counter)
    status_by_gold = collections.defaultdict(collections.Counter)
    for k in range(args.folds):
        model = os.path.join(work, f"model-fold{k}.txt")
        if not (args.reuse_models and os.path.exists(model)):
            subprocess.run([os.path.join(args.build, "hw_train_stance"), "--data", args.data,
                            "--out", model, "--exclude-fold", str(k), "--folds", str(args.folds)],
                           check=True, stdout=subprocess.DEVNULL)
        fold_meta = os.path.join(work, f"meta-fold{k}.csv")
        with open(fold_meta, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            w.writerows(r for r in rows if fold_of(r["claimId"], args.folds) == k)
        env = dict(os.environ, HYPEWATCH_STANCE_MODEL=model)
        out = subprocess.run([sys.executable, args.replay, "--bin",
                              os.path.join(args.build, "hypewatch"), "--meta", fold_meta,
                              "--description", args.description,
                              "--work", os.path.join(work, f"replay-fold{k}")],
                             env=env, check=True, capture_output=True, text=True).stdout
        section = None
        for line in out.splitlines():
            if m := COUNT.search(line):
                counts[m.group(1)] += int(m.group(2))
                counts["articles"] += int(m.group(3)) if "own" in m.group(1) else 0
            if line.startswith("hypewatch verdicts"):
                section = "verdict"
            elif line.startswith("baseline"):
                section = None
            if m := STANCE_ROW.match(line):
                for s, n in zip(STANCES, map(int, m.group(2).split())):
                    stance[m.group(1)][s] += n
            if section == "verdict" and (m := VERDICT_ROW.match(line)):
                for p, n in zip(("true", "false", "unknown"), map(int, m.groups()[1:])):
                    verdict[m.group(1)][p] += n
            if line.strip().startswith("status by gold:"):
                for part in line.split(":", 1)[1].split(";"):
                    gold, _, rest = part.strip().partition(":")
                    for item in rest.split(","):
                        if "=" in item:
                            s, n = item.strip().split("=")
                            status_by_gold[gold.strip()][s] += int(n)
        print(f"fold {k}: done", file=sys.stderr)

    n = counts["articles"]
    print(f"Emergent replay, {args.folds} folds by claimId, description={args.description}; "
          f"each fold's rumours judged by a model trained without them")
    for key in ("articles matched to their own claim", "articles matched to a wrong claim",
                "articles matched to no claim"):
        print(f"  {key}: {counts[key]}/{n} = {100 * counts[key] / max(n, 1):.1f}%")
    print("  own-claim stance, gold x hypewatch: " + "".join(f"{s:>14}" for s in STANCES))
    for g in ("for", "observing", "against"):
        print(f"    {g:<10}" + "".join(f"{stance[g][s]:>14}" for s in STANCES))
    judged = sum(stance[g][s] for g in AGREE for s in STANCES if s != "(not matched)")
    right = sum(stance[g][s] for g in AGREE for s in AGREE[g])
    print(f"  own-claim stance accuracy: {right}/{judged} = {100 * right / max(judged, 1):.1f}%")
    print("  final status by gold verdict: " + "; ".join(
        f"{g}: " + ", ".join(f"{s}={c}" for s, c in sorted(status_by_gold[g].items()))
        for g in ("true", "false", "unknown")))
    resolved = ("disputed", "clarified", "retracted")
    for g in ("false", "true"):
        total = sum(status_by_gold[g].values())
        neg = sum(status_by_gold[g][s] for s in resolved)
        print(f"  {g} rumours ending disputed/clarified/retracted: {neg}/{total} = "
              f"{100 * neg / max(total, 1):.1f}%")
    total = sum(sum(r.values()) for r in verdict.values())
    correct = sum(verdict[c][c] for c in ("true", "false", "unknown"))
    print(f"  final status = verdict: {correct}/{total} = {100 * correct / max(total, 1):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
