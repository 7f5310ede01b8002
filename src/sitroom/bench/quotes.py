"""`sitroom bench quotes DIR`: quote extraction on PolNeAR with the Gender Gap Tracker metric.

The data: PolNeAR brat standoff (<compartment>/text/*.txt, <compartment>/attributions/*.ann);
every attribution relation with a Content span is a gold quote. Articles annotated by several
annotators are read from the alphabetically first one.

The metric (as shared/eval/quotes/score.py defines it): gold quotes in document order are each
paired with the unused system quote covering the largest share of the gold content characters
(whitespace and quote marks not counted), when that share is >= 0.3 (and, separately, 0.8).
Blocks: all relations; speech (gold whose cue is a speech verb — system quotes paired with other
gold are ignored); direct (gold wholly inside quote marks against system quotes of kind direct).
Speaker accuracy on matched quotes: the system speaker span overlaps the gold source, or its
name's last word is a capitalised word of the gold source, or both have no source.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Optional

from . import parsed_through
from ..model import Record

COMPARTMENTS = {"dev": ["train", "dev"], "train": ["train"], "devonly": ["dev"], "test": ["test"]}
THRESHOLDS = (0.3, 0.8)
QUOTE_MARKS = set("\"“”‘’'«»„‚`")
DOUBLE_OPEN = "\"“«„"
DOUBLE_CLOSE = "\"”»“"
# The cue words that make a relation "speech" (PolNeAR also annotates beliefs and intentions).
SPEECH_WORDS = frozenset("""
say says said saying tell tells told telling add adds added adding write writes wrote written writing
ask asks asked asking state states stated stating claim claims claimed claiming argue argues argued arguing
note notes noted noting explain explains explained explaining warn warns warned warning announce announces
announced announcing insist insists insisted insisting declare declares declared declaring respond responds
responded responding reply replies replied replying tweet tweets tweeted tweeting post posted posts
quip quipped quips testify testified testifies acknowledge acknowledged acknowledges admit admitted admits
recall recalled recalls continue continued continues according report reported reports reporting confirm
confirmed confirms deny denied denies suggest suggested suggests predict predicted predicts promise promised
promises vow vowed vows urge urged urges call called calls calling describe described describes joke joked
jokes complain complained complains accuse accused accuses charge charged charges assert asserted asserts
contend contended contends maintain maintained maintains mention mentioned mentions remark remarked remarks
observe observed observes concede conceded concedes boast boasted boasts shout shouted yell yelled
respond response statement interview interviews speech told emailed email wrote texted added
recount recounted recounts clarify clarified clarifies repeat repeated repeats
""".split())

Frags = list[tuple[int, int]]


@dataclass
class GoldQuote:
    content: Frags
    source: Optional[Frags]
    source_text: Optional[str]
    cue: Optional[Frags]
    direct: bool
    speech: bool


@dataclass
class Article:
    id: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)


# --- reading PolNeAR ---------------------------------------------------------------------------

_T_LINE = re.compile(r"(T\d+)\t(\S+) ([\d ;]+)(\t|$)")
_E_LINE = re.compile(r"(E\d+)\t(.*)$")


def load(data_dir: Path, split: str = "dev", limit: Optional[int] = None) -> list[Article]:
    data_dir = Path(data_dir)
    chosen: dict[tuple[str, str], tuple[str, Path]] = {}
    for comp in COMPARTMENTS[split]:
        for ann in sorted((data_dir / comp / "attributions").glob("*.ann")):
            art, annotator = ann.stem.rsplit("_", 1)
            key = (comp, art)
            if key not in chosen or annotator < chosen[key][0]:
                chosen[key] = (annotator, ann)
    out = []
    for (comp, art) in sorted(chosen):
        with open(data_dir / comp / "text" / f"{art}.txt", encoding="utf-8", newline="") as fh:
            text = fh.read()
        out.append(Article(art, text, _read_ann(chosen[(comp, art)][1], text)))
        if limit and len(out) >= limit:
            break
    return out


def _read_ann(path: Path, text: str) -> list[GoldQuote]:
    spans: dict[str, Frags] = {}
    rels: list[dict[str, list[str]]] = []
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            m = _T_LINE.match(line)
            if m:
                spans[m.group(1)] = [tuple(int(x) for x in f.split()) for f in m.group(3).split(";")]
                continue
            m = _E_LINE.match(line)
            if m:
                args: dict[str, list[str]] = {}
                for i, part in enumerate(m.group(2).split()):
                    role, tid = part.split(":", 1)
                    if i:
                        args.setdefault(role, []).append(tid)
                rels.append(args)
    quotes = []
    for args in rels:
        tids = args.get("Content", []) + args.get("Content2", [])
        if not tids:
            continue

        def frags(role: str) -> Optional[Frags]:
            ids = args.get(role, [])
            return sorted(f for t in ids for f in spans[t]) if ids else None

        content = sorted(f for t in tids for f in spans[t])
        source, cue = frags("Source"), frags("Cue")
        cue_text = " ".join(text[a:b] for a, b in cue) if cue else ""
        quotes.append(GoldQuote(
            content=content, source=source,
            source_text=" ".join(text[a:b] for a, b in source) if source else None,
            cue=cue, direct=_wholly_quoted(text, content), speech=_is_speech(cue_text)))
    quotes.sort(key=lambda q: q.content[0][0])
    return quotes


def _wholly_quoted(text: str, frags: Frags) -> bool:
    """Content that opens and closes with a double (or opening single) quote mark, a mark
    within two characters outside the span counting as enclosing it."""
    s, e = frags[0][0], frags[-1][1]
    st = " ".join(text[a:b] for a, b in frags).strip()
    core = st.rstrip(".,;:!?— ")
    opens = st[:1] in DOUBLE_OPEN or st[:1] == "‘"
    closes = core[-1:] in DOUBLE_CLOSE or st[-1:] in DOUBLE_CLOSE or (st[:1] == "‘" and core[-1:] == "’")
    before = text[max(0, s - 2):s].strip()[-1:]
    after = text[e:e + 3].lstrip(".,;:!?— ")[:1]
    opens = opens or bool(before and before in DOUBLE_OPEN)
    closes = closes or bool(after and after in DOUBLE_CLOSE)
    return opens and closes


def _is_speech(cue_text: str) -> bool:
    if cue_text.strip() == ":":
        return True
    return any(t in SPEECH_WORDS for t in re.findall(r"[a-z]+", cue_text.lower()))


# --- scoring -----------------------------------------------------------------------------------

def _content_chars(text: str, frags: Frags) -> list[int]:
    out = sorted({i for a, b in frags for i in range(a, b)
                  if not text[i].isspace() and text[i] not in QUOTE_MARKS})
    return out or sorted({i for a, b in frags for i in range(a, b)})


def _pair(golds: list[tuple[GoldQuote, list[int]]], spans: list[tuple[int, int]], thr: float,
          ) -> dict[int, int]:
    remaining = list(range(len(spans)))
    pairs: dict[int, int] = {}
    for gi, (_, chars) in enumerate(golds):
        if not chars:
            continue
        best, best_share = None, 0.0
        lo, hi = chars[0], chars[-1] + 1
        for si in remaining:
            s, e = spans[si]
            if not (s < hi and lo < e):
                continue
            share = (bisect.bisect_left(chars, e) - bisect.bisect_left(chars, s)) / len(chars)
            if share >= thr and share > best_share:
                best, best_share = si, share
        if best is not None:
            pairs[gi] = best
            remaining.remove(best)
    return pairs


def _overlaps(span: Optional[tuple[int, int]], frags: Optional[Frags]) -> bool:
    return bool(span and frags) and any(a < span[1] and span[0] < b for a, b in frags)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", (s or "").replace("’", "'").replace("‘", "'")).strip().lower()


def _names_source(speaker: dict, source_text: Optional[str]) -> bool:
    name = speaker.get("name") or speaker.get("text") or ""
    if not name.strip() or not source_text:
        return False
    if _norm(name) == _norm(source_text):
        return True
    words = re.findall(r"[\w'’.-]+", name.replace("’", "'"))
    if not words:
        return False
    last = words[-1].strip(".")
    if len(last) < 2 or not last[:1].isupper():
        return False
    gold_words = {w.strip(".") for w in re.findall(r"[\w'.-]+", source_text.replace("’", "'"))}
    return last in gold_words


def _span(obj: Optional[dict]) -> Optional[tuple[int, int]]:
    if not obj or obj.get("start") is None or obj.get("end") is None:
        return None
    s, e = int(obj["start"]), int(obj["end"])
    return (s, e) if e > s else None


def _speaker_right(q: dict, g: GoldQuote) -> bool:
    sp = q.get("speaker")
    if g.source is None:
        return sp is None or not (sp.get("text") or sp.get("name"))
    return bool(sp) and (_overlaps(_span(sp), g.source) or _names_source(sp, g.source_text))


def _cue_right(q: dict, g: GoldQuote) -> bool:
    return _overlaps(_span(q.get("cue")), g.cue)


class Tally:
    """Counts per block and threshold, summed over documents."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {}

    def add(self, key: str, **kw: int) -> None:
        d = self.counts.setdefault(key, {})
        for k, v in kw.items():
            d[k] = d.get(k, 0) + v

    def document(self, art: Article, quotes: list[dict]) -> None:
        syss = [(q, sp) for q in quotes if (sp := _span(q)) is not None]
        golds = [(g, _content_chars(art.text, g.content)) for g in art.quotes]
        dg = [gi for gi, (g, _) in enumerate(golds) if g.direct]
        dgolds = [golds[gi] for gi in dg]
        dsys = [x for x in syss if (x[0].get("kind") or "") == "direct"]
        for thr in THRESHOLDS:
            tag = f"t{round(thr * 100)}"
            pairs = _pair(golds, [s for _, s in syss], thr)
            ok = {gi: (_speaker_right(syss[si][0], golds[gi][0]), _cue_right(syss[si][0], golds[gi][0]))
                  for gi, si in pairs.items()}
            self.add(f"all_{tag}", tp=len(pairs), fp=len(syss) - len(pairs),
                     fn=len(golds) - len(pairs), spk=sum(a for a, _ in ok.values()),
                     cue=sum(b for _, b in ok.values()))
            sp = [gi for gi in pairs if golds[gi][0].speech]
            self.add(f"speech_{tag}", tp=len(sp), fp=len(syss) - len(pairs),
                     fn=sum(1 for g, _ in golds if g.speech) - len(sp),
                     spk=sum(ok[gi][0] for gi in sp), cue=sum(ok[gi][1] for gi in sp))
            self.add(f"direct_recall_any_{tag}", tp=sum(1 for gi in dg if gi in pairs), n=len(dg))
            dp = _pair(dgolds, [s for _, s in dsys], thr)
            self.add(f"direct_{tag}", tp=len(dp), fp=len(dsys) - len(dp), fn=len(dgolds) - len(dp),
                     spk=sum(_speaker_right(dsys[si][0], dgolds[gi][0]) for gi, si in dp.items()),
                     cue=sum(_cue_right(dsys[si][0], dgolds[gi][0]) for gi, si in dp.items()))

    def figures(self, prefix: str = "") -> dict[str, float]:
        out: dict[str, float] = {}
        for block in ("all", "speech", "direct"):
            for thr in THRESHOLDS:
                tag = f"t{round(thr * 100)}"
                d = self.counts.get(f"{block}_{tag}", {})
                tp, fp, fn = d.get("tp", 0), d.get("fp", 0), d.get("fn", 0)
                p = tp / (tp + fp) if tp + fp else 0.0
                r = tp / (tp + fn) if tp + fn else 0.0
                f = 2 * p * r / (p + r) if p + r else 0.0
                key = f"{prefix}{block}_{tag}"
                out[f"{key}_p"] = round(100 * p, 2)
                out[f"{key}_r"] = round(100 * r, 2)
                out[f"{key}_f1"] = round(100 * f, 2)
                out[f"{key}_speaker_acc"] = round(100 * d.get("spk", 0) / tp, 2) if tp else 0.0
                out[f"{key}_cue_acc"] = round(100 * d.get("cue", 0) / tp, 2) if tp else 0.0
                out[f"{key}_tp"], out[f"{key}_fp"], out[f"{key}_fn"] = tp, fp, fn
        for thr in THRESHOLDS:
            tag = f"t{round(thr * 100)}"
            d = self.counts.get(f"direct_recall_any_{tag}", {})
            out[f"{prefix}direct_recall_any_{tag}"] = (
                round(100 * d["tp"] / d["n"], 2) if d.get("n") else 0.0)
        return out


