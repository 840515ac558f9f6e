"""Synthetic news articles for benchmarks and tests: invented outlets, people and stories, real attribution styles.

Every article is 15-25 sentences in short paragraphs and mixes the ways news attributes speech: ``"...," X
said``, ``X said (that) ...``, ``according to X``, ``X told Y``, citing chains (``X, citing Y, reported``),
anonymous officials, multi-sentence quotes attributed at the end, partial quotes, surname back-references,
``the report said``, and abbreviations that trip naive sentence splitters (``Gov.``, ``Dr.``, ``U.S.``).
Everything is fictional and deterministic: the same ``n`` and ``seed`` give the same corpus.

>>> from newslab.synthetic import generate_articles
>>> df = generate_articles(3, seed=1)
>>> list(df.columns)
['text', 'title', 'outlet', 'published', 'url', 'author']
>>> generate_articles(3, seed=1).equals(df)
True
"""

from __future__ import annotations

import html
import json
import random
import re
import string
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from newslab.core.lexicon import read_lines

OUTLETS = [  # (name, domain, kind)
    ("Harbor Wire", "harborwire.example", "wire"),
    ("The Daily Lantern", "dailylantern.example", "tabloid"),
    ("Northgate Tribune", "northgatetribune.example", "newspaper"),
    ("State Broadcast Service", "sbs-news.example", "state"),
    ("Open Ledger", "openledger.example", "investigative"),
    ("Riverside Courier", "riversidecourier.example", "local"),
    ("Civic Watch", "civicwatch.example", "ngo"),
]
FIRST = read_lines("synthetic_first_names.txt")
LAST = read_lines("synthetic_surnames.txt")
ROLES = [("Transport Minister", "official"), ("Health Minister", "official"), ("Gov.", "official"),
         ("Sen.", "official"), ("Mayor", "official"), ("Dr.", "expert"), ("union leader", "civil"),
         ("economist", "expert"), ("police spokesperson", "official"), ("resident", "citizen"),
         ("shop owner", "citizen"), ("Rep.", "official"), ("Prof.", "expert"), ("Lt.", "official")]
ORGS = read_lines("synthetic_organisations.txt")
ANON = ["Officials", "Two people familiar with the talks", "A senior official, who spoke on condition of "
        "anonymity,", "Sources close to the ministry", "Police", "Analysts", "Diplomats"]
TOPICS = [  # (headline pattern, subject, things)
    ("Port strike enters {n}th day as talks stall", "the strike", ["the port", "cargo shipments", "wages"]),
    ("Flood defences failed in {place}, report finds", "the flooding", ["the river barrier", "repairs", "insurance"]),
    ("Budget plan cuts {place} hospital funding", "the budget", ["hospital funding", "the deficit", "tax rates"]),
    ("Dam contract under review after payment claims", "the contract", ["the dam", "the tender", "payments"]),
    ("Schools in {place} stay closed after heating failure", "the closures", ["heating", "classes", "parents"]),
    ("Mine accident in {place} leaves {n} injured", "the accident", ["safety checks", "the mine", "rescue teams"]),
    ("Election commission delays count in {place}", "the count", ["ballots", "turnout", "observers"]),
    ("Water outage hits {place} for a {n}th day", "the outage", ["the pipeline", "tankers", "water quality"]),
]
PLACES = ["Port Halden", "Vellmar", "Northgate", "Red Valley", "Kessel", "Brightwater", "Oldbridge", "St. Anne"]
SAID = read_lines("synthetic_cues.txt")
VERB_PHRASES = ["would reopen {thing} by Friday", "had ignored repeated warnings about {thing}",
                "was reviewing {thing}", "could not rule out further delays to {thing}",
                "had spent more than {money} on {thing}", "would publish a full account of {thing}",
                "was not responsible for {thing}", "expected {thing} to improve within weeks",
                "had asked for an independent inquiry into {thing}", "wanted answers about {thing}"]
QUOTES = read_lines("synthetic_quotes.txt")
NARRATIVE = ["The {thing} has been a source of dispute since {month}.",
             "Crowds gathered outside the building on Tuesday morning.",
             "The figures could not be independently verified.",
             "{place} has a population of about {k},000 people.",
             "Work on {thing} was first approved in {year}.",
             "The government has faced growing pressure over {subject}.",
             "Similar problems were reported in {place2} last year.",
             "Shares in the company fell {pct} percent on Wednesday.",
             "The hearing was adjourned until Jan. {d}.",
             "Trading resumed at 10 a.m. after a short pause."]
