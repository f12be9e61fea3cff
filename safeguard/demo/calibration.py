"""Calibration of the demo borough: the only place the seed report's figures live.

The generator makes records whose totals equal these figures; the system computes them back
from the records. Source: the partnership's annual report 2017-18 (../shared/seed), sections
5, 6 and 10. Names of places and organisations are public; every person is synthetic.
"""

from dataclasses import dataclass

BOROUGH = "Hillingdon"
LA_CODE = "312"  # the DfE local authority code, the first digits of a UPN

# Section 6: "over 80,000 children and young people"; "23,073 ... aged between 0 and 4yrs".
CHILDREN_AT_SCALE_1 = 80_000
SHARE_AGED_0_TO_4 = 23_073 / 80_000
SHARE_MALE = 0.51  # "slightly more boys than girls at all ages"

# Section 6: 0-19 population by ethnic group (43.1% White British, 33.1% Asian or Asian
# British, 16.0% Black or Black British, 7.8% mixed). Split within groups evenly by DfE code.
ETHNICITY_SHARES: dict[str, float] = {
    "WBRI": 43.1,
    "AIND": 33.1 / 4,
    "APKN": 33.1 / 4,
    "ABAN": 33.1 / 4,
    "AOTH": 33.1 / 4,
    "BAFR": 16.0 / 3,
    "BCRB": 16.0 / 3,
    "BOTH": 16.0 / 3,
    "MWBC": 7.8 / 4,
    "MWBA": 7.8 / 4,
    "MWAS": 7.8 / 4,
    "MOTH": 7.8 / 4,
}

# Section 6: "made up of 3 localities and 22 wards" (the wards of 2002-2022), with the
# postcode districts that cover each.
WARDS: dict[str, tuple[str, ...]] = {
    "Barnhill": ("UB4",),
    "Botwell": ("UB3",),
    "Brunel": ("UB8", "UB10"),
    "Cavendish": ("HA4",),
    "Charville": ("UB4",),
    "Eastcote and East Ruislip": ("HA4", "HA5"),
    "Harefield": ("UB9",),
    "Heathrow Villages": ("UB7", "TW6"),
    "Hillingdon East": ("UB10",),
    "Ickenham": ("UB10",),
    "Manor": ("HA4",),
    "Northwood": ("HA6",),
    "Northwood Hills": ("HA6",),
    "Pinkwell": ("UB3",),
    "South Ruislip": ("HA4",),
    "Townfield": ("UB3",),
    "Uxbridge North": ("UB8",),
    "Uxbridge South": ("UB8",),
    "West Drayton": ("UB7",),
    "West Ruislip": ("HA4",),
    "Yeading": ("UB4",),
    "Yiewsley": ("UB7",),
}
TOWNS = {"UB": "Uxbridge", "HA": "Ruislip", "TW": "Hounslow"}


@dataclass(frozen=True)
class DemoAgency:
    name: str
    kind: str
    statutory: bool = False
    funding: bool = False
    teams: tuple[str, ...] = ()


# Sections 5, 10 and appendix 14.2: the partner agencies as the report names them. The budget
# names the council and the NHS as funders, with further contributions from partner agencies.
AGENCIES: tuple[DemoAgency, ...] = (
    DemoAgency(
        "London Borough of Hillingdon - Children's Services",
        "la_childrens_services",
        statutory=True,
        funding=True,
        teams=(
            "MASH",
            "Assessment team",
            "Partnership business unit",
            "Information governance",
            "Digital services",
        ),
    ),
    DemoAgency(
        "Hillingdon Clinical Commissioning Group",
        "integrated_care_board",
        True,
        True,
        ("Safeguarding children team",),
    ),
    DemoAgency(
        "Metropolitan Police Service",
        "police",
        True,
        True,
        ("Child Abuse Investigation Team", "Safer Schools"),
    ),
    DemoAgency(
        "Central & North West London NHS Foundation Trust",
        "community_mental_health_trust",
        funding=True,
        teams=("Health visiting", "CAMHS"),
    ),
    DemoAgency(
        "The Hillingdon Hospital NHS Foundation Trust",
        "acute_trust",
        funding=True,
        teams=("Paediatric emergency department", "Midwifery"),
    ),
    DemoAgency(
        "London Borough of Hillingdon - Youth Offending Service",
        "youth_offending",
        teams=("Youth offending team",),
    ),
    DemoAgency(
        "London Borough of Hillingdon - Early Intervention & Prevention Service",
        "la_childrens_services",
        teams=("Early help",),
    ),
    DemoAgency("National Probation Service", "probation", funding=True),
    DemoAgency("Barnhill Community High School", "school"),
    DemoAgency("Hillingdon Primary Schools Partnership", "school"),
    DemoAgency("Health Watch Hillingdon", "voluntary_sector"),
    DemoAgency("UK Border Force (Heathrow)", "border_force"),
)

