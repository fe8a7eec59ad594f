"""Cleaning: separate the article from everything around it (plain-text dumps and HTML)."""

from newsgraph.clean.html import clean_html
from newsgraph.clean.text import clean_text

__all__ = ["clean_html", "clean_text"]