BOILER = ["Subscribe to our newsletter for daily updates.", "Read more: {title2}",
          "Share this article on social media.", "Support independent journalism: donate today."]
#: the sentences of a story, by kind (lexicons/synthetic_sentences.txt; a kind past the end gives a NARRATIVE
#: sentence): their fields are filled left to right by _sentences; a backslash-n splits a line into two sentences
SHAPES = read_lines("synthetic_sentences.txt")
_FORMATTER = string.Formatter()
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def _person(rng: random.Random) -> tuple[str, str, str]:
    role, _ = rng.choice(ROLES)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return role, f"{first} {last}", last


def _fill(template: str, rng: random.Random, ctx: dict) -> str:
    values = {
        "thing": rng.choice(ctx["things"]), "subject": ctx["subject"], "place": ctx["place"],
        "place2": rng.choice(PLACES), "n": rng.randint(3, 30), "money": f"{rng.randint(2, 90)} million crowns",
        "month": rng.choice(MONTHS), "k": rng.randint(20, 900), "year": rng.randint(2005, 2023),
        "pct": rng.randint(2, 19), "d": rng.randint(2, 28), "title2": ctx["title2"],
    }
    return template.format(**values)


def _clause(rng: random.Random, ctx: dict, who: str = "the government") -> str:
    return f"{who} {_fill(rng.choice(VERB_PHRASES), rng, ctx)}"


def _sentences(rng: random.Random, ctx: dict, count: int) -> list[str]:
    people = [_person(rng) for _ in range(rng.randint(2, 4))]
    if rng.random() < 0.5:  # two people sharing a surname: "Diaz" alone is ambiguous
        role, name, last = _person(rng)
        people.append((role, f"{name.split()[0]} {people[0][2]}", people[0][2]))
    introduced: set[str] = set()
    out: list[str] = []

    def ref(p) -> str:
        role, name, last = p
        if name in introduced:
            return last
        introduced.add(name)
        return f"{role} {name}"

    def citing() -> str:
        a, b = rng.sample(ORGS, 2)
        return f"{a[0].upper() + a[1:]}, citing {b}"

    draw = {  # the fields of SHAPES; each is drawn when its turn comes, left to right
        "ref": lambda p, q: ref(p), "quote": lambda p, q: q, "quote_open": lambda p, q: q[:-1] + ",",
        "next_quote": lambda p, q: _fill(rng.choice(QUOTES), rng, ctx)[:-1] + ",",
        "said": lambda p, q: rng.choice(SAID), "said_or_wrote": lambda p, q: rng.choice(["said", "wrote"]),
        "org": lambda p, q: rng.choice(ORGS), "anon": lambda p, q: rng.choice(ANON),
        "outlet": lambda p, q: rng.choice(OUTLETS)[0], "citing": lambda p, q: citing(),
        "verdict": lambda p, q: rng.choice(["a betrayal", "long overdue", "reckless", "the right call"]),
        "clause": lambda p, q: _clause(rng, ctx), "clause_authorities": lambda p, q: _clause(rng, ctx, "the authorities"),
        "clause_operator": lambda p, q: _clause(rng, ctx, "the operator"),
        "clause_agency": lambda p, q: _clause(rng, ctx, "the agency"),
    }
    while len(out) < count:
        p = rng.choice(people)
        q = _fill(rng.choice(QUOTES), rng, ctx)
        kind = rng.randrange(12)
        shape = SHAPES[kind] if kind < len(SHAPES) else None
        if shape is None or len(out) + shape.count("\\n") + 1 > count:  # a narrative sentence
            out.append(_fill(rng.choice(NARRATIVE), rng, ctx))
            continue
        fields = [name for _, name, _, _ in _FORMATTER.parse(shape) if name]
        values = {name: draw[name](p, q) for name in fields}
        out.extend(shape.format(**values).split("\\n"))
    return [x[:1].upper() + x[1:] for x in out[:count]]