# Who recorded each child first, as shares of the people index.
RECORDED_BY_SHARES: dict[str, float] = {
    "London Borough of Hillingdon - Children's Services": 0.70,
    "Metropolitan Police Service": 0.08,
    "Central & North West London NHS Foundation Trust": 0.08,
    "The Hillingdon Hospital NHS Foundation Trust": 0.05,
    "Barnhill Community High School": 0.04,
    "Hillingdon Primary Schools Partnership": 0.05,
}

COUNCIL = AGENCIES[0].name


@dataclass(frozen=True)
class DemoUser:
    role: str
    agency: str
    team: str | None
    email: str


DEMO_DOMAIN = "demo.safeguard.test"
DEMO_PASSWORD = "demo-borough-2018"

DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "partner_practitioner",
        "Metropolitan Police Service",
        "Child Abuse Investigation Team",
        f"police.officer@{DEMO_DOMAIN}",
    ),
    DemoUser(
        "partner_information_officer",
        "Central & North West London NHS Foundation Trust",
        "Health visiting",
        f"health.visitor@{DEMO_DOMAIN}",
    ),
    DemoUser("mash_practitioner", COUNCIL, "MASH", f"mash.practitioner@{DEMO_DOMAIN}"),
    DemoUser("mash_manager", COUNCIL, "MASH", f"mash.manager@{DEMO_DOMAIN}"),
    DemoUser("social_worker", COUNCIL, "Assessment team", f"social.worker@{DEMO_DOMAIN}"),
    DemoUser(
        "training_administrator", COUNCIL, "Partnership business unit", f"training@{DEMO_DOMAIN}"
    ),
    DemoUser(
        "partnership_officer",
        COUNCIL,
        "Partnership business unit",
        f"partnership.officer@{DEMO_DOMAIN}",
    ),
    DemoUser(
        "board_member",
        "Hillingdon Clinical Commissioning Group",
        "Safeguarding children team",
        f"board.member@{DEMO_DOMAIN}",
    ),
    DemoUser("analyst", COUNCIL, "Partnership business unit", f"analyst@{DEMO_DOMAIN}"),
    DemoUser(
        "information_governance_officer",
        COUNCIL,
        "Information governance",
        f"information.governance@{DEMO_DOMAIN}",
    ),
    DemoUser("system_administrator", COUNCIL, "Digital services", f"admin@{DEMO_DOMAIN}"),
)

# Shape of the synthetic families (not from the report).
CHILDREN_PER_FAMILY_WEIGHTS = {1: 45, 2: 35, 3: 14, 4: 6}
TWO_PARENT_SHARE = 0.62
MOVED_HOUSE_SHARE = 0.3
ALIAS_SHARE = 0.03
RESTRICTED_SHARE = 0.002
CHILD_NHS_SHARE = 0.97
ADULT_NHS_SHARE = 0.85
UPN_SHARE = 0.95
SOCIAL_WORKER_CASELOAD = 15
REFERENCE_DATE = (2018, 3, 31)  # the end of the report's year


