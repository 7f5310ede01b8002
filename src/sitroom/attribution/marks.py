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

    @property
    def start(self) -> int:
        return self.open + 1

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


def find_marked(text: str) -> list[Marked]:
    """All double-quoted stretches of `text` (straight marks), in order."""
    out: list[Marked] = []
    pending: Marked | None = None  # a quote left open at the end of the previous paragraph
    for ps, pe in paragraphs(text):
        marks = [i for i in range(ps, pe) if text[i] == '"']
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
                out.append(Marked(marks[k], marks[k + 1]))
        if len(marks) % 2:
            pending = Marked(marks[-1], pe)
    if pending is not None:
        out.append(pending)
    return [m for m in out if m.close > m.open + 1 and text[m.start:m.end].strip()]