def _paragraphs(rng: random.Random, sentences: list[str]) -> str:
    paras, i = [], 0
    while i < len(sentences):
        k = rng.choice((1, 1, 2, 2, 3))
        chunk = sentences[i:i + k]
        if chunk[-1].count('"') == 1 and chunk[-1].startswith('"') and i + k < len(sentences):
            k += 1  # keep a multi-sentence quote in one paragraph
            chunk = sentences[i:i + k]
        paras.append(" ".join(chunk))
        i += k
    return "\n\n".join(paras)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def generate_articles(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` fictional articles: columns ``text, title, outlet, published, url, author`` (deterministic).

    >>> generate_articles(2).loc[0, "text"].count("\\n\\n") > 3
    True
    """
    rng = random.Random(seed)
    base = datetime(2024, 1, 1)
    rows = []
    for i in range(n):
        outlet, domain, kind = rng.choice(OUTLETS)
        pattern, subject, things = rng.choice(TOPICS)
        place = rng.choice(PLACES)
        title = pattern.format(n=rng.randint(3, 12), place=place)
        ctx = {"subject": subject, "things": things, "place": place,
               "title2": rng.choice(TOPICS)[0].format(n=rng.randint(3, 12), place=rng.choice(PLACES))}
        body = _sentences(rng, ctx, rng.randint(15, 25))
        dateline = f"{place.upper()}, {rng.choice(MONTHS)} {rng.randint(1, 28)} ({outlet}) - " if kind == "wire" else ""
        body[0] = dateline + body[0]
        text = _paragraphs(rng, body)
        if kind in ("tabloid", "local", "ngo") and rng.random() < 0.5:
            text += "\n\n" + _fill(rng.choice(BOILER), rng, ctx)
        published = base + timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 24 * 60 - 1))
        author = None if kind == "ngo" else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        url = f"https://www.{domain}/{published:%Y/%m/%d}/{_slug(title)}-{i}"
        rows.append({"text": text, "title": title, "outlet": outlet, "published": published, "url": url,
                     "author": author})
    df = pd.DataFrame(rows, columns=["text", "title", "outlet", "published", "url", "author"])
    df["published"] = pd.to_datetime(df["published"])
    return df


def write_corpus(directory, n: int, seed: int = 0, format: str = "txt") -> list[Path]:
    """Write ``n`` synthetic articles under ``directory``; return the files written.

    ``format="txt"``: one ``<outlet-slug>/<nnnnnn>-<title-slug>.txt`` per article (title line, blank line,
    text), so the folder name gives the outlet; ``format="html"``: the same as news pages with metadata,
    navigation and footer; ``format="jsonl"``: one ``articles.jsonl`` with every field.
    """
    directory = Path(directory)
    df = generate_articles(n, seed)
    directory.mkdir(parents=True, exist_ok=True)
    if format == "jsonl":
        path = directory / "articles.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for rec in df.to_dict("records"):
                rec["published"] = rec["published"].isoformat()
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return [path]
    if format not in ("txt", "html"):
        raise ValueError(f"unknown format {format!r}: use 'txt', 'html' or 'jsonl'")
    paths = []
    for i, rec in enumerate(df.itertuples(index=False)):
        folder = directory / _slug(rec.outlet)
        folder.mkdir(exist_ok=True)
        path = folder / f"{i:06d}-{_slug(rec.title)}.{format}"
        content = _html(rec) if format == "html" else f"{rec.title}\n\n{rec.text}\n"
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def _html(rec) -> str:
    """A news page around the article: metadata in <head>, navigation, share links and footer around it."""
    esc = html.escape
    paras = "\n".join(f"<p>{esc(p)}</p>" for p in rec.text.split("\n\n"))
    author = f'<meta name="author" content="{esc(rec.author)}">' if isinstance(rec.author, str) else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(rec.title)} | {esc(rec.outlet)}</title>
<meta property="og:site_name" content="{esc(rec.outlet)}">{author}
<meta property="article:published_time" content="{rec.published.isoformat()}">
<link rel="canonical" href="{esc(rec.url)}"><script>window.dataLayer = [];</script></head>
<body><header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav></header>
<main><article><h1>{esc(rec.title)}</h1>
{paras}
</article><aside><h2>Most read</h2><ul><li><a href="/a">Weather warning for the weekend</a></li></ul></aside></main>
<footer><p>Share on social media</p><p>&copy; {esc(rec.outlet)}. All rights reserved.</p></footer></body></html>
"""