# MASH activity (issue 3): about 12,000 notifications a year at scale 1, for the three years to
# the report's year-end, with mixes of sources, concerns and outcomes typical of a London MASH.
MASH_YEARS = 3
MASH_NOTIFICATIONS_PER_YEAR = 12_000
MASH_OPEN_NOW = 40  # undecided notifications received in the last few days, for the queue
MASH_SOURCE_SHARES: dict[str, float] = {
    "Metropolitan Police Service": 0.38,
    "Barnhill Community High School": 0.08,
    "Hillingdon Primary Schools Partnership": 0.12,
    "The Hillingdon Hospital NHS Foundation Trust": 0.09,
    "Central & North West London NHS Foundation Trust": 0.08,
    "Hillingdon Clinical Commissioning Group": 0.03,
    "London Borough of Hillingdon - Early Intervention & Prevention Service": 0.08,
    "London Borough of Hillingdon - Youth Offending Service": 0.03,
    "National Probation Service": 0.03,
    "Health Watch Hillingdon": 0.02,
    "UK Border Force (Heathrow)": 0.02,
    COUNCIL: 0.04,
}
MASH_CONCERN_SHARES: dict[str, float] = {
    "domestic_abuse": 30,
    "neglect": 18,
    "emotional_abuse": 8,
    "physical_abuse": 9,
    "sexual_abuse": 3,
    "mental_health_parent": 8,
    "substance_misuse_parent": 6,
    "mental_health_child": 5,
    "missing": 4,
    "child_sexual_exploitation": 2,
    "criminal_exploitation": 2,
    "self_harm": 2,
    "radicalisation": 0.5,
    "fgm": 0.3,
    "honour_based_abuse": 0.3,
    "forced_marriage": 0.2,
    "trafficking": 0.3,
    "substance_misuse_child": 1,
    "private_fostering": 0.4,
    "uasc": 1,
    "other": 3,
}
MASH_RAG_SHARES = {"red": 10, "amber": 45, "green": 45}
MASH_CONSENT_SHARES = {"given": 30, "refused": 8, "not_sought": 62}
MASH_OUTCOME_SHARES = {
    "nfa": 24,
    "advice": 20,
    "early_help": 26,
    "assessment": 20,
    "strategy": 7,
    "already_open": 3,
}
MASH_REQUEST_SHARE = 0.6  # notifications where the MASH asks partners
MASH_LATE_ANSWER_SHARE = 0.15
MASH_LATE_DECISION_SHARE = 0.12
MASH_REPEAT_SHARE = 0.22  # notifications about a child already notified


# Training (issue 4). Section 9 of the report: table 9.3 (attendees and places offered per
# course, e-learning completions), the learning events of 9.2, the impact measures of 9.1 and
# the training revenue of appendix 14.2. Fees, session counts, venues and the 2016-17 year are
# not in the report: they are plausible values for a London partnership.
@dataclass(frozen=True)
class DemoCourse:
    title: str
    kind: str  # course, event or elearning
    level: str = ""
    duration: str = ""
    fee_pounds: int = 0  # for a delegate not from a partner agency
    full_day: bool = True
    audience: str = "Practitioners and volunteers working with children and families"


TRAINING_COURSES: tuple[DemoCourse, ...] = (
    DemoCourse(
        "Initial Working Together to Safeguard Children (Level 3)",
        "course",
        "Working Together level 3",
        "1 day",
        120,
    ),
    DemoCourse(
        "Refresher Working Together to Safeguard Children (Level 3)",
        "course",
        "Working Together level 3",
        "Half a day",
        70,
        full_day=False,
    ),
    DemoCourse("Early Help in Hillingdon", "course", "Level 2", "Half a day", 50, full_day=False),
    DemoCourse(
        "Introduction to Child Sexual Exploitation: What do professionals need to know?",
        "course",
        "Level 2",
        "Half a day",
        70,
        full_day=False,
    ),
    DemoCourse(
        "Child Sexual Exploitation: A Trauma-Focused Approach", "course", "Level 3", "1 day", 120
    ),
    DemoCourse(
        "Core Groups & Child Protection plans", "course", "Level 3", "Half a day", 70, False
    ),
    DemoCourse(
        "Domestic Abuse Awareness & Impact on Children & Young People",
        "course",
        "Level 2",
        "1 day",
        120,
    ),
    DemoCourse(
        "Child Protection Case Conferences: A Signs of Safety Approach",
        "course",
        "Level 3",
        "Half a day",
        70,
        full_day=False,
    ),
    DemoCourse("Missing Children from Home/Care", "course", "Level 2", "Half a day", 70, False),
    DemoCourse(
        "True Honour: Female Genital Mutilation", "course", "Level 2", "Half a day", 57, False
    ),
    DemoCourse("True Honour: Modern Slavery", "course", "Level 2", "Half a day", 57, False),
    DemoCourse(
        "True Honour: Honour-Based Violence/Abuse", "course", "Level 2", "Half a day", 57, False
    ),
    DemoCourse("True Honour: Forced Marriage", "course", "Level 2", "Half a day", 57, False),
    DemoCourse("Sepsis Masterclass", "event", duration="Half a day", full_day=False),
    DemoCourse("s.175 Schools Audit Launch Event", "event", duration="1 day"),
    DemoCourse("Neglect Learning Event", "event", duration="Half a day", full_day=False),
    DemoCourse("Introduction to Safeguarding eLearning", "elearning", "Level 1"),
    DemoCourse("Refresher Safeguarding Children eLearning", "elearning", "Level 1"),
    DemoCourse("Early Help Assessment & Team Around the Family eLearning", "elearning", "Level 2"),
)


