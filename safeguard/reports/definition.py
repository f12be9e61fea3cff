"""What a yearly report holds when it is opened: the sections of the partnership's published
reports, in their order, and the questions each partner agency is asked to answer."""

from dataclasses import dataclass

from safeguard.reports.models import SectionKind

# The four questions partners answer for the report (the seed report's appendix 3).
QUESTIONS = (
    "What do you know about the quality and impact of safeguarding practice in your "
    "setting or organisation?",
    "How do you know? (Audits, training, inspections and so on)",
    "What are your plans for the next 12 months to maintain or improve safeguarding practice?",
    "Any good news stories, positive feedback from service users (direct quotes if possible) "
    "and events you are planning to hold.",
)


@dataclass(frozen=True)
class SectionDefinition:
    key: str
    title: str
    kind: str = SectionKind.NARRATIVE
    generator: str = ""


N, C, G = SectionKind.NARRATIVE, SectionKind.CONTRIBUTIONS, SectionKind.GENERATED

DEFAULT_SECTIONS = (
    SectionDefinition("foreword", "Foreword"),
    SectionDefinition("governance", "Governance and accountability"),
    SectionDefinition("future-arrangements", "Future safeguarding arrangements"),
    SectionDefinition("structure", "Structure of the partnership"),
    SectionDefinition("task-and-finish", "Task and finish groups"),
    SectionDefinition("partners", "Partner members and linked boards"),
    SectionDefinition("demographics", "Local demographics", G, "demographics"),
    SectionDefinition("performance", "Safeguarding children performance data", G, "performance"),
    SectionDefinition("mash", "The Multi-Agency Safeguarding Hub", G, "mash"),
    SectionDefinition("audits", "Multi-agency audits"),
    SectionDefinition("training", "Safeguarding children training programme", G, "training"),
    SectionDefinition("achievements", "Partners' achievements", C),
    SectionDefinition("child-deaths", "Child deaths"),
    SectionDefinition("serious-case-reviews", "Serious case reviews"),
    SectionDefinition("priorities", "Priorities"),
    SectionDefinition("good-news", "Good news"),
    SectionDefinition("glossary", "Appendix: glossary", G, "glossary"),
    SectionDefinition("budget", "Appendix: budget summary", G, "budget"),
    SectionDefinition("questions", "Appendix: contribution questions", G, "questions"),
    SectionDefinition("definitions", "Appendix: how each figure was obtained", G, "definitions"),
)
