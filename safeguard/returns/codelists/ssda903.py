"""The SSDA903 (children looked after) code lists, from the domain reference, section 4.

Validity bounds that the reference marks unverified are data here, not logic: correct a
bound and every check and export follows it.
"""

from safeguard.people.models import Ethnicity
from safeguard.returns.codelists import Code, CodeList, codes

SEX = CodeList(
    "sex",
    "sex",
    [Code("1", "Male", internal="M"), Code("2", "Female", internal="F")],
)

ETHNIC = CodeList("ethnic", "ethnicity", [Code(e.value, e.label) for e in Ethnicity])

RNE = CodeList(
    "rne",
    "reason for new episode",
    codes(
        """
        S Started to be looked after
        L Change of legal status only
        P Change of placement and carer(s) only
        T Change of placement but same carer(s) only
        B Change of legal status and placement and carer(s) at the same time
        U Change of legal status and change of placement (same carer(s)) at the same time
        """
    ),
)

LEGAL_STATUS = CodeList(
    "legal_status",
    "legal status",
    codes(
        """
        C1 Interim care order
        C2 Full care order
        D1 Freeing order granted
        E1 Placement order granted
        V2 Single period of accommodation under section 20
        V3 Agreed series of short-term breaks, individual episodes recorded
        V4 Agreed series of short-term breaks, agreements recorded
        L1 Under police protection and in local authority accommodation
        L2 Emergency protection order
        L3 Under child assessment order and in local authority accommodation
        J1 Remanded to local authority accommodation or youth detention accommodation
        J2 Placed in local authority accommodation under PACE 1984
        J3 Sentenced to a youth rehabilitation order with residence or fostering requirement
        """
    ),
)

