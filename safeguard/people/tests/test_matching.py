"""The person matching engine: features, comparison levels, the model's explanation, its
estimation without labels on generated records, and the batch linker's handling of input."""

import csv
import datetime as dt
import io
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command

from safeguard.people.matching.batch import Linker, LinkInputError, link, read_records
from safeguard.people.matching.comparisons import COMPARISONS, compare
from safeguard.people.matching.estimate import cold_model
from safeguard.people.matching.features import MatchRecord, fold, prepare
from safeguard.people.matching.model import band_of
from safeguard.people.testing.generator import labelled_records

NAMES = [c.name for c in COMPARISONS]


def _levels(a: MatchRecord, b: MatchRecord) -> dict[str, int | None]:
    return dict(zip(NAMES, compare(prepare(a), prepare(b))[0], strict=True))


def test_names_in_any_script_are_folded_and_placeholders_dropped():
    assert fold("Zoë O\u2019Brien") == "zoe obrien"
    assert prepare(MatchRecord("1", "Олег", "Иванов")).given == "олег"
    assert prepare(MatchRecord("1", "Baby", "Smith")).given == ""


def test_levels_forgive_the_errors_agencies_make():
    born = dt.date(2010, 3, 7)
    amelia = MatchRecord("1", "William", "Smith", born, "M", postcode="UB8 1QA")
    assert _levels(amelia, MatchRecord("2", "Bill", "Smith", born))["given_name"] == 1
    assert (
        _levels(amelia, MatchRecord("2", "William", "Smith", dt.date(2010, 7, 3)))["date_of_birth"]
        == 1
    )  # day and month swapped
    assert (
        _levels(amelia, MatchRecord("2", "William", "Smith", dt.date(2010, 3, 8)))["date_of_birth"]
        == 2
    )  # one digit off
    parent = MatchRecord("2", "William", "Smith", dt.date(1982, 3, 7), "M", postcode="UB8 1QA")
    assert _levels(amelia, parent)["date_of_birth"] == 5  # a generation apart
    assert _levels(amelia, MatchRecord("2", "Jones", "Smith-Jones"))["family_name"] == 1


def test_swapped_given_and_family_names_are_recognised():
    a = prepare(MatchRecord("1", "Adam", "Thomas", dt.date(2012, 1, 1)))
    b = prepare(MatchRecord("2", "Thomas", "Adam", dt.date(2012, 1, 1)))
    levels, swapped = compare(a, b)
    assert swapped and levels[:2] == (0, 0)


def test_bands_are_the_configured_ones(settings):
    settings.PEOPLE_MATCH_THRESHOLD, settings.PEOPLE_POSSIBLE_THRESHOLD = 0.95, 0.85
    assert [band_of(p) for p in (0.96, 0.9, 0.5)] == ["match", "possible", "no match"]


@pytest.fixture(scope="module")
def generated():
    """Tuned on seed 1; measured here on another seed."""
    return labelled_records(people=1500, seed=11, mix="typical")


def test_on_generated_records_the_match_band_is_precise_and_finds_most_pairs(generated):
    cluster = {r.record.record_id: r.cluster for r in generated}
    out = io.StringIO()
    link(Linker.of_records([r.record for r in generated], None), out=out, threshold=0.95)
    rows = [line.split(",") for line in out.getvalue().splitlines()[1:]]
    true = sum(
        1 for i, a in enumerate(generated) for b in generated[i + 1 :] if a.cluster == b.cluster
    )
    right = sum(1 for a, b, _ in rows if cluster[a] == cluster[b])
    assert right / len(rows) >= 0.95  # precision
    assert right / true >= 0.85  # recall


def test_every_score_explains_itself(generated):
    from safeguard.people.matching.batch import Linker

    records = [r.record for r in generated[:400]]
    linker = Linker.of_records(records, None)
    model = linker.train()
    lefts, rights = linker.candidates(0, len(records))
    a, b = prepare(records[lefts[0]]), prepare(records[rights[0]])
    levels, swapped = compare(a, b)
    scored = model.score(levels, a, b, swapped=swapped)
    prior_bits = scored.bits - sum(c.bits for c in scored.contributions)
    assert prior_bits < 0  # most pairs of records are not the same person
    assert {c.comparison for c in scored.contributions} <= set(NAMES)
    assert 0 <= scored.probability <= 1