@dataclass(frozen=True)
class DemoDelivery:
    """One course's year: sessions held, places offered and delegates who attended."""

    title: str
    sessions: int
    places: int
    attendees: int


@dataclass(frozen=True)
class DemoEvent:
    title: str
    day: tuple[int, int, int]
    places: int
    attendees: int


@dataclass(frozen=True)
class DemoTrainingYear:
    """A financial year of training, starting on 1 April of `year`."""

    year: int
    courses: tuple[DemoDelivery, ...]
    elearning: dict[str, int]
    events: tuple[DemoEvent, ...]
    # Whole percentages of respondents at or above the thresholds: knowledge before, after;
    # confidence before, after.
    impact: tuple[int, int, int, int]
    revenue_pounds: int  # charges to non-partner delegates for the year's sessions


TRAINING_YEARS: tuple[DemoTrainingYear, ...] = (
    # 2016-17: not in the report beyond "an increase of 119 persons trained" in 2017-18 (9.1).
    DemoTrainingYear(
        2016,
        (
            DemoDelivery("Initial Working Together to Safeguard Children (Level 3)", 11, 264, 263),
            DemoDelivery("Refresher Working Together to Safeguard Children (Level 3)", 8, 160, 150),
            DemoDelivery("Early Help in Hillingdon", 2, 50, 27),
            DemoDelivery(
                "Introduction to Child Sexual Exploitation: What do professionals need to know?",
                4,
                100,
                88,
            ),
            DemoDelivery("Child Sexual Exploitation: A Trauma-Focused Approach", 2, 48, 31),
            DemoDelivery("Core Groups & Child Protection plans", 3, 75, 44),
            DemoDelivery(
                "Domestic Abuse Awareness & Impact on Children & Young People", 4, 100, 78
            ),
            DemoDelivery(
                "Child Protection Case Conferences: A Signs of Safety Approach", 2, 50, 41
            ),
            DemoDelivery("Missing Children from Home/Care", 3, 75, 66),
        ),
        {
            "Introduction to Safeguarding eLearning": 287,
            "Refresher Safeguarding Children eLearning": 11,
            "Early Help Assessment & Team Around the Family eLearning": 6,
        },
        (DemoEvent("Neglect Learning Event", (2016, 11, 15), 100, 86),),
        (51, 91, 47, 83),
        31_450,
    ),
    # 2017-18: table 9.3, section 9.2 and appendix 14.2 of the report.
    DemoTrainingYear(
        2017,
        (
            DemoDelivery("Initial Working Together to Safeguard Children (Level 3)", 12, 283, 282),
            DemoDelivery(
                "Refresher Working Together to Safeguard Children (Level 3)", 10, 200, 142
            ),
            DemoDelivery("Early Help in Hillingdon", 2, 50, 18),
            DemoDelivery(
                "Introduction to Child Sexual Exploitation: What do professionals need to know?",
                4,
                101,
                82,
            ),
            DemoDelivery("Child Sexual Exploitation: A Trauma-Focused Approach", 2, 48, 37),
            DemoDelivery("Core Groups & Child Protection plans", 3, 75, 29),
            DemoDelivery(
                "Domestic Abuse Awareness & Impact on Children & Young People", 4, 100, 62
            ),
            DemoDelivery(
                "Child Protection Case Conferences: A Signs of Safety Approach", 2, 50, 33
            ),
            DemoDelivery("Missing Children from Home/Care", 3, 60, 58),
            DemoDelivery("True Honour: Female Genital Mutilation", 2, 50, 42),
            DemoDelivery("True Honour: Modern Slavery", 2, 50, 39),
            DemoDelivery("True Honour: Honour-Based Violence/Abuse", 2, 50, 40),
            DemoDelivery("True Honour: Forced Marriage", 2, 50, 43),
        ),
        {
            "Introduction to Safeguarding eLearning": 314,
            "Refresher Safeguarding Children eLearning": 8,
            "Early Help Assessment & Team Around the Family eLearning": 13,
        },
        (
            DemoEvent("s.175 Schools Audit Launch Event", (2017, 12, 6), 60, 54),
            DemoEvent("Sepsis Masterclass", (2018, 1, 30), 130, 118),
        ),
        (48, 93, 46, 85),
        38_762,
    ),
)

