#!/usr/bin/env python3
"""False matches on real news: the rumour claims against real feeds that are about none of them.

    bench/real_feed_matches.py --bin build/hypewatch --replay emergent_replay.py \
        --meta DATA/emergent/emergent_dev_meta.csv --feeds FEEDS_DIR [--work DIR]

Two runs, each one `hypewatch poll --once` of every feed file in FEEDS_DIR (the real feeds of
the feed corpus: 2017-2023 news, so no story in them is about a 2014-2015 rumour and every
match is a false one):

1. fresh: a new database holding only the rumour claims (one statement claim per rumour);
2. taught: the database the Emergent replay leaves behind, where each claim has learned the
   wording of its rumour's headlines (docs/stance.md, rule 5), then the same feeds.

Prints each false match (claim, story title, and whether learned wording decided) and the
counts. The second run is the one that shows how far a claim's learned wording reaches into
news about something else.
"""
import argparse
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

FALSE_MATCHES = """
SELECT m.claim_id, c.statement, r.title, m.rule LIKE '%learned wording%'
FROM matches m JOIN stories s ON s.id = m.story_id JOIN feeds f ON f.id = s.feed_id
JOIN story_revisions r ON r.id = s.current_revision_id JOIN claims c ON c.id = m.claim_id
WHERE f.url IN ({})
ORDER BY m.claim_id, r.title
"""


def feed_urls(feeds_dir: str) -> list[str]:
    paths = sorted(p for p in glob.glob(os.path.join(feeds_dir, "*"))
                   if os.path.isfile(p) and not p.endswith((".json", ".tsv", ".md")))
    return ["file://" + os.path.abspath(p) for p in paths]


def add_feeds(config: str, urls: list[str]) -> None:
    with open(config, "a", encoding="utf-8") as f:
        for url in urls:
            f.write(f"\n[[feed]]\nurl = {json.dumps(url)}\n")


def poll(binary: str, config: str, db: str) -> None:
    subprocess.run([binary, "--config", config, "--db", db, "poll", "--once"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def false_matches(db: str, urls: list[str]) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(FALSE_MATCHES.format(",".join("?" * len(urls))), urls).fetchall()


def report(label: str, rows: list[tuple], stories: int) -> None:
    learned = sum(1 for r in rows if r[3])
    print(f"{label}: {len(rows)} false matches on {stories} real stories "
          f"({learned} through learned wording)")
    for claim, statement, title, by_learned in rows:
        print(f"    {claim} {statement[:60]!r} <- {title[:70]!r}"
              f"{' (learned wording)' if by_learned else ''}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--replay", required=True, help="emergent_replay.py")
    ap.add_argument("--meta", required=True, help="emergent_dev_meta.csv")
    ap.add_argument("--feeds", required=True, help="directory of real feed files")
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="hw-real-feeds-")
    urls = feed_urls(args.feeds)
    if not urls:
        print(f"{args.feeds}: no feed files", file=sys.stderr)
        return 1

    taught = os.path.join(work, "taught")
    shutil.rmtree(taught, ignore_errors=True)
    subprocess.run([sys.executable, args.replay, "--bin", args.bin, "--meta", args.meta,
                    "--work", taught], check=True, stdout=subprocess.DEVNULL)
    config = os.path.join(taught, "hypewatch.toml")

    fresh = os.path.join(work, "fresh")
    shutil.rmtree(fresh, ignore_errors=True)
    os.makedirs(fresh)
    shutil.copy(os.path.join(taught, "claims.toml"), fresh)
    with open(os.path.join(fresh, "hypewatch.toml"), "w", encoding="utf-8") as f:
        f.write('claims = "claims.toml"\nlog_level = "error"\n')
    add_feeds(os.path.join(fresh, "hypewatch.toml"), urls)
    poll(args.bin, os.path.join(fresh, "hypewatch.toml"), os.path.join(fresh, "hypewatch.db"))
    with sqlite3.connect(os.path.join(fresh, "hypewatch.db")) as conn:
        stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    report("fresh claims", false_matches(os.path.join(fresh, "hypewatch.db"), urls), stories)

    add_feeds(config, urls)
    poll(args.bin, config, os.path.join(taught, "hypewatch.db"))
    report("claims that learned their rumours' wording",
           false_matches(os.path.join(taught, "hypewatch.db"), urls), stories)
    return 0


if __name__ == "__main__":
    sys.exit(main())