def _csv(tmp_path, text: str, name="in.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("given_name\nAmelia\n", "record_id"),
        ("record_id,date_of_birth\n1,07/03/2010\n", "row 2, date_of_birth"),
        ("record_id\n1\n1\n", "row 3, record_id: '1' repeats"),
        ("record_id,given_name\n1," + "a" * 5000 + "\n", "row 2, given_name: longer than"),
    ],
)
def test_bad_files_are_refused_with_the_row_and_field(tmp_path, text, message):
    with pytest.raises(LinkInputError, match=message):
        read_records(_csv(tmp_path, text))


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    with pytest.raises(LinkInputError, match="not UTF-8"):
        read_records(_csv(tmp_path, "record_id,given_name\n1,Zoë\n", encoding="utf-16"))


def test_the_command_dedupes_one_file_and_escapes_formula_ids(tmp_path, capsys, generated):
    records = [r.record for r in generated[:600]]
    copy = records[0]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["record_id", "given_name", "family_name", "date_of_birth", "sex",
                     "address", "postcode", "nhs_number"])  # fmt: skip
    for r in [*records, replace(copy, record_id="=1+1")]:
        born = r.date_of_birth.isoformat() if r.date_of_birth else ""
        writer.writerow([r.record_id, r.given_name, r.family_name, born, r.sex, r.address,
                         r.postcode, r.nhs_number])  # fmt: skip
    path = _csv(tmp_path, buffer.getvalue())
    out = tmp_path / "pairs.csv"
    call_command("link", str(path), "--out", str(out))
    written = out.read_text().splitlines()
    assert written[0] == "left_id,right_id,probability"
    assert any(line.startswith(f"{copy.record_id},'=1+1,") for line in written)
    assert "records/s" in capsys.readouterr().out
    with pytest.raises(CommandError, match="probability"):
        call_command("link", str(path), "--out", str(out), "--threshold", "2")


def test_the_batch_probability_is_the_explained_scores_probability():
    model = cold_model(people=1000)
    model.term_frequencies = {"family": {"hughes": 0.01}}
    a = prepare(MatchRecord("a", "Amelia", "Hughes", dt.date(2012, 3, 4), "F"))
    for other in (
        MatchRecord("b", "Amy", "Hughes", dt.date(2012, 4, 3), "F"),
        MatchRecord("c", "Amelia", "Hughes", dt.date(2012, 3, 4), "F", postcode="UB8 1UW"),
        MatchRecord("d", "Leo", "Ward", dt.date(1980, 1, 1), "M"),
    ):
        b = prepare(other)
        levels, swapped = compare(a, b)
        explained = model.score(levels, a, b, swapped=swapped).probability
        assert model.probability(levels, b) == pytest.approx(explained, rel=1e-12)


def test_a_date_of_birth_years_out_counts_for_little_among_matches_whatever_em_learns():
    from safeguard.people.matching.estimate import _capped

    capped = _capped([0.4, 0.05, 0.05, 0.2, 0.3, 0.0], {3: 0.05, 4: 0.01, 5: 0.001})
    assert capped[3] == 0.05 and capped[4] == 0.01
    assert sum(capped) == pytest.approx(1)
    assert capped[0] > 0.4  # the mass goes to the levels errors of entry make


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(LinkInputError, match="first row must name the columns"):
        read_records(_csv(tmp_path, ""))


@pytest.mark.parametrize(
    "text",
    [
        "record_id\n",  # no records
        "record_id,given_name\n1,A\x00b\n2,Ab\n",  # a NUL byte
        'record_id,given_name\n1,"never closed\n',  # a quote never closed
        "record_id,given_name,family_name\n1,Анна,Иванова\n2,علي,حسن\n3,美咲,佐藤\n"
        "4,😀,=cmd|' /C calc'!A0\n",  # other scripts, an emoji, a formula
    ],
)
def test_hostile_files_are_linked_without_crashing(tmp_path, text):
    out = io.StringIO()
    link(Linker.of_records(read_records(_csv(tmp_path, text)), None), out=out, threshold=0.0)
    assert out.getvalue().splitlines()[0] == "left_id,right_id,probability"


def test_chunks_scored_on_several_threads_write_the_same_pairs_as_one(generated, monkeypatch):
    from safeguard.people.matching import batch

    linker = Linker.of_records([r.record for r in generated], None)
    monkeypatch.setattr(batch, "CHUNK", 200)  # many chunks, so that the threads share them
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 2)
    several, one = io.StringIO(), io.StringIO()
    link(linker, out=several, threshold=0.5)
    monkeypatch.setattr(batch, "WORKERS", 1)
    link(linker, out=one, threshold=0.5)
    assert several.getvalue() == one.getvalue()
    assert len(one.getvalue().splitlines()) > 100
