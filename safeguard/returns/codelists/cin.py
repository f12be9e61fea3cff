"""The Children in Need census code lists, from the domain reference, section 3.

The year bounds are the ones the reference found by diffing the DfE's schemas year by year
(5D and RC9 from 2022-23, 18B/18C/19B/19C from 2021-22, 24A from 2022-23, Sex instead of
GenderCurrent from 2024-25). They are data: correct one here and every check follows.
"""

from safeguard.returns.codelists import Code, CodeList, codes
from safeguard.returns.codelists.ssda903 import ETHNIC

# The census names the child's gender in GenderCurrent until 2023-24, then Sex.
SEX_ELEMENT_FROM = 2024

GENDER = CodeList(
    "gender",
    "gender",
    [
        Code("1", "Male", internal="M", valid_to=SEX_ELEMENT_FROM - 1, annex_a="a) Male"),
        Code("2", "Female", internal="F", valid_to=SEX_ELEMENT_FROM - 1, annex_a="b) Female"),
        Code("0", "Not recorded or unborn", internal="U", valid_to=SEX_ELEMENT_FROM - 1),
        Code("M", "Male", internal="M", valid_from=SEX_ELEMENT_FROM, annex_a="a) Male"),
        Code("F", "Female", internal="F", valid_from=SEX_ELEMENT_FROM, annex_a="b) Female"),
        Code("U", "Unborn", internal="U", valid_from=SEX_ELEMENT_FROM),
    ],
)

_SOURCE_LETTERS = "abcdefghijklmnopqrstu"
_SOURCES = [
    ("1A", "Individual: family member, relative or carer"),
    ("1B", "Individual: acquaintance"),
    ("1C", "Individual: self"),
    ("1D", "Individual: other"),
    ("2A", "Schools"),
    ("2B", "Education services"),
    ("3A", "Health services: GP"),
    ("3B", "Health services: health visitor"),
    ("3C", "Health services: school nurse"),
    ("3D", "Health services: other primary health services"),
    ("3E", "Health services: A&E"),
    ("3F", "Health services: other"),
    ("4", "Housing"),
    ("5A", "LA services: social care"),
    ("5B", "LA services: other internal"),
    ("5C", "LA services: external"),
    ("6", "Police"),
    ("7", "Other legal agency"),
    ("8", "Other"),
    ("9", "Anonymous"),
    ("10", "Unknown"),
]
REFERRAL_SOURCE = CodeList(
    "referral_source",
    "referral source",
    [
        Code(code, label, annex_a=f"{letter}) {code}: {label.split(':')[0]}")
        for letter, (code, label) in zip(_SOURCE_LETTERS, _SOURCES, strict=True)
    ]
    # 5D has no official Annex A letter; the Standard Safeguarding Dataset's is used.
    + [Code("5D", "LA services: early help", valid_from=2022, annex_a="p1) 5D: LA services")],
)

# The mapping from the kind of agency that told the MASH to the census's referral source.
SOURCE_OF_AGENCY_KIND = {
    "police": "6",
    "school": "2A",
    "early_years": "2B",
    "gp_practice": "3A",
    "acute_trust": "3E",
    "community_mental_health_trust": "3D",
    "integrated_care_board": "3F",
    "housing": "4",
    "la_childrens_services": "5A",
    "youth_offending": "5B",
    "probation": "7",
    "border_force": "7",
    "voluntary_sector": "8",
}
UNKNOWN_SOURCE = "10"

PRIMARY_NEED = CodeList(
    "primary_need",
    "primary need",
    codes(
        """
        N1 Abuse or neglect
        N2 Child's disability
        N3 Parental disability or illness
        N4 Family in acute stress
        N5 Family dysfunction
        N6 Socially unacceptable behaviour
        N7 Low income
        N8 Absent parenting
        N9 Cases other than children in need
        N0 Not stated
        """
    ),
)

