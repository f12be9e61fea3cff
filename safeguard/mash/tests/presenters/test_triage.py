import datetime as dt
import uuid

from django.utils import timezone

from safeguard.mash.presenters.common import count_text
from safeguard.mash.presenters.linking import conflicts, link_choice
from safeguard.mash.presenters.triage import queue_row
from safeguard.mash.selectors.rows import CandidateRow, ChildRow, QueueRow

NOW = timezone.make_aware(dt.datetime(2026, 12, 3, 10, 0))
ANDREA = ChildRow(
    id=7,
    notification_id=uuid.uuid4(),
    given_name="Andrea",
    family_name="Cooper",
    date_of_birth=dt.date(2011, 3, 8),
    sex="F",
    nhs_number="9991163786",
)


def _candidate(**fields) -> CandidateRow:
    values = {
        "child_id": 7,
        "person_id": uuid.uuid4(),
        "probability": 0.9,
        "contributions": [["family_name", "exact", 9.0], ["given_name", "close", 3.0]],
        "swapped_names": False,
        "given_name": "Andrew",
        "family_name": "Cooper",
        "date_of_birth": dt.date(2011, 10, 1),
        "sex": "M",
        "postcode": "UB8 1AA",
    } | fields
    return CandidateRow(**values)


def _radios(child: ChildRow, candidates: list[CandidateRow]) -> list[dict]:
    choice = link_choice(
        notification_id=child.notification_id, version=3, child=child, candidates=candidates
    )
    return choice.radios["items"]


def test_every_field_on_which_a_candidate_disagrees_is_named():
    andrew = _candidate(
        contributions=[
            ["family_name", "exact", 9.0],
            ["date_of_birth", "different", -6.5],
            ["sex", "different", -3.0],
            ["nhs_number", "different", -12.0],
            ["given_name", "close", 0.5],
        ]
    )
    assert conflicts(andrew) == ["date of birth", "sex", "NHS number"]
    [offered, _divider, _new] = _radios(ANDREA, [andrew])
    assert "Conflicts: date of birth, sex, NHS number" in offered["hint"]["html"]
    assert offered["text"] == "Andrew Cooper, born 1 October 2011, UB8 1AA"


def test_a_candidate_that_agrees_everywhere_shows_no_conflict():
    [offered, _divider, _new] = _radios(ANDREA, [_candidate()])
    assert "Conflicts" not in offered["hint"]["html"]


def test_none_of_these_is_always_offered_even_with_no_candidates():
    [new] = _radios(ANDREA, [])
    assert new["value"] == "new"
    assert new["text"].startswith("None of these")


def test_the_referrers_choice_is_offered_and_marked_even_when_the_engine_missed_it():
    chosen = uuid.uuid4()
    child = ChildRow(**(vars(ANDREA) | {"person_id": chosen}))
    items = _radios(child, [_candidate()])
    assert items[0]["value"] == str(chosen)
    assert "the matching engine did not find it" in items[0]["text"]
    found = _radios(child, [_candidate(person_id=chosen)])
    assert found[0]["text"].endswith("(the record the referrer chose)")


def test_a_name_with_markup_is_escaped_in_the_hint_and_the_label_is_plain_text():
    hostile = _candidate(
        given_name="<script>",
        contributions=[["given_name", "<b>x</b>", 5.0]],
    )
    [offered, _d, _n] = _radios(ANDREA, [hostile])
    assert "<b>" not in offered["hint"]["html"] and "&lt;b&gt;" in offered["hint"]["html"]
    assert "html" not in offered  # the label is text: the macro escapes it


def _queue_row(**fields) -> QueueRow:
    values = {
        "id": uuid.uuid4(),
        "reference": "MASH-2026-000001",
        "received_at": NOW - dt.timedelta(hours=30),
        "urgent": True,
        "rag": "red",
        "status": "triage",
        "due_at": NOW - dt.timedelta(hours=6),
        "requests_overdue": False,
        "agency": "Police",
        "assigned_to": "",
        "children": [ANDREA],
    } | fields
    return QueueRow(**values)


def test_an_overdue_queue_row_says_by_how_long_in_bold_and_flags_urgency():
    cells = queue_row(_queue_row(), now=NOW)
    assert "Urgent" in cells[0]["html"]
    assert cells[1]["html"] == "Andrea Cooper, born 8 March 2011<br>Not assigned"
    assert cells[5] == {"html": "<strong>Overdue by 6 hours</strong>"}


def test_a_decided_queue_row_has_no_clock():
    cells = queue_row(_queue_row(status="decided", urgent=False), now=NOW)
    assert cells[5] == {"text": "Decided"}
    assert "Urgent" not in cells[0]["html"]


def test_counts_agree_with_their_nouns():
    assert count_text(1, "request", "requests") == "1 request"
    assert count_text(0, "request", "requests") == "0 requests"
    assert count_text(1200, "notification", "notifications") == "1,200 notifications"
