"""The media-literacy workshop: read an article sentence by sentence, mark who speaks and how the verb
frames them, then compare with an answer key and with newslab's own reading.

The logic is plain functions over DataFrames (``read_answer_key``, ``exercise``, ``score``,
``cohen_kappa``, ``save_results``, ``class_summary``); :class:`Workshop` wraps them in ipywidgets so the
same exercise runs in JupyterLab or, with no code visible, in Voila (``make workshop``).

>>> from newslab.ui.workshop import cohen_kappa
>>> round(cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]), 2)
0.5
>>> app = workshop_app("data/sample", results_dir="workshop_results")   # doctest: +SKIP
>>> app                                                                 # doctest: +SKIP
"""

from __future__ import annotations

import html
import io
import math
import os
import re
import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from newslab.attribution.source_types import alias_key
from newslab.core.lexicon import read_table
from newslab.errors import InputError, NewslabError, SettingsError
from newslab.io.corpus import Corpus
from newslab.io.store import is_output_dir, open_dir

AUTHOR = "(author's own voice)"
NOT_MARKED = "(not marked yet)"
SOMEONE_ELSE = "someone else (type the name)"
NO_CUE = "(no reporting verb)"

#: Labels used inside score tables for the two special answers.
AUTHOR_LABEL = "(author)"
NONE_LABEL = "(none)"

KEY_COLUMNS = ("file", "title", "sentence", "source", "source_type", "cue", "cue_class", "boilerplate")
RESULTS_ENV = "NEWSLAB_WORKSHOP_RESULTS"

EXERCISE_COLUMNS = ["article_id", "file", "title", "outlet", "sentence_id", "text", "in_key", "key_source",
                    "key_cue_class", "newslab_source", "newslab_cue_class"]


# ----------------------------------------------------------------------------------------------- labels
def _ws(text) -> str:
    return " ".join(str(text).split())


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        pass
    return str(value).strip() == ""


def normalize_source(name) -> str:
    """The comparison form of a source name: case, spacing, a leading "the" and end punctuation ignored.

    Empty, missing or "author's own voice" answers all become ``"(author)"``; "not marked" stays distinct.

    >>> normalize_source("  The Health   Ministry. ")
    'health ministry'
    >>> normalize_source(None), normalize_source(AUTHOR)
    ('(author)', '(author)')
    """
    if _missing(name) or name in (AUTHOR, AUTHOR_LABEL):
        return AUTHOR_LABEL
    if name == NOT_MARKED:
        return NOT_MARKED
    return alias_key(_ws(name).strip(" .,:;!?\"'\u201c\u201d\u2018\u2019")) or AUTHOR_LABEL


