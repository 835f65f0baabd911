#!/usr/bin/python3
"""The feeds benchmark of issue 3, end to end, on loopback. Prints medians and ratios.

usage: run_feeds_bench.py BUILD_DIR [--work DIR] [--reps 3] [--newsboat-reps 1]
                                    [--feedparser-files 60]

1. generates the synthetic corpus (bench/gen_corpus.py: 500 feeds x 50 items) once;
2. parse: BUILD_DIR/hw_bench_parse over all files vs python3-feedparser over the first
   --feedparser-files files (same bytes per file; MB/s and items/s compared);
3. serves the corpus with Debian's nginx on 127.0.0.1 (keep-alive, no gzip: loopback);
4. poll: `hypewatch poll --once` cold (empty database) and warm (nothing changed: all 304),
   vs `newsboat -x reload` cold (empty cache) and warm on the same 500 URLs;
   wall time and peak RSS (wait4) of each process.
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


def run(argv, env=None, cwd=None):
    """Runs argv; returns (seconds, peak RSS MiB, stdout)."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed (%s): %s\n%s" % (status, " ".join(argv), out.decode(errors="replace")))
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--work", default="/tmp/hypewatch-feeds-bench")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--newsboat-reps", type=int, default=1)
    ap.add_argument("--feedparser-files", type=int, default=60)
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    work = a.work
    corpus = os.path.join(work, "corpus")
    os.makedirs(work, exist_ok=True)
    if not os.path.isdir(corpus) or len(os.listdir(corpus)) != 500:
        subprocess.check_call(["/usr/bin/python3", os.path.join(HERE, "gen_corpus.py"), corpus])
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))
    size = sum(os.path.getsize(f) for f in files)
    print("corpus: %d files, %.1f MB" % (len(files), size / 1e6))
    results = {}

    # --- parse ---
    _, _, out = run([os.path.join(build, "hw_bench_parse"), corpus, str(max(a.reps, 3))])
    kv = dict(line.split(None, 1) for line in out.splitlines() if not line.startswith("run "))
    results["parse_mb_s"] = float(kv["median_mb_s"])
    results["parse_items_s"] = float(kv["median_items_s"])
    fp = [feedparser_parse(files[: a.feedparser_files]) for _ in range(1)]
    results["fp_mb_s"] = statistics.median(x[0] for x in fp)
    results["fp_items_s"] = statistics.median(x[1] for x in fp)

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
        hw = os.path.join(build, "hypewatch")
        cold, warm = [], []
        for r in range(a.reps):
            db = os.path.join(work, "hw.db")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
            cold.append(run([hw, "--config", cfg, "--db", db, "poll", "--once"]))
            warm.append(run([hw, "--config", cfg, "--db", db, "poll", "--once"]))
            print("hypewatch rep %d: cold %.2f s %.1f MiB | warm %.3f s %.1f MiB | %s"
                  % (r + 1, cold[-1][0], cold[-1][1], warm[-1][0], warm[-1][1],
                     warm[-1][2].splitlines()[0]))
        results["hw_cold_s"] = statistics.median(x[0] for x in cold)
        results["hw_warm_s"] = statistics.median(x[0] for x in warm)
        results["hw_rss"] = max(max(x[1] for x in cold), max(x[1] for x in warm))

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
        results["nb_cold_s"] = statistics.median(x[0] for x in nb_cold)
        results["nb_warm_s"] = statistics.median(x[0] for x in nb_warm)
        results["nb_rss"] = max(max(x[1] for x in nb_cold), max(x[1] for x in nb_warm))
    finally:
        nginx.kill()
        nginx.wait()

    r = results
    print()
    print("parse:   hypewatch %.1f MB/s, %.0f items/s | feedparser %.1f MB/s, %.0f items/s"
          " | ratio %.1fx (target >= 150 MB/s)"
          % (r["parse_mb_s"], r["parse_items_s"], r["fp_mb_s"], r["fp_items_s"],
             r["parse_mb_s"] / r["fp_mb_s"]))
    print("cold:    hypewatch %.2f s | newsboat %.2f s | %.1fx faster (target >= 15x)"
          % (r["hw_cold_s"], r["nb_cold_s"], r["nb_cold_s"] / r["hw_cold_s"]))
    print("warm:    hypewatch %.3f s | newsboat %.2f s | %.1fx faster (target <= 0.5 s, >= 50x)"
          % (r["hw_warm_s"], r["nb_warm_s"], r["nb_warm_s"] / r["hw_warm_s"]))
    print("peak RSS: hypewatch %.1f MiB | newsboat %.1f MiB (target <= 48 MiB)"
          % (r["hw_rss"], r["nb_rss"]))


if __name__ == "__main__":
    main()