# The shape of a year's training (not from the report).
TRAINING_RESPONSE_RATES = (0.85, 0.75)  # of attendees rating themselves before, and after
TRAINING_NON_PARTNER_SHARE = 0.3  # delegates charged, before fitting the year's revenue
TRAINING_NO_SHOW_SHARE = 0.03
TRAINING_CANCELLED_SHARE = 0.06  # bookings cancelled before the day, freeing the place
TRAINING_UNPAID_SHARE = 0.03
TRAINING_VENUES = (
    "Civic Centre, High Street, Uxbridge UB8 1UW",
    "Education Centre, The Hillingdon Hospital, Pield Heath Road, Uxbridge UB8 3NN",
    "Botwell Green Library, East Avenue, Hayes UB3 2HW",
)
TRAINING_TRAINERS = (
    "LSCB Training Officer",
    "LSCB Training Officer and a MASH manager",
    "Designated Nurse for Safeguarding Children",
    "Detective Sergeant, Child Abuse Investigation Team",
)
# Organisations whose staff pay: not partner agencies of the LSCB.
NON_PARTNER_ORGANISATIONS = (
    "Little Acorns Day Nursery",
    "Rainbow Pre-school",
    "St Mary's Independent School",
    "Hayes Community Church",
    "Uxbridge Youth Football Club",
    "Bright Futures Childminding Network",
    "Ruislip Dance Academy",
    "Harefield Scout Group",
    "Northwood Private Fostering Agency",
    "Yiewsley Family Support Charity",
)
TRAINING_UPCOMING_SESSIONS = 8  # sessions in the weeks after the demo is loaded


# --- Children looked after: the council's SSDA903 returns (seed section 7, and 6.0) ----------


@dataclass(frozen=True)
class DemoCareYear:
    """One collection year (2016 is 2016-17) of the council's looked-after children."""

    year: int
    looked_after_at_31_march: int
    health_assessment_percent: int  # of those in care for 12 months, to the nearest whole %
    three_or_more_placements: int  # of those looked after at 31 March
    missing_incidents: int
    short_stays: int  # children who came into care and left within the year


CARE_YEARS: tuple[DemoCareYear, ...] = (
    # 2015-16 is not in the seed: a plausible year before it, so the first pair has a past.
    DemoCareYear(2015, 300, 84, 33, 152, 40),
    DemoCareYear(2016, 310, 86, 35, 141, 40),
    DemoCareYear(2017, 290, 91, 39, 118, 40),  # "lower ... combined total missing incidents"
)
# Children in care at every year-end, and those who left during the last year; the rest follow
# from the stocks above.
CARE_ALWAYS = 150
CARE_LEFT_IN_LAST_YEAR = 70
# Looked after at 31 March 2017 and seeking asylum ("85 children who were seeking asylum").
CARE_SEEKING_ASYLUM = {2016: 85}
CARE_PLACEMENTS = ("U6", "U4", "U3", "U1", "R1", "K2", "P1", "H5")
CARE_PLACEMENT_WEIGHTS = (40, 20, 10, 8, 8, 6, 4, 4)
# Adoption (E11, E12) is left out until the placed-for-adoption and AD1 tables are imported:
# the DfE's rule 390 needs an adopted child's placement for adoption.
CARE_ENDINGS = ("E4A", "E13", "E45", "E8", "E41")
CARE_ENDING_WEIGHTS = (45, 12, 15, 16, 12)
CARE_MOVE_REASONS = ("CARPL", "CREQB", "CREQO", "CHILD", "LAREQ", "OTHER")
# Real postcodes (public ONS geography, no one's address) that the DfE's validator can place:
# homes in the borough, and placements in it or in its neighbours.
LA_ONS_CODE = "E09000017"
CARE_HOME_POSTCODES = (
    "HA5 3UA", "HA4 7PE", "UB4 0NP", "UB3 1HQ", "UB3 9NJ", "HA4 0EU", "HA4 4HN", "HA6 1EG",
    "UB3 4DS", "HA4 9LN", "UB4 9WB", "UB8 1ER", "UB8 1EN", "UB8 1HD", "UB3 3EL",
)  # fmt: skip
CARE_AWAY_POSTCODES = (
    "TW8 8JD", "HA1 1RX", "HA3 8AW", "HA2 7EG", "HA2 0SD", "HA1 4XH", "HA3 0FP", "TW4 7EZ",
    "HA5 5UT",
)  # fmt: skip
CARE_PLACED_AWAY_SHARE = 0.4
# Placements that have no Ofsted URN (the DfE's rules 218 and 222); the rest record one.
CARE_PLACEMENTS_WITHOUT_URN = frozenset(
    {"H5", "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"}
)


