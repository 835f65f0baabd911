#!/usr/bin/python3
"""Synthetic news corpus for hypewatch's benchmarks (deterministic: same seed, same bytes).

usage: gen_corpus.py OUT_DIR [--feeds 500] [--items 50] [--seed 1]

Writes OUT_DIR/feed-NNN.xml: RSS 2.0 with news-like items (title, link, guid, pubDate,
description, content:encoded HTML), each item 2-20 KB, about 200 MB for 500 x 50.
A few feeds per hundred use Atom 1.0 or windows-1252 so the parser's other paths count too.
"""
import argparse
import email.utils
import os
import random

WORDS = ("government minister report officials said according statement claims hacked websites "
         "yemen state department advertisements clarified denied confirmed sources week city "
         "council budget election court ruling police investigation company shares market "
         "energy prices climate summit agreement talks ceasefire border trade union strike "
         "hospital health study researchers university science space launch weather storm "
         "flood harbour lighthouse mayor festival transport railway airport security data "
         "privacy technology software update users network outage bank interest rates").split()


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng, rng.randint(8, 22)) for _ in range(rng.randint(3, 7)))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def item_html(rng, target):
    parts = []
    size = 0
    while size < target:
        p = "<p>" + paragraph(rng) + ' <a href="https://news.example/ref/%d">more</a></p>' % rng.randint(1, 10**6)
        parts.append(p)
        size += len(p)
    return "".join(parts)


def rss_feed(rng, n, items, base_time):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
           '<title>Synthetic News %d</title>\n<link>https://news%d.example/</link>\n'
           '<description>Benchmark feed %d</description>\n<ttl>30</ttl>\n' % (n, n, n)]
    for i in range(items):
        t = base_time - i * 3600 - n * 60
        html = item_html(rng, rng.randint(1000, 13500))
        out.append('<item>\n<title>%s</title>\n<link>https://news%d.example/%d/story-%d</link>\n'
                   '<guid isPermaLink="false">news%d-%d</guid>\n<pubDate>%s</pubDate>\n'
                   '<dc:creator>Staff</dc:creator>\n<description>%s</description>\n'
                   '<content:encoded><![CDATA[%s]]></content:encoded>\n</item>\n'
                   % (esc(sentence(rng, rng.randint(6, 14))), n, n, i, n, i,
                      email.utils.formatdate(t, usegmt=True), esc(paragraph(rng)), html))
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def atom_feed(rng, n, items, base_time):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
           '<title>Synthetic Atom %d</title>\n<id>urn:news:%d</id>\n'
           '<link href="https://atom%d.example/"/>\n<updated>2024-03-01T12:00:00Z</updated>\n'
           % (n, n, n)]
    for i in range(items):
        html = item_html(rng, rng.randint(1000, 13500))
        out.append('<entry>\n<title>%s</title>\n<id>urn:news:%d:%d</id>\n'
                   '<link href="https://atom%d.example/%d"/>\n'
                   '<published>2024-03-01T%02d:00:00Z</published>\n'
                   '<updated>2024-03-01T%02d:30:00Z</updated>\n<summary>%s</summary>\n'
                   '<content type="html">%s</content>\n</entry>\n'
                   % (esc(sentence(rng, 9)), n, i, n, i, i % 24, i % 24, esc(paragraph(rng)),
                      esc(html)))
    out.append("</feed>\n")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    base_time = 1709294400  # 2024-03-01T12:00:00Z
    total = 0
    for n in range(a.feeds):
        rng = random.Random(a.seed * 100003 + n)
        if n % 50 == 7:
            data = atom_feed(rng, n, a.items, base_time).encode("utf-8")
        elif n % 50 == 13:
            text = rss_feed(rng, n, a.items, base_time).replace(
                'encoding="UTF-8"', 'encoding="windows-1252"').replace("Staff", "R\u00e9daction")
            data = text.encode("cp1252")
        else:
            data = rss_feed(rng, n, a.items, base_time).encode("utf-8")
        with open(os.path.join(a.out, "feed-%03d.xml" % n), "wb") as f:
            f.write(data)
        total += len(data)
    print("%d feeds, %d items each, %.1f MB in %s" % (a.feeds, a.items, total / 1e6, a.out))


if __name__ == "__main__":
    main()
