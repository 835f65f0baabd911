#!/usr/bin/python3
"""The feeds benchmark of issue 3, end to end, on loopback. Prints medians and ratios.

usage: run_feeds_bench.py BUILD_DIR [--baseline DIR] [--work DIR] [--reps 3]
                                    [--newsboat-reps 1] [--feedparser-files 60]

1. generates the synthetic corpus (bench/gen_corpus.py: 500 feeds x 50 items) once;
2. parse: BUILD_DIR/hw_bench_parse over all files vs python3-feedparser over the first
   --feedparser-files files (same bytes per file; MB/s and items/s compared);
3. serves the corpus with Debian's nginx on 127.0.0.1 (keep-alive, no gzip: loopback);
4. poll: `hypewatch poll --once` cold (empty database) and warm (nothing changed: all 304),
   vs `newsboat -x reload` cold (empty cache) and warm on the same 500 URLs;
   wall time, peak RSS and bytes written (wait4: ru_maxrss, ru_oublock) of each process, and
   the size of hypewatch's database (+ WAL) after the cold poll;
5. with --baseline DIR (a directory holding an older build's hypewatch and hw_bench_parse),
   the same parse and poll runs of that build, interleaved with this one's, and the ratios.
Needs nginx-light, newsboat and python3-feedparser (apt-get install ...).
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(argv, env=None, cwd=None, io=None):
    """Runs argv; returns (seconds, peak RSS MiB, stdout); io (a dict) gets 'written' bytes."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed (%s): %s\n%s" % (status, " ".join(argv), out.decode(errors="replace")))
    if io is not None:
        io["written"] = ru.ru_oublock * 512  # blocks of 512 bytes the file systems wrote
    return dt, ru.ru_maxrss / 1024.0, out.decode(errors="replace")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_nginx(root, work):
    os.makedirs(os.path.join(work, "tmp"), exist_ok=True)
    port = free_port()
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write("""daemon off; master_process off; worker_processes 1;
pid %(w)s/nginx.pid; error_log %(w)s/error.log warn;
events { worker_connections 4096; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path %(w)s/tmp/b; proxy_temp_path %(w)s/tmp/p; fastcgi_temp_path %(w)s/tmp/f;
  uwsgi_temp_path %(w)s/tmp/u; scgi_temp_path %(w)s/tmp/s;
  types { application/rss+xml xml; } default_type application/octet-stream;
  server { listen 127.0.0.1:%(p)d; root %(r)s; }
}
""" % {"w": work, "p": port, "r": root})
    proc = subprocess.Popen(["/usr/sbin/nginx", "-p", work, "-c", conf, "-e", work + "/error.log"])
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("nginx did not start")


def feedparser_parse(files):
    code = r"""
import sys, time, feedparser
files = sys.argv[1:]
docs = [open(f, 'rb').read() for f in files]
t0 = time.monotonic(); items = 0
for d in docs:
    items += len(feedparser.parse(d).entries)
dt = time.monotonic() - t0
print(sum(map(len, docs)) / 1e6 / dt, items / dt)
"""
    dt, rss, out = run(["/usr/bin/python3", "-c", code] + files)
    mbs, ips = out.split()[-2:]
    return float(mbs), float(ips), rss


