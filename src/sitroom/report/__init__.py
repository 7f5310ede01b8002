"""Views of a store: terminal tables and summary (terminal.py), and the situation report an
analyst sends (situation.py gathers, svg.py draws the map and timeline, render.py writes HTML
or Markdown)."""
from .terminal import events_table, print_summary

__all__ = ["events_table", "print_summary"]
