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
