"""What the MASH view tests share: a page's text, and a walk through the question pages."""

from html import unescape


def page_text(response) -> str:
    return unescape(response.content.decode())


def walk_to_check(client, *, urgent="no"):
    assert client.post("/mash/notify/").headers["Location"] == "/mash/notify/danger/"
    response = client.post("/mash/notify/danger/", {"urgent": urgent})
    assert response.status_code == 302
    child = {
        "given_name": "Ava",
        "family_name": "Patel",
        "date_of_birth-day": "1",
        "date_of_birth-month": "6",
        "date_of_birth-year": "2015",
        "sex": "F",
    }
    assert client.post("/mash/notify/child/", child).headers["Location"] == (
        "/mash/notify/children/"
    )
    assert client.post("/mash/notify/children/", {"another": "no"}).headers["Location"] == (
        "/mash/notify/adults/"
    )
    client.post("/mash/notify/adults/", {"another": "yes"})
    client.post(
        "/mash/notify/adult/",
        {
            "given_name": "Sara",
            "family_name": "Patel",
            "relationship": "Mother",
            "lives_with_child": "yes",
        },
    )
    client.post("/mash/notify/adults/", {"another": "no"})
    client.post("/mash/notify/concerns/", {"concerns": ["neglect", "domestic_abuse"]})
    client.post(
        "/mash/notify/what-happened/",
        {"what_happened": "Arrived hungry, no coat", "risk_now": "At school until 3pm"},
    )
    response = client.post(
        "/mash/notify/sharing/",
        {
            "consent_sought": "not_sought",
            "consent_not_sought_reason": "increase_risk",
            "lawful_basis": "public_task",
            "sharing_decided_by": "Jo Smith, DSL",
        },
    )
    assert response.headers["Location"] == "/mash/notify/check/"