CATEGORY_OF_ABUSE = CodeList(
    "category_of_abuse",
    "category of abuse",
    [
        Code("NEG", "Neglect", annex_a="a) Neglect"),
        Code("PHY", "Physical abuse", annex_a="b) Physical abuse"),
        Code("SAB", "Sexual abuse", annex_a="c) Sexual abuse"),
        Code("EMO", "Emotional abuse", annex_a="d) Emotional abuse"),
        Code("MUL", "Multiple", annex_a="e) Multiple/not recommended"),
    ],
)

NO_FACTORS = "21"
PRIVATELY_FOSTERED = ("8B", "8C", "8D", "8E", "8F")

ASSESSMENT_FACTOR = CodeList(
    "assessment_factor",
    "assessment factor",
    [
        *codes(
            """
        1A Alcohol misuse: child
        1B Alcohol misuse: parent or carer
        1C Alcohol misuse: other person in household
        2A Drug misuse: child
        2B Drug misuse: parent or carer
        2C Drug misuse: other person in household
        3A Domestic abuse: child is subject
        3B Domestic abuse: parent or carer subject
        3C Domestic abuse: other person in household subject
        4A Mental health: child
        4B Mental health: parent or carer
        4C Mental health: other person in household
        5A Learning disability: child
        5B Learning disability: parent or carer
        5C Learning disability: other person in household
        6A Physical disability or illness: child
        6B Physical disability or illness: parent or carer
        6C Physical disability or illness: other person in household
        7A Young carer
        8B Privately fostered: overseas, intend to return
        8C Privately fostered: overseas, intend to stay
        8D Privately fostered: UK, educational placement
        8E Privately fostered: UK, alternative family arrangement
        8F Privately fostered: other
        9A Unaccompanied asylum-seeking child
        10A Going or being missing
        11A Child sexual exploitation
        12A Trafficking
        13A Gangs
        14A Socially unacceptable behaviour
        15A Self-harm
        16A Neglect
        17A Emotional abuse
        20 Other
        21 No factors identified
        22A Female genital mutilation
        23A Abuse linked to faith or belief
        """
        ),
        Code("18A", "Physical abuse", valid_to=2020),
        Code("19A", "Sexual abuse", valid_to=2020),
        Code("18B", "Physical abuse: child on child", valid_from=2021),
        Code("18C", "Physical abuse: adult on child", valid_from=2021),
        Code("19B", "Sexual abuse: child on child", valid_from=2021),
        Code("19C", "Sexual abuse: adult on child", valid_from=2021),
        Code("24A", "Child criminal exploitation", valid_from=2022),
    ],
)

REASON_FOR_CLOSURE = CodeList(
    "reason_for_closure",
    "reason for closure",
    [
        *codes(
            """
        RC1 Adopted
        RC2 Died
        RC3 Child arrangements order
        RC4 Special guardianship order
        RC5 Transferred to another local authority
        RC6 Transferred to adult social care
        RC7 Services ceased for any other reason
        RC8 Case closed after assessment, no further action
        """
        ),
        Code("RC9", "Case closed after assessment, referred to early help", valid_from=2022),
    ],
)

DISABILITY = CodeList(
    "disability",
    "disability",
    codes(
        """
        NONE No disability
        MOB Mobility
        HAND Hand function
        PC Personal care
        INC Incontinence
        COMM Communication
        LD Learning
        HEAR Hearing
        VIS Vision
        BEH Behaviour
        CON Consciousness
        AUT Autism or Asperger syndrome
        DDA Other disability
        """
    ),
)

UPN_UNKNOWN = CodeList(
    "upn_unknown",
    "reason the UPN is unknown",
    codes(
        """
        UN1 Not of school age, or no UPN yet
        UN2 Never attended a maintained school in England
        UN3 Educated outside England
        UN4 Newly looked after; UPN not yet known
        UN5 Sources collating UPNs show discrepancies
        UN6 Child is unborn
        UN7 Referral with no further action
        """
    ),
)

LISTS = {
    c.name: c
    for c in (
        GENDER,
        REFERRAL_SOURCE,
        PRIMARY_NEED,
        CATEGORY_OF_ABUSE,
        ASSESSMENT_FACTOR,
        REASON_FOR_CLOSURE,
        DISABILITY,
        UPN_UNKNOWN,
        ETHNIC,
    )
}
