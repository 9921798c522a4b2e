"""dyad_quotes: direct, split, indirect and "according to" quotes, speakers, anonymity, reported_by."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from dyad.nlp.quotes import attribute_events, find_quotes, quoted_stretches
from dyad.records import Event, Quote, Span


def parse(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.published = dt.date(2025, 7, 10)
    return nlp(doc)


def pieces(q: Quote) -> str:
    return " ".join(s.text for s in (q.segments or (q.content,)))


# (text, speaker, cue, content fragment, kind, anonymous)
QUOTES = [
    ('"We will not retreat from our positions," the defence minister said on Monday.',
     "the defence minister", "said", "We will not retreat", "direct", False),
    (("“The tone has clearly changed,” said one Western diplomat familiar with the agenda. "
      "“Rubio came in not to negotiate, but to warn.”"),
     "one Western diplomat familiar with the agenda", "said", "not to negotiate, but to warn", "direct", True),
    ("“We are ready,” the spokesman said, “to talk to anyone who wants peace.”",
     "the spokesman", "said", "to talk to anyone", "direct", False),
    ('The ministry said in a statement:\n\n"The attack was a grave violation of international law."',
     "The ministry", "said", "grave violation of international law", "direct", False),
    ("US officials said that Russia had fired 40 missiles at Kyiv overnight.",
     "US officials", "said", "that Russia had fired 40 missiles", "indirect", True),
    ("The ceasefire will hold for now, a senior official told reporters.",
     "a senior official", "told", "The ceasefire will hold", "indirect", True),
    ("According to the Syrian Observatory for Human Rights, 12 civilians were killed in the strikes.",
     "the Syrian Observatory for Human Rights", "According to", "12 civilians were killed", "indirect", False),
    ("The UN secretary-general warned that the famine would spread to the north.",
     "The UN secretary-general", "warned", "the famine would spread", "indirect", False),
    ("Sergei Lavrov said the talks with his American counterpart had been useful.",
     "Sergei Lavrov", "said", "the talks with his American counterpart had been useful", "indirect", False),
    ("Sources said the convoy had been stopped at the border.",
     "Sources", "said", "the convoy had been stopped", "indirect", True),
    ("Merkel said the proposal was “a step in the right direction” for Europe.",
     "Merkel", "said", "a step in the right direction", "mixed", False),
    ("The senator has used the phrase often and criticized the president for not doing so.",
     "The senator", "criticized", "the president for not doing so", "indirect", False),
    ("The museum, Mr. Bush said, celebrated several of his heroes.",
     "Mr. Bush", "said", "celebrated several of his heroes", "indirect", False),
    ("The union backed Kamala Harris, who said the endorsement would help her campaign.",
     "who", "said", "the endorsement would help her campaign", "indirect", False),
    ("The plan was criticized by several senators on Tuesday.",
     "several senators", "criticized", "The plan", "indirect", False),
    ("Pence: Gennifer Flowers Won't Be at Debate, Trump Was Mocking Clinton Camp.\n\nThe debate is on Monday.",
     "Pence", ":", "Gennifer Flowers Won't Be at Debate", "indirect", False),
]


@pytest.mark.parametrize("text, speaker, cue, content, kind, anonymous", QUOTES)
def test_quotes_speaker_cue_content(nlp, text: str, speaker: str, cue: str, content: str, kind: str,
                                    anonymous: bool) -> None:
    quotes = parse(nlp, text)._.quotes
    hits = [q for q in quotes if content in pieces(q)]
    assert hits, [(q.speaker_text, q.content.text) for q in quotes]
    q = hits[0]
    assert q.speaker_text is not None and q.speaker_text.text == speaker
    assert q.cue is not None and q.cue.text == cue
    assert q.kind == kind
    assert q.anonymous is anonymous
    assert text[q.content.start:q.content.end] == q.content.text


@pytest.mark.parametrize("text, when", [
    ("Authorities announced on Friday the arrest of a man in the fatal shooting.", "Friday"),
    ("She talked on Monday about the economy and jobs.", "Monday"),
])
def test_quotes_a_date_is_not_what_was_said(nlp, text: str, when: str) -> None:
    quotes = parse(nlp, text)._.quotes
    assert quotes and all(pieces(q) != when for q in quotes), [q.content.text for q in quotes]


def test_quotes_title_with_the_name_after_it_is_not_anonymous(nlp) -> None:
    text = ("Iran rejected the measures. \u201cWe will not accept lectures from Brussels,\u201d said foreign "
            "ministry spokesman Esmaeil Baghaei.")
    (q,) = [q for q in parse(nlp, text)._.quotes if "lectures" in q.content.text]
    assert q.speaker_text.text.endswith("Esmaeil Baghaei") and not q.anonymous


def test_quotes_split_quote_is_one_quote_with_segments(nlp) -> None:
    text = "“The tone has clearly changed,” said one Western diplomat. “Rubio came in not to negotiate, but to warn.”"
    (q,) = parse(nlp, text)._.quotes
    assert [s.text for s in q.segments] == ["“The tone has clearly changed,”", "“Rubio came in not to negotiate, but to warn.”"]
    assert q.content.start == 0 and q.content.end == len(text)


def test_quotes_scare_quotes_are_not_quotations(nlp) -> None:
    quotes = parse(nlp, "Critics called the plan a “dangerous and reckless gamble” for the whole region.")._.quotes
    assert not any(q.kind == "direct" and q.content.text.startswith("“dangerous") for q in quotes)


def test_quotes_speaker_is_the_resolved_actor(nlp) -> None:
    (q,) = parse(nlp, "Sergei Lavrov said the talks with his American counterpart had been useful.")._.quotes
    assert q.speaker is not None and q.speaker.span.text.endswith("Lavrov")
    assert q.speaker.country == "RUS"


@pytest.mark.parametrize("text, stretches", [
    ('He said "no more talks" and left.', ['"no more talks"']),
    ("“One,” she said. “Two.”", ["“One,”", "“Two.”"]),
    ("''It is over,'' he said.", ["''It is over,''"]),
    ('"An unclosed quote that runs on to the end of its paragraph\n"Next', ['"An unclosed quote that runs on to the end of its paragraph']),
])
def test_quotes_quotation_marks(text: str, stretches: list[str]) -> None:
    assert [text[a:b] for a, b in quoted_stretches(text)] == stretches


def test_quotes_events_inside_content_are_reported(nlp) -> None:
    text = "Russian forces shelled the port overnight, a Ukrainian official said."
    doc = parse(nlp, text)
    quotes = find_quotes(doc)
    start = text.index("shelled")
    sent = Span(0, len(text), text)
    inside = Event(id="e1", article_id="t", sentence=sent, trigger=Span(start, start + 7, "shelled"), plover_type="ASSAULT")
    cue_at = text.index("said")
    outside = Event(id="e2", article_id="t", sentence=sent, trigger=Span(cue_at, cue_at + 4, "said"), plover_type="CONSULT")
    got = attribute_events([inside, outside], quotes)
    assert got[0].reported_by == quotes[0].id
    assert got[1].reported_by is None


# The Rubio-Lavrov example: item 9 (and the quoted warning of item 8).
def test_quotes_rubio_diplomat(rubio) -> None:
    hits = [q for q in rubio.quotes if q.speaker_text and "one Western diplomat familiar with the agenda" in q.speaker_text.text]
    assert len(hits) == 1, [(q.speaker_text, q.content.text) for q in rubio.quotes]
    q = hits[0]
    assert q.anonymous and q.kind == "direct" and q.cue is not None and q.cue.text == "said"
    assert "The tone has clearly changed" in q.content.text and "not to negotiate, but to warn" in q.content.text


def test_quotes_rubio_warning_reported_by_diplomat(rubio) -> None:
    (q,) = [q for q in rubio.quotes if q.speaker_text and "Western diplomat" in q.speaker_text.text]
    warn = [e for e in rubio.events if "warn" in e.trigger.text]
    assert warn, [(e.plover_type, e.trigger.text) for e in rubio.events]
    assert all(e.reported_by == q.id for e in warn)
    assert all(e.modality == "negation" or e.plover_type not in ("CONSULT",) or e.reported_by == q.id
               for e in rubio.events if "negotiate" in e.trigger.text)


def test_quotes_rubio_us_officials_are_anonymous(rubio) -> None:
    hits = [q for q in rubio.quotes if q.speaker_text and q.speaker_text.text == "US officials"]
    assert hits and hits[0].anonymous and hits[0].kind == "indirect"


def test_quotes_cli_lists_stored_quotes(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from dyad.cli import app
    from dyad.records import ActorRef, Article, Coded
    from dyad.store import Store

    text = "“The tone has clearly changed,” said one Western diplomat."
    speaker = Span(37, 57, "one Western diplomat")
    quote = Quote(id="q-1", article_id="a1", content=Span(0, 31, text[:31]), kind="direct",
                  cue=Span(32, 36, "said"), speaker=ActorRef(span=speaker, name=speaker.text),
                  speaker_text=speaker, anonymous=True)
    db = tmp_path / "q.duckdb"
    with Store(db) as store:
        store.write([Coded(article=Article(id="a1", text=text), quotes=(quote,))])
    runner = CliRunner()
    result = runner.invoke(app, ["quotes", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output.splitlines()[0])
    assert row["speaker_text"] == "one Western diplomat" and row["anonymous"] is True and row["cue_text"] == "said"
    table = runner.invoke(app, ["quotes", "--db", str(db), "--named"])
    assert table.exit_code == 0 and "0 quotes" in table.output


# (text, speaker or None, cue, content fragment): attribution shapes beyond "X said Y"
SHAPES = [
    # "as X put it": the clause the as-clause modifies is what X said
    ('The main requirement of the program is a "lawful source of investment income," as a Homeland Security memo put it.',
     "a Homeland Security memo", "put it", 'the program is a "lawful source of investment income'),
    ("As one Twitter user pointed out, the gap between the two candidates is so vast it is almost laughable.",
     "one Twitter user", "pointed out", "the gap between the two candidates is so vast"),
    # a poll as the speaker of the clause it is "in"
    ("In the latest Quinnipiac poll, the governor leads his challenger by nine points among likely voters.",
     "the latest Quinnipiac poll", "In", "the governor leads his challenger by nine points"),
    # headline labels: a person named in the label and again in the article, a poll
    ("A Lesson from Loretta Lynch: Be the Voice That People Hear.\n\nLoretta Lynch spoke to students on Monday.",
     "Loretta Lynch", ":", "Be the Voice That People Hear"),
    ("Poll: Clinton and Trump in Dead Heat Heading into First Debate.\n\nThe race is close.",
     "Poll", ":", "Clinton and Trump in Dead Heat"),
    # a block quote after "X added:" without quotation marks
    ("The governor added:\n\nIt is typical of the senator. She knows nothing about what happened in the city.",
     "The governor", "added", "She knows nothing about what happened"),
    # "told X that ...", "tells X to ..."
    (("In Honolulu last week, he told a meeting of Pacific Island leaders that few people understood the stakes "
     "of climate change better than they did."), "he", "told", "few people understood the stakes"),
    ("Trump tells his supporters at a Michigan rally to “go to your place and vote” on Election Day.",
     "Trump", "tells", "go to your place and vote"),
    # "declined to comment"; content cut by a sentence break the parser put inside the sentence
    ("Through a spokesman, he declined to comment.", "he", "declined", "to comment"),
    (("At Monday's debate, Clinton cited disparaging remarks Trump had made about Machado as examples of "
     "his disrespect for women."), "Clinton", "cited", "as examples of his disrespect"),
    # "spoke of/about X": what was talked about
    ("His wife, Laura, spoke of her early discussions with the museum's director.", "His wife", "spoke",
     "her early discussions with the museum's director"),
    # a participle after a preposition: the main subject's ("despite admitting"), the object's ("for saying")
    ("House Speaker Paul Ryan, despite admitting that he had concerns about trial lawyers, backed the bill.",
     "House Speaker Paul Ryan", "admitting", "he had concerns about trial lawyers"),
    # a reason clause the parser hangs on the cue is part of what was said
    ("Rep. Trey Gowdy said that claim smacked of hypocrisy, because Democrats had questioned the FBI's decisions.",
     "Rep. Trey Gowdy", "said", "hypocrisy, because Democrats had questioned"),
    # a colon after a statement noun introduces the quote
    (("On July 6, 2015, Sanders made the following comment:\n\n“For young people who dropped out of high school, "
     "the real unemployment rate is 51 percent.”"), "Sanders", "made", "the real unemployment rate is 51 percent"),
    # a title line "Name Verbs ...", sentence or title case
    ("Flynn says Trump 'absolutely right' in saying generals reduced to rubble.\n\nThe retired general spoke on Thursday.",
     "Flynn", "says", "Trump 'absolutely right' in saying generals reduced to rubble"),
    (("Railing Against Trump, Sanders Vows To Eliminate Tax Breaks Used By Real Estate Developers.\n\n"
     "Bernie Sanders spoke in Iowa."), "Sanders", "Vows", "To Eliminate Tax Breaks"),
    # ... but a statement, letter or news conference can say something
    ("She spoke at a news conference announcing that her department was suing North Carolina over the law.",
     None, "announcing", "her department was suing North Carolina"),
    # bare verbs conjoined to the cue continue its infinitive
    ("She wants to triple the size of the AmeriCorps program, grow the Peace Corps and create a new reserve program.",
     "She", "wants", "grow the Peace Corps and create a new reserve program"),
    # a clause split by the parser into two complements, the subject of the second inside the first
    (("But Flynn said Trump has “enormous respect” for the military and his rubble comment was instead an "
     "expression of frustration with the strategy."), "Flynn", "said", "was instead an expression of frustration"),
    # a conjoined object the parser hangs on the verb
    ('Obama condemned the test as "provocative and destabilizing" and a "grave threat" to regional stability.',
     "Obama", "condemned", "a \"grave threat\" to regional stability"),
    # a longer date at the end is part of what was said, a bare day is the writer's
    ("Clinton's team says she'll continue her march toward Election Day later this week.", "Clinton's team", "says",
     "she'll continue her march toward Election Day later this week"),
    (("House Speaker Paul Ryan, despite admitting that he had his concerns about trial lawyers, the victims do need "
     "their day in court."), "House Speaker Paul Ryan", "admitting", "he had his concerns"),
    ("“We see charter schools offering parents hope,” the letter reads. “Our children are thriving in charter schools.”",
     "the letter", "reads", "Our children are thriving"),
    # a cue verb tagged as a plural noun after the opening name
    ("Trump charges that countries that stand to benefit from the deal donated millions of dollars to the Clinton Foundation.",
     "Trump", "charges", "countries that stand to benefit from the deal donated millions"),
    # a passive cue without an agent has no speaker; its subject is part of what is expected
    ("The president's veto is expected to come before the deadline at midnight Friday.",
     None, "expected", "veto"),
]


@pytest.mark.parametrize("text, speaker, cue, content", SHAPES)
def test_quotes_attribution_shapes(nlp, text: str, speaker: str | None, cue: str, content: str) -> None:
    quotes = parse(nlp, text)._.quotes
    hits = [q for q in quotes if content in pieces(q)]
    assert hits, [(q.speaker_text, q.cue, pieces(q)) for q in quotes]
    q = hits[0]
    assert (q.speaker_text.text if q.speaker_text else None) == speaker
    assert q.cue is not None and cue in q.cue.text


@pytest.mark.parametrize("text, not_content", [
    # "called" naming something is no quote; nor is "said in a report" the report's
    ("The program, called EB-5, will expire at the end of this month unless Congress acts.", "EB-5"),
    ("Trump, speaking to a veterans group in Virginia, thanked the crowd.", "a veterans group in Virginia"),
    ("Obama Power Plan Rules Face Key Test In U.S. Court.\n\nThe rules face a key test on Tuesday.",
     "Face Key Test In U.S. Court"),
    ("They found a way through the Clean Air Act to cut emissions.", "a way through the Clean Air Act"),
    ("Peacekeepers occasionally find themselves in the thick of war zones.", "themselves in the thick of war zones"),
    ("The website savingforcollege.com is an excellent resource for anyone wanting to learn more about 529 plans.",
     "to learn more about 529 plans"),
    ("The nominee wanted to speak directly to white people and let them know that this is not who we are.",
     "that this is not who we are"),
    ("Of course, it’s hardly surprising that a Republican tax plan would mostly benefit the wealthy.",
     "that a Republican tax plan would mostly benefit the wealthy"),
    ("Stalin Hernandez Gonzalez, 49 ―\u00a0a father of two ― was released on Monday.", "a father of two"),
])
def test_quotes_not_quotes(nlp, text: str, not_content: str) -> None:
    quotes = parse(nlp, text)._.quotes
    assert not any(pieces(q).strip() == not_content for q in quotes), [pieces(q) for q in quotes]


def test_quotes_dash_label_after_nonbreaking_space_is_each_quotes_speaker(nlp) -> None:
    text = ("“He is the most unqualified candidate in history and a disgrace.” \u2015\u00a0Oscar Quintero\n"
            "“I just hope this campaign gives our community the anger to go out and vote.” \u2015\u00a0Jorge Falcon\n")
    quotes = parse(nlp, text)._.quotes
    assert [q.speaker_text.text for q in quotes] == ["Oscar Quintero", "Jorge Falcon"]


@pytest.mark.parametrize("text, first, second, speakers", [
    # a second statement conjoined inside the first one's clause is its own quote, same speaker
    (("Trump said he would order a thorough review of the nation's computer defenses and warned against "
     "potential hackers from China, Russia and North Korea."),
     "he would order a thorough review of the nation's computer defenses", "potential hackers from China",
     ["Trump", "Trump"]),
    # ... but not when the conjoined verb shares the reported clause's subject
    ("Police say he posed a deadly threat and refused to drop the gun.",
     "he posed a deadly threat and refused to drop the gun", None, ["Police"]),
])
def test_quotes_conjoined_second_statement(nlp, text: str, first: str, second: str | None,
                                           speakers: list[str]) -> None:
    quotes = parse(nlp, text)._.quotes
    outer = [q for q in quotes if first in pieces(q)]
    assert outer and outer[0].speaker_text.text == speakers[0], [(q.speaker_text, pieces(q)) for q in quotes]
    if second is not None:
        inner = [q for q in quotes if second in pieces(q) and first not in pieces(q)]
        assert inner and inner[0].speaker_text.text == speakers[1]


def test_quotes_according_to_stays_in_its_paragraph(nlp) -> None:
    text = ('"The number of households led by single mothers has doubled," she wrote, "and most of them work in '
            'low-paying jobs."\n\nAbout 9.9 million single mothers live in the United States, according to federal statistics.')
    (q,) = [q for q in parse(nlp, text)._.quotes if q.cue is not None and q.cue.text == "according to"]
    assert q.content.text == "About 9.9 million single mothers live in the United States"


def test_quotes_indirect_content_stays_in_the_cue_paragraph(nlp) -> None:
    text = ("The Clinton campaign says the ad will air on national cable stations\n\n"
            "Trump urged his supporters to monitor polling places\n\nWASHINGTON (AP) The Latest on the campaign.")
    for q in parse(nlp, text)._.quotes:
        assert "\n" not in q.content.text, q.content.text


def test_quotes_no_indirect_duplicate_of_a_direct_quote(nlp) -> None:
    text = ("However laudable the goal, using the capital gains tax ''is a misguided approach,'' said Mr. Burman "
            "(a view echoed by everyone I interviewed).\n\n''There's no empirical evidence whatsoever this would "
            "have any effect on management decision-making,'' Mr. Burman said. ''The real issue is corporate "
            "governance. It would be better if management faced more pressure from investors.''\n\nHow did it happen?")
    quotes = parse(nlp, text)._.quotes
    spans = sorted((p.start, p.end) for q in quotes for p in (q.segments or (q.content,)))
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), [pieces(q) for q in quotes]


def test_quotes_the_agency_said_in_a_report_is_the_agency(nlp) -> None:
    text = "The middle fifth of households paid 8.9 percent of all taxes, the agency said in a June report."
    quotes = parse(nlp, text)._.quotes
    assert [q.speaker_text.text for q in quotes] == ["the agency"]