CIN_NEED = CodeList(
    "cin_need",
    "category of need",
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
        """
    ),
)

PLACEMENT = CodeList(
    "placement",
    "placement type",
    [
        *codes(
            """
        A3 Placed for adoption with consent with current foster carer(s)
        A4 Placed for adoption with consent not with current foster carer(s)
        A5 Placed for adoption with placement order with current foster carer(s)
        A6 Placed for adoption with placement order not with current foster carer(s)
        H5 Semi-independent living accommodation not subject to children's homes regulations
        K1 Secure children's home
        K2 Children's home subject to Children's Homes Regulations
        P1 Placed with own parent(s) or other person(s) with parental responsibility
        P2 Independent living
        P3 Residential employment
        R1 Residential care home
        R2 NHS or health trust establishment providing medical or nursing care
        R3 Family centre or mother and baby unit
        R5 Young offender institution
        S1 Residential school
        T0 All types of temporary move
        T1 Temporary period in hospital
        T2 Temporary absence of the child on holiday
        T3 Temporary accommodation while normal foster carer(s) on holiday
        T4 Temporary accommodation of 7 days or less
        U1 Foster with relative(s) or friend(s), long-term
        U2 Foster with relative(s) or friend(s) who are approved adopters
        U3 Foster with relative(s) or friend(s), not long-term
        U4 Foster with other foster carer(s), long-term
        U5 Foster with other foster carer(s) who are approved adopters
        U6 Foster with other foster carer(s), not long-term
        Z1 Other placement
        """
        ),
        # Supported accommodation joined the list with the 2024-25 rules (reference 4.4, [U]).
        Code("K3", "Supported accommodation (Ofsted-registered)", valid_from=2024),
    ],
)

# Temporary placements are not moves between placements.
TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})

PLACEMENT_PROVIDER = CodeList(
    "placement_provider",
    "placement provider",
    codes(
        """
        PR0 Parent(s) or other person with parental responsibility
        PR1 Own local authority provision
        PR2 Other local authority provision
        PR3 Other public provision
        PR4 Private provision
        PR5 Voluntary or third sector provision
        """
    ),
)

REASON_CEASED = CodeList(
    "reason_ceased",
    "reason episode ceased",
    codes(
        """
        X1 Episode ceases and new episode begins on the same day
        E11 Adopted, application unopposed
        E12 Adopted, consent dispensed with by the court
        E2 Died
        E3 Care taken over by another local authority
        E4A Returned home as part of care planning
        E4B Returned home not as part of care planning
        E13 Left care to live with person(s) without parental responsibility
        E41 Residence order or child arrangements order granted
        E45 Special guardianship order to former foster carer(s), relative(s) or friend(s)
        E46 Special guardianship order to former foster carer(s), other
        E47 Special guardianship order to carer(s), relative(s) or friend(s)
        E48 Special guardianship order to carer(s), other
        E5 Moved into independent living with formalised support
        E6 Moved into independent living with no formalised support
        E7 Transferred to residential care funded by adult social care
        E9 Sentenced to custody
        E14 Accommodation on remand ended
        E15 Age assessment found the child to be 18 or over
        E16 Child moved abroad
        E17 Aged 18 or over and remained with current carers
        E8 Ceased to be looked after for any other reason
        """
    ),
)

REASON_PLACE_CHANGE = CodeList(
    "reason_place_change",
    "reason for placement change",
    codes(
        """
        CARPL Change to or implementation of care plan
        CLOSE Resignation or closure of provision
        ALLEG Allegation (section 47)
        STAND Standards of care concern
        APPRR Approval removed
        CREQB Carer(s) request end due to the child's behaviour
        CREQO Carer(s) request end for other reasons
        CHILD Child requests end
        LAREQ Responsible or area authority requests end
        PLACE Change in the status of the placement only
        CUSTOD Custody arrangement
        OTHER Other
        """
    ),
)

MISSING = CodeList(
    "missing",
    "missing or away",
    [
        Code("M", "Missing from care", internal="missing"),
        Code("A", "Away from placement without authorisation", internal="away"),
    ],
)

YES_NO = CodeList("yes_no", "yes or no", [Code("0", "No"), Code("1", "Yes")])

# The reasons an SDQ score is missing (reference 4.1 names the column; labels [U]).
SDQ_REASON = CodeList(
    "sdq_reason",
    "reason for no SDQ score",
    codes(
        """
        SDQ1 Child aged under 4 or over 17 at the date of the latest assessment
        SDQ2 Carer refused to complete the questionnaire
        SDQ3 Not possible because of the severity of the child's disability
        SDQ4 Other
        SDQ5 Child or young person refused
        """
    ),
)

# The tables beyond episodes (reference 4.1 names their columns; the codes here are those the
# DfE's validator checks, csc-validator-be-903, rule set 2022-23 on). Labels are short.
REVIEW_CODE = CodeList(
    "review_code",
    "review participation",
    codes(
        """
        PN0 Child aged under 4 at the time of the review
        PN1 Child physically attended and spoke for themselves
        PN2 Child physically attended, and an advocate spoke for them
        PN3 Child attended and conveyed their views non-verbally
        PN4 Child physically attended but did not convey their views
        PN5 Child did not attend, but briefed an advocate to speak for them
        PN6 Child did not attend, but conveyed their feelings by another method
        PN7 Child did not attend, nor were their views conveyed
        """
    ),
)

IN_TOUCH = CodeList(
    "in_touch",
    "whether the council is in touch",
    codes(
        """
        YES In touch
        NO Not in touch
        DIED Died
        REFU Refuses contact
        NREQ No longer requires services
        RHOM Returned home
        """
    ),
)

ACTIVITY = CodeList(
    "activity",
    "care leaver's activity",
    codes(
        """
        F1 Full-time in higher education
        P1 Part-time in higher education
        F2 Full-time in education other than higher
        P2 Part-time in education other than higher
        F3 Full-time in training or employment
        P3 Part-time in training or employment
        F4 Full-time apprenticeship
        P4 Part-time apprenticeship
        F5 Full-time traineeship or employment
        P5 Part-time traineeship or employment
        G4 Not in education, training or employment: illness or disability
        G5 Not in education, training or employment: other reasons
        G6 Not in education, training or employment: pregnancy or parenting
        """
    ),
)

_ACCOMMODATION = {
    "B": "With parents or relatives",
    "C": "Community home or other residential care",
    "D": "Semi-independent, transitional accommodation",
    "E": "Supported lodgings",
    "G": "Gone abroad",
    "H": "Deported",
    "K": "Ordinary lodgings",
    "R": "Residence not known",
    "S": "No fixed abode or homeless",
    "T": "Foyers",
    "U": "Independent living",
    "V": "Emergency accommodation",
    "W": "Bed and breakfast",
    "X": "In custody",
    "Y": "Other accommodation",
    "Z": "With former foster carers",
}
ACCOMMODATION = CodeList(
    "accommodation",
    "care leaver's accommodation",
    [
        Code(f"{letter}{suitable}", f"{label} ({'suitable' if suitable == 1 else 'unsuitable'})")
        for letter, label in _ACCOMMODATION.items()
        for suitable in (1, 2)
    ],
)

ADOPTERS = CodeList("adopters", "number of adopters", codes("1 One adopter\n2 Two adopters"))
ADOPTERS_SEX = CodeList(
    "adopters_sex",
    "sex of adopters",
    codes("M1 Male\nF1 Female\nMM Two males\nFF Two females\nMF Male and female"),
)
ADOPTERS_STATUS = CodeList(
    "adopters_status",
    "legal status of adopters",
    codes(
        """
        L0 Single person
        L11 Married couple
        L12 Civil partners
        L2 Unmarried couple
        L3 Single adopter of a couple
        L4 Not known
        """
    ),
)
REASON_PLACED_CEASED = CodeList(
    "reason_placed_ceased",
    "reason placement for adoption ceased",
    codes(
        """
        E11 Adopted, application unopposed
        E12 Adopted, consent dispensed with
        RD1 Child's needs changed
        RD2 Court did not make an order
        RD3 Prospective adopters unable to continue
        RD4 Other reason
        """
    ),
)
PREVIOUS_PERMANENCE = CodeList(
    "previous_permanence",
    "previous permanence option",
    codes(
        """
        P1 Adoption
        P2 Special guardianship order
        P3 Residence order or child arrangements order
        P4 Unknown
        Z1 Child has not previously had a permanence option
        """
    ),
)

LISTS = {
    c.name: c
    for c in (
        SEX,
        ETHNIC,
        RNE,
        LEGAL_STATUS,
        CIN_NEED,
        PLACEMENT,
        PLACEMENT_PROVIDER,
        REASON_CEASED,
        REASON_PLACE_CHANGE,
        MISSING,
        YES_NO,
        SDQ_REASON,
        REVIEW_CODE,
        IN_TOUCH,
        ACTIVITY,
        ACCOMMODATION,
        ADOPTERS,
        ADOPTERS_SEX,
        ADOPTERS_STATUS,
        REASON_PLACED_CEASED,
        PREVIOUS_PERMANENCE,
    )
}
