from safeguard.core.presenters import text_html
from safeguard.mash.presenters.submit import check_sections, draft_people_rows

CHILD = {
    "given_name": "Ava",
    "family_name": "Patel",
    "date_of_birth": "2015-06-01",
    "sex": "F",
    "nhs_number": "9434765919",
    "address": "1 High Street",
    "postcode": "UB8 1AA",
    "school": "St Mary's",
    "person_id": None,
}


def test_check_answers_shows_every_detail_the_referrer_gave_about_a_child():
    [row] = draft_people_rows([CHILD])
    assert row == {
        "name": "Ava Patel",
        "detail": "born 1 June 2015, female, NHS number 9434765919, 1 High Street, UB8 1AA, "
        "school: St Mary's",
    }


def test_an_account_keeps_its_line_breaks_and_escapes_markup():
    assert text_html("First line\r\n<b>second</b>") == "First line<br>&lt;b&gt;second&lt;/b&gt;"


def test_check_answers_shows_what_happened_with_its_line_breaks():
    draft = {"children": [CHILD], "what_happened": "Hungry.\nNo coat.", "concerns": ["neglect"]}
    sections = {
        s["title"]: s["rows"] for s in check_sections(draft, concern_labels={"neglect": "Neglect"})
    }
    assert sections["What happened"][0]["value"] == {"html": "Hungry.<br>No coat."}
    assert sections["Concerns"][0]["value"] == {"text": "Neglect"}