def score(articles: Iterable[Article], system: dict[str, list[dict]], prefix: str = "") -> dict:
    """Figures for system quotes (SCHEMA.md dicts, by article id) against the gold."""
    tally = Tally()
    for art in articles:
        tally.document(art, system.get(art.id, []))
    return tally.figures(prefix)


# --- running -----------------------------------------------------------------------------------

def run(data_dir: Path, limit: Optional[int] = None, split: str = "dev",
        out: Optional[Path] = None, baseline: bool = True, **_: Any) -> dict:
    """Parse the articles, extract quotes, score them; `out` also writes the records as JSONL
    (what `sitroom annotate` would write) for the reference scorer."""
    from rich.progress import Progress

    from ..stages.quotes import Quotes

    articles = load(Path(data_dir), split, limit)
    stage = Quotes()
    system: dict[str, list[dict]] = {}
    seconds: defaultdict = defaultdict(float)
    docs = []
    fh = open(out, "w", encoding="utf-8") if out else None
    try:
        with Progress(transient=True) as progress:
            task = progress.add_task("quotes", total=len(articles))
            records = (Record(id=a.id, text=a.text) for a in articles)
            for record in parsed_through(stage, records, seconds):
                system[record.id] = [_plain(q) for q in record.quotes]
                if baseline:
                    docs.append(record.doc)
                record.doc = None
                if fh:
                    fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                progress.advance(task)
    finally:
        if fh:
            fh.close()
    parse_s, quote_s = seconds["spacy"], seconds["quotes"]
    figures: dict[str, Any] = {
        "split": split, "docs": len(articles),
        "gold_quotes": sum(len(a.quotes) for a in articles),
        "gold_direct": sum(q.direct for a in articles for q in a.quotes),
        "gold_speech": sum(q.speech for a in articles for q in a.quotes),
        "system_quotes": sum(len(v) for v in system.values()),
        "parse_seconds": round(parse_s, 2), "quotes_seconds": round(quote_s, 2),
        "quotes_share_of_parse": round(quote_s / parse_s, 4) if parse_s else 0.0,
    }
    figures.update(score(articles, system))
    if baseline:
        textacy_system = _textacy(articles, docs)
        if textacy_system is not None:
            figures.update(score(articles, textacy_system, prefix="textacy_"))
    return figures


