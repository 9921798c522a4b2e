"""Cleaning scraped text: furniture goes, the article stays, and offsets map back to the raw text."""

from __future__ import annotations

import pytest

from dyad.clean import CleanText, clean_text, normalize_unicode


def check_offsets(raw: str, cleaned: CleanText) -> None:
    """Every removed span is a stretch of the raw text, and every kept character maps back to itself."""
    norm = normalize_unicode(raw)
    for span in cleaned.removed:
        assert norm[span.start : span.end] == span.text
    assert len(cleaned.text) + sum(s.end - s.start for s in cleaned.removed) == len(norm)
    for i, ch in enumerate(cleaned.text):
        assert norm[cleaned.to_raw(i)] == ch


def test_example_boilerplate_is_removed_with_offsets(rubio_text: str) -> None:
    cleaned = clean_text(rubio_text)
    for furniture in ("Impact Shorts", "View All", "With inputs from agencies"):
        assert furniture not in cleaned.text
    assert "\nWhile details of the Malaysia talks remain undisclosed" in cleaned.text
    assert cleaned.text.startswith("US Secretary of State Marco Rubio met")
    assert cleaned.text.endswith("enough is enough.")
    check_offsets(rubio_text, cleaned)
    start = cleaned.text.index("While details")
    raw_start = cleaned.to_raw(start)
    assert rubio_text[raw_start : raw_start + 13] == "While details"
    assert rubio_text[raw_start - 8 : raw_start] == "View All"
    end = cleaned.text.index("relations.") + len("relations.")
    assert rubio_text[raw_start : cleaned.to_raw(end, end=True)] == cleaned.text[start:end]


def test_example_through_ingest_is_clean(rubio_text: str) -> None:
    from dyad.ingest import make_article

    art = make_article(rubio_text, input="rubio.txt", published="2025-07-10")
    assert "Impact Shorts" not in art.text and "View All" not in art.text
    assert "With inputs from agencies" not in art.text
    assert "While details of the Malaysia talks" in art.text
    assert {s.text.strip() for s in art.removed} >= {"With inputs from agencies"}


# (scraped text, phrases that must go, phrases that must stay)
SNIPPETS = [
    (
        "Protesters gathered in Nairobi on Tuesday.\nAdvertisement\nPolice fired tear gas.\n"
        "Also Read: Kenya's finance bill explained\nThe protests continued into the night.\n"
        "(Reporting by John Doe; Editing by Jane Roe)",
        ["Advertisement", "Also Read", "finance bill explained", "Reporting by", "Editing by"],
        ["Police fired tear gas.", "The protests continued into the night."],
    ),
    (
        "Share this article\nFacebook\nTwitter\nWhatsApp\nThe army said it had retaken the town.\n"
        "Click here to subscribe to our newsletter\nRead more\nIt gave no casualty figures.\nEdited by: A. Editor",
        ["Share this article", "Facebook", "WhatsApp", "Click here", "Read more", "Edited by"],
        ["The army said it had retaken the town.", "It gave no casualty figures."],
    ),
    (
        "TrendingThe minister resigned on Friday.\nShe denied wrongdoing.Advertisement\n\n\n\nLONDON (Reuters)\n",
        ["Trending", "Advertisement", "\n\n\n"],
        ["The minister resigned on Friday.", "She denied wrongdoing."],
    ),
    (
        "Fighting resumed near Bakhmut, officials said.\nRELATED: Five things to know about the front line\n"
        "DON'T MISS\nUkraine said it repelled the attack. (AFP)\nCopyright 2025 Example Media. All rights reserved.",
        ["RELATED", "Five things", "DON'T MISS", "(AFP)", "Copyright"],
        ["Fighting resumed near Bakhmut", "Ukraine said it repelled the attack."],
    ),
    (
        "Gunmen killed three soldiers near Gao on Sunday, the army said.\nMore coverage\n"
        "- Five Things to Know About the Sahel Crisis\n- Why the Junta Turned to Moscow for Help\n"
        "- Inside the Fight for Northern Mali\n",
        ["Five Things", "Why the Junta", "Inside the Fight"],
        ["Gunmen killed three soldiers near Gao on Sunday, the army said."],
    ),
    (
        "Sen. Jane RoeJane Marie RoeSenate passes stopgap bill | Lawmakers spar over budget MORE (D-Ore.) said the bill would pass.",
        ["Jane Marie", "stopgap", "MORE"],
        ["Sen. Jane Roe (D-Ore.) said the bill would pass."],
    ),
    (
        "Talks resumed in Doha on Monday.\nREAD | Qatar hosts envoys\nPublished By: Desk Editor\n(Photo: AFP)\n"
        "Jul 10, 2025 12:45 PM IST\nPTI\n5 min read\nBoth delegations attended.",
        ["READ |", "Published By", "(Photo: AFP)", "12:45", "PTI", "min read"],
        ["Talks resumed in Doha on Monday.\nBoth delegations attended."],
    ),
    (
        "\ufeffThe talks\u200b were held in Doha.\r\nBoth sides agreed\u00a0to meet again.\r\n\r\nWith agency inputs",
        ["\ufeff", "\u200b", "\r", "\u00a0", "With agency inputs"],
        ["The talks were held in Doha.\nBoth sides agreed to meet again."],
    ),
]


@pytest.mark.parametrize(("raw", "gone", "kept"), SNIPPETS)
def test_scraped_furniture(raw: str, gone: list[str], kept: list[str]) -> None:
    cleaned = clean_text(raw)
    for phrase in gone:
        assert phrase not in cleaned.text
    for phrase in kept:
        assert phrase in cleaned.text
    check_offsets(raw, cleaned)


# sentences that mention furniture words but are news, and must be left alone
NEWS = [
    "The ministry said it would share intelligence with Kenya.",
    "Trending topics on social media included the election.",
    "Advertisement spending fell by 4% in the quarter, Reuters reported.",
    "Read more about the plan, the minister urged voters at the rally.",
    "ADB approved a loan of $500 million to Pakistan.",
    "Reporters were told the talks had been edited by nobody.\nThe summit ends on Friday.",
    "Updated: The death toll has risen to 40, officials said.",
    "The band plays:\nJuly 2 -- Mohegan Sun Arena, Uncasville, CT\nJuly 26 -- Saratoga Performing Arts Center, "
    "Saratoga Springs, NY\nAugust 2 -- DTE Energy Music Theatre, Clarkston, MI",
    "The winners were:\nBest Film: The Long Night in Kabul\nBest Actor: Ali Reza for The Border\nBest Director: Mira Das",
    "YouTube and McDonald's said more was coming. MORE than 40 people were hurt.",
    "As the count went on:\n4:49 p.m.\nThe first results came in.\n9:05 a.m.\nPolls opened.",
    "Three steps:\n1\nRegister.\n2\nVote.",
]


@pytest.mark.parametrize("text", NEWS)
def test_news_sentences_are_kept(text: str) -> None:
    assert clean_text(text).text == text


def test_cleaning_is_idempotent(rubio_text: str) -> None:
    once = clean_text(rubio_text).text
    assert clean_text(once).text == once


def test_unicode_is_nfc() -> None:
    decomposed = "Cafe\u0301 owners in Montre\u0301al protested."
    assert clean_text(decomposed).text == "Café owners in Montréal protested."


def test_empty_and_furniture_only() -> None:
    assert clean_text("").text == ""
    assert clean_text("Advertisement\nShare\nRead more\n").text == ""
