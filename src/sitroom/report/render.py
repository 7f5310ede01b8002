"""The situation report as one self-contained HTML page, or Markdown with SVG files beside it.

Everything read from articles is untrusted: HTML-escaped in both formats (and Markdown's own
markup characters neutralised), so an article containing `<script>` shows it as text.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Any

from .situation import Situation
from .svg import colour, map_svg, timeline_svg

CSS = """
body{font-family:Helvetica,Arial,sans-serif;max-width:820px;margin:2em auto;color:#222;line-height:1.45}
h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e5e5e5;vertical-align:top}
th{background:#f6f6f6}.num{text-align:right}.contested{color:#b03a2e;font-weight:bold}
.event{border-left:4px solid #999;padding:.2em .8em;margin:1em 0}.quote{color:#444;font-style:italic}
.src{font-size:.9em;color:#555}.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}
figure{margin:1em 0}figcaption{font-size:.85em;color:#666}
"""


def _range(c: dict[str, Any]) -> str:
    best, low, high = c.get("best"), c.get("low"), c.get("high")
    if best is None:
        return "–"
    if low is not None and high is not None and (low != best or high != best):
        return f"{best} ({low}–{high})"
    return str(best)


def _title(s: Situation) -> str:
    where = s.place or "all places"
    when = f"{s.since or '…'} to {s.until or '…'}" if (s.since or s.until) else "all dates"
    return f"Situation report: {where}, {when}"


def _event_heading(e: dict[str, Any]) -> str:
    sub = f" / {e['acled_sub_event_type']}" if e.get("acled_sub_event_type") else ""
    return f"{e.get('date') or 'undated'} — {e['type']}{sub} — {e.get('place') or 'unknown place'}"


def _counts_line(e: dict[str, Any]) -> list[tuple[str, str, bool]]:
    return [(kind, _range(c), kind in e["contested"]) for kind, c in e["counts"].items()]


def to_html(s: Situation) -> str:
    t = escape(_title(s))
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    p = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{t}</title>"
         f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{CSS}</style></head><body>",
         f"<h1>{t}</h1><p class='sub'>{len(s.events)} events from {s.documents} articles "
         f"({s.sources} independent stories, {len(s.outlets)} outlets) · generated {generated} by sitroom</p>"]
    p.append("<h2>Totals</h2><table><tr><th>figure</th><th class='num'>best</th><th class='num'>low</th>"
             "<th class='num'>high</th><th class='num'>events reporting it</th></tr>")
    for kind, tot in s.totals.items():
        p.append(f"<tr><td>{kind}</td><td class='num'>{tot['best']}</td><td class='num'>{tot['low']}</td>"
                 f"<td class='num'>{tot['high']}</td><td class='num'>{tot['events']}</td></tr>")
    p.append("</table><p class='src'>Best = median of independent sources per event; low/high = the "
             "lowest and highest figures any source gave (UCDP convention).</p>")
    p.append("<h2>Map</h2><figure>" + map_svg(s.events) +
             "<figcaption>Circles: events at a place, coloured by type, sized by events and fatalities.</figcaption></figure>")
    p.append("<h2>Timeline</h2><figure>" + timeline_svg(s.events, s.since, s.until) + "</figure>")
    p.append("<h2>Events by type</h2><table><tr><th>type</th><th class='num'>events</th>"
             "<th class='num'>fatalities (best)</th></tr>")
    for kind, n, dead in s.by_type:
        p.append(f"<tr><td><span class='swatch' style='background:{colour(kind)}'></span>{escape(kind)}</td>"
                 f"<td class='num'>{n}</td><td class='num'>{dead}</td></tr>")
    p.append("</table>")
    if s.contested:
        p.append("<h2>Contested figures</h2><table><tr><th>event</th><th>figure</th><th>what sources say</th></tr>")
        for e in s.contested:
            for kind in e["contested"]:
                said = "; ".join(f"{escape(src.get('source') or src['document'])}: {src.get(kind)}"
                                 for src in e["sources"] if src.get(kind) is not None)
                p.append(f"<tr><td>{escape(_event_heading(e))}<br><code>{escape(e['id'])}</code></td>"
                         f"<td class='contested'>{kind} {escape(_range(e['counts'][kind]))}</td><td>{said}</td></tr>")
        p.append("</table>")
    p.append("<h2>Key events</h2>")
    for e in s.key_events:
        p.append(f"<div class='event' style='border-color:{colour(e['type'])}'><h3>{escape(_event_heading(e))}</h3>")
        actors = " vs ".join(a for a in (e.get("actor1"), e.get("actor2")) if a)
        facts = [escape(actors)] if actors else []
        for kind, text, disputed in _counts_line(e):
            facts.append(f"<span class='{'contested' if disputed else ''}'>{kind}: {escape(text)}"
                         f"{' (contested)' if disputed else ''}</span>")
        facts.append(f"{e['n_sources']} independent source(s)")
        p.append("<p>" + " · ".join(facts) + f" · <code>{escape(e['id'])}</code></p><ul>")
        for src in e["sources"][:6]:
            link = (f"<a href='{escape(src['url'])}' rel='noopener noreferrer'>{escape(src.get('source') or src['url'])}</a>"
                    if src.get("url") and src["url"].startswith(("http://", "https://"))
                    else escape(src.get("source") or src["document"]))
            p.append(f"<li class='src'>{link}, {escape(src.get('published') or '?')}: "
                     f"“{escape(src.get('evidence_text') or '')}”</li>")
        if len(e["sources"]) > 6:
            p.append(f"<li class='src'>… and {len(e['sources']) - 6} more</li>")
        p.append("</ul>")
        for q in e.get("quotes", []):
            who = ", ".join(x for x in (q.get("speaker"), q.get("role"), q.get("org")) if x)
            p.append(f"<p class='quote'>“{escape(q.get('text') or '')}” — {escape(who or 'unnamed source')}</p>")
        p.append("</div>")
    if s.outlets:
        p.append("<h2>Outlets</h2><p class='src'>" + ", ".join(escape(o) for o in s.outlets) + "</p>")
    p.append("</body></html>")
    return "\n".join(p)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md(text: Any) -> str:
    """Untrusted text made inert in Markdown: HTML-escaped and markup characters backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", escape(str(text))).replace("\n", " ")


def to_markdown(s: Situation, path: Path) -> str:
    """The Markdown report; the map and timeline are written as SVG files beside `path`."""
    stem = path.with_suffix("")
    map_path, timeline_path = Path(f"{stem}_map.svg"), Path(f"{stem}_timeline.svg")
    map_path.write_text(map_svg(s.events), encoding="utf-8")
    timeline_path.write_text(timeline_svg(s.events, s.since, s.until), encoding="utf-8")
    p = [f"# {md(_title(s))}", "",
         f"{len(s.events)} events from {s.documents} articles ({s.sources} independent stories, "
         f"{len(s.outlets)} outlets).", "", "## Totals", "",
         "| figure | best | low | high | events reporting it |", "|---|---:|---:|---:|---:|"]
    for kind, tot in s.totals.items():
        p.append(f"| {kind} | {tot['best']} | {tot['low']} | {tot['high']} | {tot['events']} |")
    p += ["", f"![Map of events]({map_path.name})", "", f"![Events over time by type]({timeline_path.name})", "",
          "## Events by type", "", "| type | events | fatalities (best) |", "|---|---:|---:|"]
    p += [f"| {md(kind)} | {n} | {dead} |" for kind, n, dead in s.by_type]
    if s.contested:
        p += ["", "## Contested figures", ""]
        for e in s.contested:
            for kind in e["contested"]:
                said = "; ".join(f"{md(src.get('source') or src['document'])}: {src.get(kind)}"
                                 for src in e["sources"] if src.get(kind) is not None)
                p.append(f"- **{md(_event_heading(e))}** (`{md(e['id'])}`): {kind} {md(_range(e['counts'][kind]))} — {said}")
    p += ["", "## Key events", ""]
    for e in s.key_events:
        p += [f"### {md(_event_heading(e))}", ""]
        facts = [f"{kind}: {md(text)}{' **(contested)**' if disputed else ''}" for kind, text, disputed in _counts_line(e)]
        facts.append(f"{e['n_sources']} independent source(s)")
        p += ["; ".join(facts) + f" — id `{md(e['id'])}`", ""]
        for src in e["sources"][:6]:
            p.append(f"- {md(src.get('source') or src['document'])}, {md(src.get('published') or '?')}: "
                     f"“{md(src.get('evidence_text') or '')}”" + (f" <{md(src['url'])}>" if src.get("url") else ""))
        for q in e.get("quotes", []):
            who = ", ".join(x for x in (q.get("speaker"), q.get("role"), q.get("org")) if x)
            p.append(f"> “{md(q.get('text') or '')}” — {md(who or 'unnamed source')}")
        p.append("")
    return "\n".join(p) + "\n"


def write_report(s: Situation, path: Path) -> list[Path]:
    """Write `path` (.html or .md); returns every file written."""
    path = Path(path)
    if path.suffix.lower() in (".md", ".markdown"):
        path.write_text(to_markdown(s, path), encoding="utf-8")
        stem = path.with_suffix("")
        return [path, Path(f"{stem}_map.svg"), Path(f"{stem}_timeline.svg")]
    path.write_text(to_html(s), encoding="utf-8")
    return [path]