def _plain(q) -> dict:
    from ..model import _plain as plain
    return plain(q)


def _textacy(articles: list[Article], docs: list) -> Optional[dict[str, list[dict]]]:
    """textacy's direct_quotations on the same parses, as a baseline (when installed)."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    out: dict[str, list[dict]] = {}
    for art, doc in zip(articles, docs):
        quotes = []
        try:
            found = list(direct_quotations(doc))
        except Exception:  # textacy raises on some unbalanced quotes; count it as no output
            found = []
        for dq in found:
            content = dq.content
            s, e = content[0].idx, content[-1].idx + len(content[-1])
            speaker = dq.speaker[0] if dq.speaker else None
            cue = dq.cue[0] if dq.cue else None
            quotes.append({
                "start": s, "end": e, "kind": "direct",
                "speaker": None if speaker is None else {
                    "start": speaker.idx, "end": speaker.idx + len(speaker), "text": speaker.text,
                    "name": None},
                "cue": None if cue is None else {"start": cue.idx, "end": cue.idx + len(cue)},
            })
        out[art.id] = quotes
    return out


def report(figures: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"PolNeAR {figures.get('split')}: {figures.get('docs')} docs, "
                  f"{figures.get('gold_quotes')} gold quotes ({figures.get('gold_speech')} speech, "
                  f"{figures.get('gold_direct')} direct), {figures.get('system_quotes')} system; "
                  f"quote extraction {100 * figures.get('quotes_share_of_parse', 0):.1f} % of parse time")
    systems = [("sitroom", "")] + ([("textacy", "textacy_")] if "textacy_all_t30_f1" in figures else [])
    table = Table(title="Quotes — Gender Gap Tracker metric")
    for col in ("system", "block", "overlap", "P", "R", "F1", "speaker", "cue", "tp/fp/fn"):
        table.add_column(col, justify="right" if col not in ("system", "block") else "left")
    for label, prefix in systems:
        for block in ("all", "speech", "direct"):
            for tag in ("t30", "t80"):
                k = f"{prefix}{block}_{tag}"
                table.add_row(label, block, f"{tag[1:]} %", f"{figures[k + '_p']:.2f}",
                              f"{figures[k + '_r']:.2f}", f"{figures[k + '_f1']:.2f}",
                              f"{figures[k + '_speaker_acc']:.2f}", f"{figures[k + '_cue_acc']:.2f}",
                              f"{figures[k + '_tp']}/{figures[k + '_fp']}/{figures[k + '_fn']}")
    console.print(table)