# The CIN census (issue 5). Referrals come from the MASH's decisions; what follows them uses
# these plausible shares (not in the seed). Section 7 of the report: "10 -> 17" children
# identified as privately fostered in 2016-17 and 2017-18; 2015-16 is a plausible year before.
NEED_PRIVATELY_FOSTERED = {2015: 12, 2016: 10, 2017: 17}
NEED_CHILD_REF_FROM = 1_000_000  # the case system numbers children in need after those in care
NEED_ASSESSMENTS_ON_TIME = 0.83  # authorised within 45 working days
NEED_CONFERENCE_SHARE = 0.55  # section 47 enquiries that lead to a conference
NEED_CONFERENCES_ON_TIME = 0.8  # held within 15 working days
NEED_SECOND_PLAN_SHARE = 0.2
NEED_CIN_PLAN_SHARE = 0.45  # assessed children given a child in need plan
NEED_DISABILITIES = ("NONE", "LD", "COMM", "AUT", "BEH")
NEED_DISABILITY_WEIGHTS = (88, 4, 3, 3, 2)
NEED_SECOND_DISABILITY_SHARE = 0.3  # of disabled children, those with a second disability


# The budget (issue 6): appendix 14.2 of the report, "LSCB Budget Summary 2017-2018". The
# revenue from training courses is not typed in: the budget computes it from the training
# records, whose invoices the training calibration fits to the report's £38,762.
BUDGET_YEAR = 2017
BUDGET_SOURCE = "LSCB budget summary 2017-18, from the partnership's finance officer"
BUDGET_INCOME_POUNDS = (
    ("London Borough of Hillingdon", 138_568),
    ("NHS", 61_200),
    ("Contributions from Partner Agencies", 2_550),
)
BUDGET_TRAINING_INCOME = "Revenue from Training Courses"
BUDGET_OUTGOINGS_POUNDS = (
    ("Staffing", 181_741),
    ("Non-Staffing", 4_741),
    ("Training", 16_528),
    ("Chairman", 39_842),
)

# The yearly report (issue 6). Section 6 of the seed: the demographic figures the partnership
# enters, each with the source the report gives.
REPORT_YEAR = 2017
REPORT_DEMOGRAPHICS = (
    ("Children under 16 living in poverty", "19.9", "percent", "Hillingdon Council website"),
    (
        "Children and young people aged 0 to 19",
        "80000",
        "count",
        "Joint Strategic Needs Assessment (JSNA), children and young people",
    ),
    (
        "Share of the population aged 0 to 19",
        "26.5",
        "percent",
        "Joint Strategic Needs Assessment (JSNA), children and young people",
    ),
    ("Share of the population under 16", "21.7", "percent", "Hillingdon Council website"),
    ("0 to 19 year olds who are White British", "43.1", "percent", "Hillingdon Council website"),
    (
        "0 to 19 year olds from Asian or Asian British groups",
        "33.1",
        "percent",
        "Hillingdon Council website",
    ),
    (
        "0 to 19 year olds from Black or Black British groups",
        "16.0",
        "percent",
        "Hillingdon Council website",
    ),
    ("0 to 19 year olds from mixed ethnic groups", "7.8", "percent", "Hillingdon Council website"),
)
# Figures Safeguard does not hold, submitted by the council for the year with their evidence
# (section 10 of the seed): code -> (value, evidence).
REPORT_SUBMITTED = {
    "LADO_REFERRALS": ("157", "LADO referral log, April 2017 to March 2018"),
    "AXIS_COHORT": ("200", "AXIS project register since October 2017 (the report says over 200)"),
    "PREVENT_WRAP_TRAINED": ("4000", "Prevent lead's training records (the report says over 4000)"),
}