def normalize_cue(cue_class) -> str:
    """The comparison form of a cue class (``"(none)"`` when there is no reporting verb).

    >>> normalize_cue(" Neutral "), normalize_cue(None)
    ('neutral', '(none)')
    """
    if _missing(cue_class) or cue_class in (NO_CUE, NONE_LABEL):
        return NONE_LABEL
    return _ws(cue_class).casefold()


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's kappa between two raters' labels for the same items: ``(po - pe) / (1 - pe)``.

    ``po`` is the observed share of agreement, ``pe`` the agreement expected by chance from each rater's
    label frequencies. 1 = perfect agreement, 0 = no better than chance, below 0 = worse than chance.
    NaN when it is undefined: no items, or both raters gave every item the same single label.

    >>> cohen_kappa(["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15,
    ...             ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15)
    0.4
    """
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise SettingsError(f"cohen_kappa: the two raters labelled {len(a)} and {len(b)} items; give both the same items")
    n = len(a)
    if n == 0:
        return math.nan
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if pe >= 1.0:
        return math.nan
    return round((po - pe) / (1 - pe), 12)


def kappa_words(kappa: float) -> str:
    """Landis & Koch's words for a kappa value ("moderate", "substantial", ...).

    >>> kappa_words(0.55)
    'moderate agreement'
    """
    if kappa is None or (isinstance(kappa, float) and math.isnan(kappa)):
        return "not defined (every answer is the same label)"
    if kappa < 0:
        return "less than chance agreement"
    for bound, words in ((0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial")):
        if kappa <= bound:
            return f"{words} agreement"
    return "almost perfect agreement"


# ------------------------------------------------------------------------------------------ answer key
def read_answer_key(path: str | Path) -> pd.DataFrame:
    """Read a workshop answer key (CSV, UTF-8) into a DataFrame of strings.

    Required columns: ``file`` (article path relative to the corpus folder), ``sentence`` (exact sentence
    text) and ``source`` (canonical name; empty = the author's own voice). Optional: ``title``,
    ``source_type``, ``cue``, ``cue_class``, ``boilerplate`` (true/false). ``#`` lines are comments.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "answer key not found; give the path of the answer_key.csv file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"the answer key is not UTF-8 text ({exc.reason}); save it as UTF-8 CSV") from exc
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    try:
        key = pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(path, f"not a readable CSV table ({exc})") from exc
    key.columns = [str(c).strip() for c in key.columns]
    missing = [c for c in ("file", "sentence", "source") if c not in key.columns]
    if missing:
        raise InputError(path, f"the answer key needs the column(s) {', '.join(missing)} in its header row")
    for col in KEY_COLUMNS:
        if col not in key.columns:
            key[col] = ""
    key["boilerplate"] = key["boilerplate"].str.strip().str.casefold().isin(["true", "1", "yes", "y"])
    key["file"] = key["file"].str.strip().str.replace("\\", "/", regex=False).str.lstrip("./")
    return key


def _key_rows_for(article_path: str, title: str, key: pd.DataFrame) -> pd.DataFrame:
    """The key rows of one article: its file is a path suffix of the article's path; titles break ties."""
    p = "/" + str(article_path).replace("\\", "/")
    files = [f for f in key["file"].unique() if f and p.endswith("/" + f)]
    if not files:
        return key.iloc[0:0]
    best = max(files, key=len)
    rows = key[key["file"] == best]
    if rows["title"].nunique() > 1:  # several articles in one file (jsonl/csv): the title decides
        same = rows[rows["title"].map(_ws).str.casefold() == _ws(title).casefold()]
        if len(same):
            rows = same
    return rows


def exercise(corpus: Corpus, key: pd.DataFrame | None = None, article_id: str | None = None,
             include_boilerplate: bool = False) -> pd.DataFrame:
    """One row per sentence to mark: the sentence, the answer key's reading and newslab's reading.

    Key rows are matched to corpus sentences by (article file, sentence text, spacing ignored).
    ``in_key`` says whether the sentence has a key row; ``key_source`` is ``"(author)"`` for the author's
    own voice. Boilerplate (flagged in the key, or by newslab when the key has no row) is left out.
    """
    arts = corpus.articles
    if article_id is not None:
        arts = arts[arts["article_id"] == article_id]
        if arts.empty:
            raise SettingsError(f"no article with article_id {article_id!r} in this corpus")
    sents = corpus.sentences[corpus.sentences["article_id"].isin(arts["article_id"])]
    cues = corpus.sources[["attribution_id", "cue_class"]].dropna(subset=["attribution_id"])
    cues = cues.drop_duplicates("attribution_id")
    sents = sents.merge(cues, on="attribution_id", how="left")
    frames = []
    for art in arts.itertuples(index=False):
        s = sents[sents["article_id"] == art.article_id].sort_values("sentence_id").copy()
        s["norm"] = s["text"].map(_ws)
        rows = _key_rows_for(art.path, art.title, key) if key is not None else None
        if rows is not None and len(rows):
            k = rows.assign(norm=rows["sentence"].map(_ws)).drop_duplicates("norm")
            k = k[["norm", "source", "cue_class", "boilerplate", "file"]].rename(
                columns={"source": "k_source", "cue_class": "k_cue", "boilerplate": "k_bp", "file": "k_file"})
            s = s.merge(k, on="norm", how="left")
            s["in_key"] = s["k_file"].notna()
        else:
            s = s.assign(k_source=pd.NA, k_cue=pd.NA, k_bp=pd.NA, k_file=pd.NA, in_key=False)
        bp = s["k_bp"].where(s["in_key"], s["boilerplate"]).astype(bool)
        if not include_boilerplate:
            s = s[~bp]
        frames.append(pd.DataFrame({
            "article_id": s["article_id"].astype(str),
            "file": s["k_file"].where(s["in_key"], str(art.path)).astype(str),
            "title": "" if _missing(art.title) else str(art.title),
            "outlet": "" if _missing(art.outlet) else str(art.outlet),
            "sentence_id": s["sentence_id"].astype("int64"),
            "text": s["text"].astype(str),
            "in_key": s["in_key"].astype(bool),
            "key_source": [(_ws(v) or AUTHOR_LABEL) if k else pd.NA for v, k in zip(s["k_source"], s["in_key"])],
            "key_cue_class": [(NONE_LABEL if _missing(c) or _missing(v) else _ws(c)) if k else pd.NA
                              for v, c, k in zip(s["k_source"], s["k_cue"], s["in_key"])],
            "newslab_source": [AUTHOR_LABEL if _missing(v) else str(v) for v in s["source"]],
            "newslab_cue_class": [NONE_LABEL if _missing(v) or _missing(c) else str(c)
                                  for v, c in zip(s["source"], s["cue_class"])],
        }))
    if not frames:
        return pd.DataFrame(columns=EXERCISE_COLUMNS)
    return pd.concat(frames, ignore_index=True)[EXERCISE_COLUMNS]


# ------------------------------------------------------------------------------------------------ score
def score(answers: pd.DataFrame) -> dict:
    """Score one participant's answers (an :func:`exercise` table plus ``answer_source``/``answer_cue_class``).

    Returns a dict: ``n_sentences``, ``n_marked``, ``n_in_key``, ``correct``, ``accuracy`` and ``kappa``
    (who speaks, against the key), ``cue_n``, ``cue_accuracy``, ``cue_kappa`` (framing class, on the
    sentences where the key names a speaker), ``newslab_agreement``/``newslab_kappa`` (participant vs
    newslab on who speaks, all sentences) and ``newslab_accuracy``/``newslab_kappa_key`` (newslab vs key).
    Unmarked sentences count as disagreements. Accuracy is NaN when no sentence has a key row.
    """
    you = answers["answer_source"].map(normalize_source)
    mine = answers["newslab_source"].map(normalize_source)
    in_key = answers["in_key"].astype(bool)
    key = answers.loc[in_key, "key_source"].map(normalize_source)
    y_k, m_k = you[in_key], mine[in_key]
    spoken = in_key & (answers["key_source"].map(normalize_source) != AUTHOR_LABEL)
    you_cue = [normalize_cue(c) if s not in (AUTHOR_LABEL, NOT_MARKED) else NONE_LABEL
               for s, c in zip(you, answers["answer_cue_class"])]
    you_cue = pd.Series(you_cue, index=answers.index)[spoken]
    key_cue = answers.loc[spoken, "key_cue_class"].map(normalize_cue)
    n_key, n_cue = int(in_key.sum()), int(spoken.sum())
    correct = int((y_k == key).sum())
    return {
        "n_sentences": len(answers),
        "n_marked": int((you != NOT_MARKED).sum()),
        "n_in_key": n_key,
        "correct": correct,
        "accuracy": correct / n_key if n_key else math.nan,
        "kappa": cohen_kappa(y_k, key) if n_key else math.nan,
        "cue_n": n_cue,
        "cue_correct": int((you_cue == key_cue).sum()),
        "cue_accuracy": float((you_cue == key_cue).mean()) if n_cue else math.nan,
        "cue_kappa": cohen_kappa(you_cue, key_cue) if n_cue else math.nan,
        "newslab_agreement": float((you == mine).mean()) if len(answers) else math.nan,
        "newslab_kappa": cohen_kappa(you, mine) if len(answers) else math.nan,
        "newslab_accuracy": float((m_k == key).mean()) if n_key else math.nan,
        "newslab_kappa_key": cohen_kappa(m_k, key) if n_key else math.nan,
    }


def draft_answer_key(corpus: Corpus, root: str | Path | None = None) -> pd.DataFrame:
    """A starting answer key for your own articles, pre-filled with newslab's reading, for a teacher to correct.

    One row per sentence, in the answer-key layout (``file`` relative to ``root``, the corpus folder;
    empty ``source`` = the author's own voice). Save it with ``.to_csv("answer_key.csv", index=False)``,
    open it in a spreadsheet, fix the ``source``/``cue_class`` columns, and put it in the corpus folder.

    >>> draft_answer_key(newslab.load("my_articles"), "my_articles").to_csv(   # doctest: +SKIP
    ...     "my_articles/answer_key.csv", index=False)
    """
    arts = corpus.articles.set_index("article_id")
    sents = corpus.sentences.merge(
        corpus.sources[["attribution_id", "source_type", "cue", "cue_class"]].drop_duplicates("attribution_id"),
        on="attribution_id", how="left")
    base = Path(root).resolve() if root is not None else None

    def rel(path) -> str:
        p = Path(str(path))
        if base is not None:
            try:
                return p.resolve().relative_to(base).as_posix()
            except ValueError:
                pass
        return p.as_posix()

    files = {aid: rel(p) for aid, p in arts["path"].items()}
    has = ~sents["source"].isna() & (sents["source"].astype(str).str.strip() != "")
    out = pd.DataFrame({
        "file": sents["article_id"].map(files),
        "title": sents["article_id"].map(arts["title"]).fillna("").astype(str),
        "sentence": sents["text"].astype(str),
        "source": sents["source"].where(has, "").fillna("").astype(str),
        "source_type": sents["source_type"].where(has, "").fillna("").astype(str),
        "cue": sents["cue"].where(has, "").fillna("").astype(str),
        "cue_class": sents["cue_class"].where(has, "").fillna("").astype(str),
        "boilerplate": sents["boilerplate"].map(lambda b: "true" if b else "false"),
    })
    return out.sort_values(["file", "title"], kind="stable").reset_index(drop=True)


# ----------------------------------------------------------------------------------------------- saving
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value):
    """Typed text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _slug(text: str, default: str = "participant") -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", str(text)).strip("_")[:40]
    return slug or default


def results_folder(results_dir: str | Path | None = None) -> Path:
    """The folder results go to: ``$NEWSLAB_WORKSHOP_RESULTS`` when set (so whoever runs a classroom machine
    can send results to a writable folder without editing the notebook), else the argument, else
    ``workshop_results`` in the current folder."""
    return Path(os.environ.get(RESULTS_ENV) or results_dir or "workshop_results")


def save_results(answers: pd.DataFrame, scores: dict, participant: str, results_dir: str | Path | None = None,
                 when: datetime | None = None) -> dict[str, Path]:
    """Save one submission: ``<folder>/answers/<time>_<participant>_<article>.csv`` (one row per sentence),
    one row appended to ``<folder>/scores.csv`` (safe when several participants submit at once), and
    ``<folder>/summary.csv`` rewritten (see :func:`write_summary`): one folder holds the whole class.

    Returns ``{"answers": path, "scores": path, "summary": path}``. Typed text is written so that spreadsheets show it as
    text (a leading ``=``, ``+``, ``-`` or ``@`` gets an apostrophe).
    """
    folder = results_folder(results_dir)
    when = when or datetime.now(timezone.utc)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        (folder / "answers").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingsError(f"cannot create the results folder {folder}: {exc.strerror}; choose a folder you can "
                            "write to") from exc
    articles = "+".join(sorted(answers["article_id"].astype(str).unique())) or "none"
    name = f"{when.strftime('%Y%m%d-%H%M%S')}_{_slug(participant)}_{_slug(articles, 'article')}_{uuid.uuid4().hex[:6]}"
    out = answers.copy()
    out.insert(0, "participant", _csv_safe(str(participant)))
    out.insert(1, "submitted", stamp)
    out["answer_source"] = out["answer_source"].map(_csv_safe)
    answers_path = folder / "answers" / f"{name}.csv"
    out.to_csv(answers_path, index=False, encoding="utf-8")

    row = {"participant": _csv_safe(str(participant)), "submitted": stamp, "article_id": articles,
           "title": "; ".join(sorted(answers["title"].astype(str).unique())), **scores,
           "answers_file": answers_path.relative_to(folder).as_posix()}
    scores_path = folder / "scores.csv"
    header = pd.DataFrame([row]).to_csv(index=False, encoding="utf-8")
    try:  # the first writer creates the file with its header; later ones append one line
        fd = os.open(scores_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        text = header
    except FileExistsError:
        fd = os.open(scores_path, os.O_WRONLY | os.O_APPEND)
        text = header.split("\n", 1)[1]
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return {"answers": answers_path, "scores": scores_path, "summary": write_summary(folder)}


def write_summary(results_dir: str | Path | None = None) -> Path:
    """Rewrite ``<folder>/summary.csv``: :func:`class_summary` (latest submission per participant and
    article, best first), the one file a teacher opens after class. Written whole, then renamed, so a
    spreadsheet never sees half a file."""
    folder = results_folder(results_dir)
    path = folder / "summary.csv"
    tmp = folder / f".summary-{uuid.uuid4().hex[:8]}.csv"
    class_summary(folder).to_csv(tmp, index=False, encoding="utf-8")
    os.replace(tmp, path)
    return path


def class_summary(results_dir: str | Path | None = None, latest: bool = True) -> pd.DataFrame:
    """The teacher's view: every submission in the results folder (the latest per participant and article
    when ``latest``), best accuracy first.

    >>> class_summary("workshop_results")[["participant", "accuracy", "kappa"]]   # doctest: +SKIP
    """
    path = results_folder(results_dir) / "scores.csv"
    if not path.is_file():
        raise InputError(path, "no results yet: nobody has submitted answers to this folder")
    df = pd.read_csv(path, dtype={"participant": str, "article_id": str})
    if latest:
        df = df.sort_values("submitted").drop_duplicates(["participant", "article_id"], keep="last")
    return df.sort_values(["accuracy", "kappa"], ascending=False, na_position="last").reset_index(drop=True)


def sentence_difficulty(results_dir: str | Path | None = None) -> pd.DataFrame:
    """Per sentence, the share of participants who named the key's speaker (hardest first; each participant's
    latest submission for the article): the sentences worth discussing with the class."""
    df = _latest_answers(results_dir)
    df = df[df["in_key"].str.casefold() == "true"]
    df = df.assign(right=df["answer_source"].map(normalize_source) == df["key_source"].map(normalize_source))
    out = (df.groupby(["article_id", "sentence_id", "text", "key_source"], sort=False)
             .agg(participants=("participant", "nunique"), share_right=("right", "mean")).reset_index())
    out["sentence_id"] = out["sentence_id"].astype("int64")
    return out.sort_values(["share_right", "article_id", "sentence_id"]).reset_index(drop=True)


def _latest_answers(results_dir: str | Path | None) -> pd.DataFrame:
    folder = results_folder(results_dir) / "answers"
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise InputError(folder, "no answer files yet: nobody has submitted answers to this folder")
    frames = [pd.read_csv(f, dtype=str, keep_default_na=False).assign(_file=f.name) for f in files]
    df = pd.concat(frames, ignore_index=True)
    last = df.groupby(["participant", "article_id"])["submitted"].transform("max")
    df = df[df["submitted"] == last]
    last_file = df.groupby(["participant", "article_id"])["_file"].transform("max")
    return df[df["_file"] == last_file].drop(columns="_file")


def agreement_matrix(results_dir: str | Path | None = None, article_id: str | None = None) -> pd.DataFrame:
    """Cohen's kappa between every two participants on who speaks (their latest answers to the same article):
    where the class itself disagrees, the text is ambiguous. One article (``article_id``, default: the one
    most participants did); participants as both index and columns, 1.0 on the diagonal.

    >>> agreement_matrix("workshop_results").round(2)   # doctest: +SKIP
    """
    df = _latest_answers(results_dir)
    if article_id is None:
        article_id = df.groupby("article_id")["participant"].nunique().idxmax()
    df = df[df["article_id"] == article_id]
    if df.empty:
        raise SettingsError(f"nobody has submitted answers for article {article_id!r}")
    wide = (df.assign(label=df["answer_source"].map(normalize_source))
              .pivot_table(index="sentence_id", columns="participant", values="label", aggfunc="first"))
    people = list(wide.columns)
    out = pd.DataFrame(index=pd.Index(people, name="participant"), columns=people, dtype="float64")
    for a in people:
        for b in people:
            both = wide[[a, b]].dropna() if a != b else wide[[a]].dropna()
            out.loc[a, b] = 1.0 if a == b else cohen_kappa(both[a], both[b])
    return out


# ------------------------------------------------------------------------------------------------ widget
def cue_class_options(*tables: pd.DataFrame) -> list[tuple[str, str]]:
    """``(label, cue_class)`` pairs for the framing drop-down: the classes in
    ``lexicons/workshop_cue_classes.csv`` in file order, then any other class seen in the given tables."""
    lex = read_table("workshop_cue_classes.csv", required=("cue_class", "label"))
    opts = [(f"{r.label} \u2014 e.g. {r.examples}" if getattr(r, "examples", "") else r.label, r.cue_class.strip())
            for r in lex.itertuples(index=False)]
    seen = {normalize_cue(v) for _, v in opts}
    for t in tables:
        for col in ("key_cue_class", "newslab_cue_class"):
            for v in t.get(col, pd.Series(dtype=str)).dropna().unique():
                if normalize_cue(v) not in seen and normalize_cue(v) != NONE_LABEL:
                    seen.add(normalize_cue(v))
                    opts.append((str(v), str(v)))
    return [(NO_CUE, NONE_LABEL)] + opts


def _pct(x: float) -> str:
    return "\u2013" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.0%}"


def _k(x: float) -> str:
    return "\u2013" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f}"


_CSS = """<style>
.newslab-ws .nl-sentence{font-size:1.25em;line-height:1.5;padding:.6em .8em;border-left:4px solid #0072B2;
 background:#f3f7fb;margin:.3em 0}
.newslab-ws .nl-context{color:#666;font-size:.95em;margin:.2em 0}
.newslab-ws table.nl-results{border-collapse:collapse;font-size:.9em;line-height:1.35}
.newslab-ws table.nl-results td,.newslab-ws table.nl-results th{border:1px solid #ccc;padding:3px 6px;
 vertical-align:top;text-align:left}
.newslab-ws table.nl-results td:nth-child(n+3){min-width:11em}
.newslab-ws .nl-ok{color:#009E73;font-weight:bold}.newslab-ws .nl-no{color:#D55E00;font-weight:bold}
.newslab-ws .nl-score{font-size:1.2em}
</style>"""


class Workshop:
    """The exercise as ipywidgets: name, article, one sentence at a time, "who speaks?" and "how does the
    verb frame them?", then Submit to see the score and the comparison (saved to ``results_dir``).

    ``corpus``: a loaded :class:`~newslab.io.corpus.Corpus`; ``key``: an answer key DataFrame
    (:func:`read_answer_key`) or None to compare with newslab's reading only. Display the object (or
    ``.widget``) in a notebook. After Submit, ``.answers``, ``.scores`` and ``.saved`` hold the results.

    >>> app = Workshop(newslab.load("data/sample"), read_answer_key("data/sample/answer_key.csv"))  # doctest: +SKIP
    """

    def __init__(self, corpus: Corpus, key: pd.DataFrame | None = None, results_dir: str | Path | None = None,
                 article_id: str | None = None, include_boilerplate: bool = False):
        import ipywidgets as w

        self.corpus, self.key = corpus, key
        self.results_dir = results_folder(results_dir)
        self.table = exercise(corpus, key, include_boilerplate=include_boilerplate)
        arts = self.table.drop_duplicates("article_id")
        if key is not None and self.table["in_key"].any():
            keyed = set(self.table.loc[self.table["in_key"], "article_id"])
            arts = arts[arts["article_id"].isin(keyed)]
        if arts.empty:
            raise SettingsError("the workshop needs at least one article with sentences; load a corpus first")
        self.answers: pd.DataFrame | None = None
        self.scores: dict | None = None
        self.saved: dict[str, Path] | None = None
        self._marks: dict[int, tuple[str, str]] = {}
        self._marks_by_article: dict[str, dict[int, tuple[str, str]]] = {}  # marks survive switching articles
        self._pos_by_article: dict[str, int] = {}
        self._pos = 0
        self._loading = False

        style = {"description_width": "initial"}
        full = w.Layout(width="95%")
        self.participant = w.Text(description="Your name:", placeholder="first name or group", style=style)
        self.participant.add_class("newslab-participant")
        labels = [(f"{_ws(r.title) or r.file} \u2014 {r.outlet}" if r.outlet else (_ws(r.title) or r.file),
                   r.article_id) for r in arts.itertuples(index=False)]
        self.article = w.Dropdown(options=labels, description="Article:", style=style, layout=full)
        self.article.add_class("newslab-article")
        self.heading = w.HTML()
        self.progress = w.IntProgress(min=0, max=1, value=0, layout=w.Layout(width="60%"))
        self.sentence = w.HTML()
        self.sentence.add_class("newslab-sentence")
        self.source = w.Dropdown(description="Who speaks in this sentence?", style=style, layout=full)
        self.source.add_class("newslab-source")
        self.other = w.Text(description="Name:", placeholder="who is speaking?", style=style,
                            layout=w.Layout(display="none", width="60%"))
        self.other.add_class("newslab-other")
        self.cue = w.Dropdown(options=cue_class_options(self.table), value=NONE_LABEL, style=style, layout=full,
                              description="How does the reporting verb frame them?")
        self.cue.add_class("newslab-cue")
        self.back = w.Button(description="\u25c0 Back", icon="")
        self.next = w.Button(description="Next \u25b6", button_style="info")
        self.submit = w.Button(description="Submit my answers", button_style="success",
                               layout=w.Layout(width="auto"))
        for b, cls in ((self.back, "newslab-back"), (self.next, "newslab-next"), (self.submit, "newslab-submit")):
            b.add_class(cls)
        self.status = w.HTML()
        self.status.add_class("newslab-status")
        self.result = w.HTML()
        self.result.add_class("newslab-result")
        self.out = w.Output()  # unexpected errors in callbacks land here, not in a hidden log
        self.widget = w.VBox([
            w.HTML(_CSS), w.HBox([self.participant]), self.article, self.heading, self.progress, self.sentence,
            self.source, self.other, self.cue, w.HBox([self.back, self.next, self.submit]), self.status,
            self.result, self.out])
        self.widget.add_class("newslab-ws")

        self.article.observe(self._on_article, names="value")
        self.source.observe(self._on_mark, names="value")
        self.other.observe(self._on_mark, names="value")
        self.cue.observe(self._on_mark, names="value")
        self.back.on_click(lambda _: self._guard(self.go, self._pos - 1))
        self.next.on_click(lambda _: self._guard(self.go, self._pos + 1))
        self.submit.on_click(lambda _: self._guard(self.submit_answers))
        if article_id is not None:
            if article_id not in {v for _, v in labels}:
                raise SettingsError(f"article_id {article_id!r} is not one of the workshop's articles")
            self.article.value = article_id
        self._start()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    # -- state
    @property
    def sentences(self) -> pd.DataFrame:
        """The sentences of the chosen article, in order."""
        return self.table[self.table["article_id"] == self.article.value].reset_index(drop=True)

    def _guard(self, fn, *args):
        try:
            fn(*args)
        except NewslabError as exc:
            self.status.value = f"<b class='nl-no'>{html.escape(str(exc))}</b>"
        except Exception:
            with self.out:
                raise

    def _on_article(self, change):
        if change.get("old") is not None:
            self._pos_by_article[change["old"]] = self._pos
        self._start()

    def _start(self):
        """Show the chosen article, with the marks made on it before (switching articles loses nothing)."""
        self._marks = self._marks_by_article.setdefault(self.article.value, {})
        self._pos = 0
        self.result.value = ""
        marked = sum(1 for s, _ in self._marks.values() if s != NOT_MARKED)
        self.status.value = (f"{marked} of {len(self.sentences)} sentences marked (your earlier marks on this "
                             "article are kept)." if marked else "")
        sents = self.sentences
        first = sents.iloc[0] if len(sents) else None
        names: dict[str, str] = {}
        for col in ("key_source", "newslab_source"):
            for v in sents[col].dropna():
                if normalize_source(v) not in (AUTHOR_LABEL, NOT_MARKED):
                    names.setdefault(normalize_source(v), _ws(v))
        options = [NOT_MARKED, AUTHOR] + sorted(names.values(), key=str.casefold) + [SOMEONE_ELSE]
        self._loading = True
        self.source.options = options
        self._loading = False
        self.progress.max = max(len(sents), 1)
        title = "" if first is None else html.escape(first["title"])
        outlet = "" if first is None else html.escape(first["outlet"])
        self.heading.value = (f"<h3>{title}</h3><div class='nl-context'>{outlet}</div>" if title else "")
        self.go(self._pos_by_article.get(self.article.value, 0))

    def go(self, pos: int) -> None:
        """Show sentence ``pos`` (0-based; clipped to the article) with its current mark."""
        n = len(self.sentences)
        self._pos = max(0, min(pos, n - 1)) if n else 0
        self._show()

    def _show(self):
        sents, i = self.sentences, self._pos
        if sents.empty:
            self.sentence.value = "<i>This article has no sentences to mark.</i>"
            return
        esc = lambda k: html.escape(str(sents.at[k, "text"]))  # noqa: E731
        before = f"<div class='nl-context'>\u2026 {esc(i - 1)}</div>" if i > 0 else ""
        after = f"<div class='nl-context'>{esc(i + 1)} \u2026</div>" if i + 1 < len(sents) else ""
        self.sentence.value = (f"<div class='nl-context'>Sentence {i + 1} of {len(sents)}</div>{before}"
                               f"<div class='nl-sentence'>{esc(i)}</div>{after}")
        self.progress.value = i + 1
        source, cue = self._marks.get(i, (NOT_MARKED, NONE_LABEL))
        self._loading = True
        try:
            if source in self.source.options:
                self.source.value, self.other.value = source, ""
            else:
                self.source.value, self.other.value = SOMEONE_ELSE, source
            self.cue.value = cue if cue in [v for _, v in self.cue.options] else NONE_LABEL
        finally:
            self._loading = False
        self._sync_controls()
        self.back.disabled = i == 0
        self.next.disabled = i + 1 >= len(sents)

    def _sync_controls(self):
        speaks = self.source.value not in (NOT_MARKED, AUTHOR)
        self.other.layout.display = "" if self.source.value == SOMEONE_ELSE else "none"
        self.cue.disabled = not speaks

    def _on_mark(self, change):
        if self._loading:
            return
        self._sync_controls()
        self.mark(self._pos, self.source.value if self.source.value != SOMEONE_ELSE else self.other.value,
                  self.cue.value, _redraw=False)

    def mark(self, pos: int, source: str, cue_class: str = NONE_LABEL, _redraw: bool = True) -> None:
        """Record an answer for sentence ``pos``: a source name, :data:`AUTHOR` or :data:`NOT_MARKED`, and
        a cue class (ignored for the author's own voice)."""
        if source is None or not str(source).strip() or source == SOMEONE_ELSE:
            source, cue_class = NOT_MARKED, NONE_LABEL  # "someone else" with no name typed yet
        elif normalize_source(source) == AUTHOR_LABEL:
            source, cue_class = AUTHOR, NONE_LABEL
        self._marks[pos] = (source, cue_class)
        marked = sum(1 for s, _ in self._marks.values() if s != NOT_MARKED)
        self.status.value = f"{marked} of {len(self.sentences)} sentences marked."
        if _redraw and pos == self._pos:
            self._show()

    def answers_table(self) -> pd.DataFrame:
        """The chosen article's exercise table with this participant's ``answer_source``/``answer_cue_class``."""
        df = self.sentences.copy()
        marks = [self._marks.get(i, (NOT_MARKED, NONE_LABEL)) for i in range(len(df))]
        df["answer_source"] = [s if s not in ("",) else NOT_MARKED for s, _ in marks]
        df["answer_cue_class"] = [c if normalize_source(s) not in (AUTHOR_LABEL, NOT_MARKED) else NONE_LABEL
                                  for s, c in marks]
        return df

    def submit_answers(self) -> dict:
        """Score the current article, save the results, and show the comparison. Returns the scores."""
        name = self.participant.value.strip()
        if not name:
            raise SettingsError("type your name (or your group's name) in the box at the top, then submit again")
        df = self.answers_table()
        self.answers, self.scores = df, score(df)
        self.saved = save_results(df, self.scores, name, self.results_dir)
        self.result.value = self._render(df, self.scores)
        # participants need no file path (it would be relative to the server); the teacher has the folder
        self.status.value = "Saved: your teacher has your answers. You may choose another article."
        return self.scores

    # -- results view
    def _render(self, df: pd.DataFrame, s: dict) -> str:
        e = html.escape
        if s["n_in_key"]:
            head = (f"<div class='nl-score'><b>Your score: {s['correct']} of {s['n_in_key']} sentences "
                    f"({_pct(s['accuracy'])})</b> \u00b7 Cohen's kappa with the answer key {_k(s['kappa'])} "
                    f"({kappa_words(s['kappa'])})</div>")
            if s["cue_n"]:
                head += (f"<div>Framing: {s['cue_correct']} of {s['cue_n']} reporting verbs classed like the key "
                         f"({_pct(s['cue_accuracy'])}, kappa {_k(s['cue_kappa'])})</div>")
            head += (f"<div>newslab's own reading agrees with the key on {_pct(s['newslab_accuracy'])} of "
                     f"sentences (kappa {_k(s['newslab_kappa_key'])}); you and newslab agree on "
                     f"{_pct(s['newslab_agreement'])}.</div>")
        else:
            head = (f"<div class='nl-score'><b>No answer key for this article.</b> You and newslab agree on "
                    f"{_pct(s['newslab_agreement'])} of sentences (kappa {_k(s['newslab_kappa'])}).</div>")
        if s["n_marked"] < s["n_sentences"]:
            head += f"<div class='nl-no'>{s['n_sentences'] - s['n_marked']} sentence(s) were not marked.</div>"

        def cell(label, cue, ok=None):
            mark = "" if ok is None else ("<span class='nl-ok'>\u2713</span> " if ok
                                          else "<span class='nl-no'>\u2717</span> ")
            label = AUTHOR if normalize_source(label) == AUTHOR_LABEL else label
            cue = "" if normalize_cue(cue) == NONE_LABEL else f"<br><small>{e(str(cue))}</small>"
            return f"<td>{mark}{e(str(label))}{cue}</td>"

        rows = []
        for n, r in enumerate(df.itertuples(index=False), start=1):
            ok = normalize_source(r.answer_source) == normalize_source(r.key_source) if r.in_key else None
            key = cell(r.key_source, r.key_cue_class) if r.in_key else "<td><i>not in key</i></td>"
            rows.append(f"<tr><td>{n}</td><td>{e(r.text)}</td>{cell(r.answer_source, r.answer_cue_class, ok)}"
                        f"{key}{cell(r.newslab_source, r.newslab_cue_class)}</tr>")
        table = ("<table class='nl-results'><tr><th>#</th><th>sentence</th><th>your answer</th>"
                 "<th>answer key</th><th>newslab</th></tr>" + "".join(rows) + "</table>")
        return head + table


def workshop_app(corpus: str | Path | Corpus = "data/sample", key: str | Path | None = "auto",
                 results_dir: str | Path | None = None, article_id: str | None = None) -> Workshop:
    """Load a corpus folder and its answer key and return the :class:`Workshop` (display it).

    ``key="auto"`` uses ``<corpus>/answer_key.csv`` when it exists; ``None`` compares with newslab only.
    Results go to ``results_dir`` (``$NEWSLAB_WORKSHOP_RESULTS`` overrides it; see :func:`results_folder`).
    """
    from newslab.io.load import load

    if isinstance(corpus, Corpus):
        loaded, folder = corpus, None
    else:
        folder = Path(corpus)
        if not folder.exists():
            raise InputError(folder, "no such corpus folder; set CORPUS in the notebook's parameters cell")
        if is_output_dir(folder):  # a folder of tables written by `newslab extract` (any layout)
            loaded = open_dir(folder)
        else:  # no progress bar: it would show on the participants' page
            loaded = load(folder, progress=False)
    if isinstance(key, str) and key == "auto":
        auto = folder / "answer_key.csv" if folder is not None and folder.is_dir() else None
        key = auto if auto is not None and auto.is_file() else None
    table = read_answer_key(key) if key is not None else None
    return Workshop(loaded, table, results_dir=results_dir, article_id=article_id)