def hypewatch_polls(hw, cfg, work, reps, tag, first_rep=1):
    """Cold (empty database) then warm polls, reps times. Returns per-rep tuples."""
    out = []
    for r in range(reps):
        db = os.path.join(work, "hw-%s.db" % tag)
        for suffix in ("", "-wal", "-shm", ".lock"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        io_cold, io_warm = {}, {}
        cold = run([hw, "--config", cfg, "--db", db, "poll", "--once"], io=io_cold)
        db_bytes = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
        warm = run([hw, "--config", cfg, "--db", db, "poll", "--once"], io=io_warm)
        out.append({"cold": cold[0], "warm": warm[0], "rss": max(cold[1], warm[1]),
                    "written": io_cold["written"], "db": db_bytes,
                    "line": warm[2].splitlines()[0] if warm[2] else ""})
        print("%s rep %d: cold %.2f s | warm %.3f s | peak %.1f MiB | cold wrote %.0f MB | "
              "db %.0f MB | %s" % (tag, first_rep + r, cold[0], warm[0], out[-1]["rss"],
                                   io_cold["written"] / 1e6, db_bytes / 1e6, out[-1]["line"]))
    return out


def parse_bench(build, corpus, reps):
    _, _, out = run([os.path.join(build, "hw_bench_parse"), corpus, str(max(reps, 3))])
    kv = dict(line.split(None, 1) for line in out.splitlines() if not line.startswith("run "))
    return float(kv["median_mb_s"]), float(kv["median_items_s"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--baseline", help="directory with an older build's hypewatch and "
                                       "hw_bench_parse, run in the same invocation")
    ap.add_argument("--work", default="/tmp/hypewatch-feeds-bench")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--newsboat-reps", type=int, default=1)
    ap.add_argument("--feedparser-files", type=int, default=60)
    a = ap.parse_args()
    builds = [("new", os.path.abspath(a.build))]
    if a.baseline:
        builds.append(("base", os.path.abspath(a.baseline)))
    work = a.work
    corpus = os.path.join(work, "corpus")
    os.makedirs(work, exist_ok=True)
    if not os.path.isdir(corpus) or len(os.listdir(corpus)) != 500:
        subprocess.check_call(["/usr/bin/python3", os.path.join(HERE, "gen_corpus.py"), corpus])
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))
    size = sum(os.path.getsize(f) for f in files)
    print("corpus: %d files, %.1f MB" % (len(files), size / 1e6))

    # --- parse ---
    parse = {tag: parse_bench(b, corpus, a.reps) for tag, b in builds}
    fp = feedparser_parse(files[: a.feedparser_files])

    # --- poll ---
    nginx, port = start_nginx(corpus, os.path.join(work, "nginx"))
    try:
        urls = ["http://127.0.0.1:%d/%s" % (port, os.path.basename(f)) for f in files]
        cfg = os.path.join(work, "hw.toml")
        with open(cfg, "w") as f:
            f.write('claims = "%s"\n' % os.path.join(HERE, "..", "examples", "claims.toml"))
            # One nginx on loopback stands in for 500 publishers: the per-host politeness
            # limits are lifted for it (their defaults are 2 at a time, 100 ms apart).
            f.write("[fetch]\nmax_in_flight = 16\nper_host = 16\nhost_min_gap_ms = 0\n")
            for u in urls:
                f.write('[[feed]]\nurl = "%s"\n' % u)
        polls = {tag: [] for tag, _ in builds}
        for r in range(a.reps):  # interleaved, so load from others hits both builds alike
            for tag, b in builds:
                polls[tag] += hypewatch_polls(os.path.join(b, "hypewatch"), cfg, work, 1, tag,
                                              first_rep=r + 1)

        nb_home = os.path.join(work, "newsboat")
        shutil.rmtree(nb_home, ignore_errors=True)
        os.makedirs(nb_home)
        with open(os.path.join(nb_home, "urls"), "w") as f:
            f.write("\n".join(urls) + "\n")
        open(os.path.join(nb_home, "config"), "w").close()  # newsboat's defaults
        env = dict(os.environ, HOME=nb_home, XDG_CONFIG_HOME=nb_home, XDG_DATA_HOME=nb_home)
        nb_cold, nb_warm = [], []
        for r in range(a.newsboat_reps):
            cache = os.path.join(nb_home, "cache.db")
            for suffix in ("", ".lock"):
                if os.path.exists(cache + suffix):
                    os.remove(cache + suffix)
            nb = ["newsboat", "-x", "reload", "-u", os.path.join(nb_home, "urls"), "-c", cache,
                  "-C", os.path.join(nb_home, "config")]
            nb_cold.append(run(nb, env=env, cwd=nb_home))
            nb_warm.append(run(nb, env=env, cwd=nb_home))
            print("newsboat rep %d: cold %.2f s %.1f MiB | warm %.2f s %.1f MiB"
                  % (r + 1, nb_cold[-1][0], nb_cold[-1][1], nb_warm[-1][0], nb_warm[-1][1]))
        nb = {"cold": statistics.median(x[0] for x in nb_cold),
              "warm": statistics.median(x[0] for x in nb_warm),
              "rss": max(max(x[1] for x in nb_cold), max(x[1] for x in nb_warm))}
    finally:
        nginx.kill()
        nginx.wait()

    print()
    print("corpus (bytes fetched by a cold poll): %.1f MB" % (size / 1e6))
    print("feedparser: %.1f MB/s, %.0f items/s | newsboat: cold %.2f s, warm %.2f s, "
          "peak %.1f MiB" % (fp[0], fp[1], nb["cold"], nb["warm"], nb["rss"]))
    for tag, _ in builds:
        p = polls[tag]
        med = lambda k: statistics.median(x[k] for x in p)
        print("%-4s parse %.1f MB/s %.0f items/s (target >= 150) | cold %.2f s = %.1fx newsboat "
              "(target >= 5x) | warm %.3f s = %.0fx newsboat (target >= 200x) | peak %.1f MiB "
              "(target <= 64) | cold wrote %.0f MB = %.2fx fetched (target <= 2x) | db %.0f MB "
              "= %.2fx fetched (target <= 1x)"
              % (tag, parse[tag][0], parse[tag][1], med("cold"), nb["cold"] / med("cold"),
                 med("warm"), nb["warm"] / med("warm"), max(x["rss"] for x in p),
                 med("written") / 1e6, med("written") / size, med("db") / 1e6, med("db") / size))
    if a.baseline:
        n, b = polls["new"], polls["base"]
        med = lambda p, k: statistics.median(x[k] for x in p)
        print("new vs base: parse %.2fx | cold %.2fx faster | warm %.2fx | written %.2fx | "
              "db %.2fx" % (parse["new"][0] / parse["base"][0], med(b, "cold") / med(n, "cold"),
                            med(b, "warm") / med(n, "warm"), med(n, "written") / med(b, "written"),
                            med(n, "db") / med(b, "db")))


if __name__ == "__main__":
    main()
