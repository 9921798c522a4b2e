"""Fixtures of the corpus tests: our own short articles and realistic edits of them (wire copies)."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLES = Path(__file__).resolve().parent.parent / "resources" / "corpus"

BOILERPLATE = (
    "\n\nReporting by Anna Berg; Additional reporting by Tom Hale; Editing by Mark Lewis. "
    "Our Standards: The Trust Principles. Sign up for our morning newsletter to get the top stories "
    "in your inbox every day."
)


def paragraphs(text: str) -> list[str]:
    return [p for p in text.strip().split("\n\n") if p.strip()]


EDITS = {
    "new_headline": lambda t: "Neighbours strike deal after months of wrangling\n\n" + t,
    "dateline": lambda t: "KELM (Wire) - " + t,
    "boilerplate": lambda t: t + BOILERPLATE,
    "last_paragraph_cut": lambda t: "\n\n".join(paragraphs(t)[:-1]),
    "copy_edits": lambda t: t.replace(" said ", " told reporters ", 2).replace(" two ", " 2 ", 1),
    "whitespace_and_case": lambda t: "  " + t.upper().replace("\n\n", "\n \n") + "\n",
    "headline_and_boilerplate": lambda t: "UPDATE 1-" + t.split(".")[0] + "\n\n" + t + BOILERPLATE,
}


@pytest.fixture(scope="session")
def own_articles() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))}
