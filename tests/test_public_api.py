import dyad


def test_exported_members():
    assert sorted(dyad.__all__) == sorted(
        ["Actor", "ActorRef", "Article", "Coded", "Event", "Flag", "Place", "Quote", "Span", "Store",
         "TimeExpr", "__version__", "code_text", "load", "process"]
    )
    for name in dyad.__all__:
        assert hasattr(dyad, name)


def test_load_gives_sentences_entities_and_noun_chunks(nlp):
    from dyad.process import make_doc
    from dyad.ingest import make_article

    article = make_article("Russian President Vladimir Putin met Chinese leader Xi Jinping in Moscow. They talked.",
                           input="t", published="2024-05-16")
    doc = nlp(make_doc(nlp, article))
    assert "dyad_init" in nlp.pipe_names
    assert [s.text for s in doc._.sentence_spans][1] == "They talked."
    ents = {span.text: label for span, label in doc._.entity_spans}
    assert ents.get("Vladimir Putin") == "PERSON"
    assert ents.get("Moscow") == "GPE"
    assert any(c.text == "Chinese leader Xi Jinping" for c in doc._.noun_chunk_spans)
    for span, _ in doc._.entity_spans:
        assert article.text[span.start:span.end] == span.text
    assert doc._.published.isoformat() == "2024-05-16"
