"""Quotation-mark spans in the parser's text (typographic quotes already straightened).

Double quotes are paired within a paragraph. A paragraph that opens a quote and never closes it
continues into the next paragraph when that one opens with a quote mark too (the newspaper
convention for a quote running over several paragraphs); the span then covers both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass
class Marked:
    """A quoted stretch: `open` is the opening mark's offset, `close` the closing mark's (or the
    end of the last paragraph when the quote is never closed). Content is [open + 1, close)."""
    open: int
    close: int
    paragraphs: int = 1  # how many paragraphs the quote runs over
    width: int = 1  # 2 for the typewriter pair '' ... ''

    @property
    def start(self) -> int:
        return self.open + self.width

    @property
    def after(self) -> int:
        """The offset just past the closing mark."""
        return self.close + self.width

    @property
    def end(self) -> int:
        return self.close


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line, whitespace trimmed."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _width(text: str, i: int) -> int:
    return 1 if text[i] == '"' else 2


def _marks(text: str, ps: int, pe: int) -> list[int]:
    """Offsets of double quote marks: '"', and the typewriter pairs '' and `` ."""
    out = []
    i = ps
    while i < pe:
        c = text[i]
        if c == '"':
            out.append(i)
        elif c in "'`" and i + 1 < pe and text[i + 1] == c and (c == "`" or _pair_ok(text, i, ps, pe)):
            out.append(i)
            i += 1
        i += 1
    return out


def _pair_ok(text: str, i: int, ps: int, pe: int) -> bool:
    """'' is a quote mark unless it sits inside a word (e.g. a possessive after a quote)."""
    before = text[i - 1] if i > ps else " "
    after = text[i + 2] if i + 2 < pe else " "
    return not (before.isalnum() and after.isalnum())


def find_marked(text: str) -> list[Marked]:
    """All double-quoted stretches of `text` (straight marks), in order."""
    out: list[Marked] = []
    pending: Marked | None = None  # a quote left open at the end of the previous paragraph
    for ps, pe in paragraphs(text):
        marks = _marks(text, ps, pe)
        if pending is not None:
            if marks and marks[0] == ps:
                # the quote continues: this paragraph's opening mark re-opens it
                marks = marks[1:]
                if marks:
                    pending.close = marks[0]
                    pending.paragraphs += 1
                    out.append(pending)
                    pending = None
                    marks = marks[1:]
                else:
                    pending.close = pe
                    pending.paragraphs += 1
                    continue
            else:
                out.append(pending)
                pending = None
        for k in range(0, len(marks) - 1, 2):
            if marks[k + 1] > marks[k] + 1:
                out.append(Marked(marks[k], marks[k + 1], width=_width(text, marks[k])))
        if len(marks) % 2:
            pending = Marked(marks[-1], pe, width=_width(text, marks[-1]))
    if pending is not None:
        out.append(pending)
    return [m for m in out if m.close > m.start and text[m.start:m.end].strip()]
