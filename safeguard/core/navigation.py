"""The service navigation, by what the signed-in user's roles allow."""

from dataclasses import dataclass

from django.urls import reverse

from safeguard.core.actors import Actor
from safeguard.core.policy import Permission, actor_can


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    permission: Permission | None


NAV_ITEMS = (
    NavItem("Home", "core:home", None),
    NavItem("MASH queue", "mash:queue", Permission.MASH_TRIAGE),
    NavItem("People", "people:search", Permission.PEOPLE_SEARCH),
    NavItem("Requests", "mash:requests", Permission.REQUEST_ANSWER),
    NavItem("Tell the MASH", "mash:notify", Permission.NOTIFICATION_SUBMIT),
    NavItem("MASH insight", "mash:insight", Permission.MASH_INSIGHT),
    NavItem("Training", "training:admin", Permission.TRAINING_MANAGE),
    NavItem("Training report", "training:reports", Permission.TRAINING_REPORTS),
    NavItem("Returns", "returns:overview", Permission.RETURNS_INSIGHT),
    NavItem("Scorecard", "scorecard:index", Permission.SCORECARD_VIEW),
    NavItem("Scorecard figures", "scorecard:due", Permission.SCORECARD_SUBMIT),
    NavItem("Yearly report", "reports:index", Permission.REPORT_READ),
    NavItem("Report contributions", "reports:contributions", Permission.REPORT_CONTRIBUTE),
    NavItem("Links to review", "returns:review", Permission.PEOPLE_MERGE),
    NavItem("Possible duplicates", "people:duplicates", Permission.PEOPLE_MERGE),
    NavItem("Break-glass reviews", "core:break-glass-reviews", Permission.BREAK_GLASS_REVIEW),
    NavItem("Security events", "core:security-events", Permission.ACCESS_LOG_REVIEW),
    NavItem("Agencies", "partners:agency-list", Permission.ACCOUNTS_MANAGE),
    NavItem("Users", "partners:user-list", Permission.ACCOUNTS_MANAGE),
    NavItem("Account changes", "partners:account-changes", Permission.ACCOUNTS_APPROVE),
)


def navigation_for(actor: Actor, path: str) -> list[dict[str, object]]:
    items = []
    for item in NAV_ITEMS:
        if item.permission is not None and not actor_can(actor, item.permission):
            continue
        href = reverse(item.url_name)
        active = path == href if href == "/" else path.startswith(href)
        items.append({"href": href, "text": item.text, "active": active})
    return items
