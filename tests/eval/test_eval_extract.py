"""`dyad eval extract`: the article-extraction benchmark metric, and the HTML reader scored on it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dyad.eval.extract import page_counts, page_precision, page_recall, score, shingles

GOLD = "Delegations from Armenia and Azerbaijan met in Geneva on Tuesday to resume talks."


@pytest.mark.parametrize(
    ("gold", "predicted", "precision", "recall"),
    [
        (GOLD, GOLD, 1.0, 1.0),
        (GOLD, GOLD.upper(), 0.0, 0.0),  # case-sensitive tokens
        (GOLD, "Home | World\n" + GOLD, 10 / 12, 1.0),  # 13 tokens = 10 shingles; 2 extra
        (GOLD, GOLD.split(" to ")[0], 1.0, 7 / 10),
        (GOLD, None, None, 0.0),  # nothing predicted: precision skipped
        ("", "", 1.0, 1.0),
    ],
)
def test_page_precision_recall(gold: str, predicted: str | None, precision: float | None, recall: float) -> None:
    counts = page_counts(gold, predicted)
    p, r = page_precision(*counts), page_recall(*counts)
    assert (p is None) == (precision is None)
    if precision is not None:
        assert p == pytest.approx(precision)
    assert r == pytest.approx(recall)


def test_counts_are_normalised_and_short_texts_are_one_shingle() -> None:
    assert sum(page_counts(GOLD, "Home " + GOLD)) == pytest.approx(1.0)
    assert shingles("Two words") == {("Two", "words"): 1}
    assert shingles("a b a b a b") == {("a", "b", "a", "b"): 2, ("b", "a", "b", "a"): 1}


def test_macro_average_and_f1() -> None:
    report = score([(GOLD, GOLD), (GOLD, None)])
    assert report["precision"] == 1.0  # the empty prediction is skipped for precision
    assert report["recall"] == 0.5
    assert report["f1"] == pytest.approx(2 / 3)
    assert report["accuracy"] == 0.5


def test_evaluate_on_a_small_gold_folder(tmp_path: Path) -> None:
    from dyad.eval import evaluate

    res = Path(__file__).resolve().parent.parent / "resources" / "ingest"
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress((res / "article.html").read_bytes()))
    body = (
        "Delegations from Armenia and Azerbaijan met in Geneva on Tuesday to resume negotiations on a peace treaty, "
        "the Swiss foreign ministry said in a statement.\n\nThe talks, the first in six months, were held behind closed "
        "doors. Officials on both sides described the atmosphere as constructive but said major differences remained "
        "over the border demarcation.\n\nArmenian Foreign Minister Ararat Mirzoyan told reporters that Yerevan was ready "
        "to sign the treaty \"within weeks\" if Baku dropped its demand for constitutional changes.\n\nAzerbaijan's "
        "foreign ministry did not respond to a request for comment."
    )
    (tmp_path / "ground-truth.jsonl").write_text(json.dumps({"id": "p1", "body": body, "published": "2025-03-04"}) + "\n")
    out = tmp_path / "pred.jsonl"
    report = evaluate("extract", tmp_path, predictions=str(out))
    assert report["n"] == 1 and report["f1"] == 1.0 and report["date_acc"] == 1.0
    (pred,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert pred["id"] == "p1" and pred["published"] == "2025-03-04" and pred["title"].startswith("Armenia")


def test_aeb_development_pages(shared: Path) -> None:
    from dyad.eval import evaluate

    gold = shared / "gold" / "extract" / "aeb"
    if not gold.is_dir():
        pytest.skip("extract gold not present")
    report = evaluate("extract", gold, limit=25)
    assert report["n"] == 25 and report["f1"] > 0.95
