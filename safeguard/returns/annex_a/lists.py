"""Ofsted's Annex A lists: sheet names and column headers (domain reference, sections 6.1-6.2).

Every list leads with the same child columns. Lists 2, 9, 10 and 11 (early help, care leavers,
adoption and adopters) come from records Safeguard does not hold yet: the workbook has their
sheets with headers, and no rows.
"""

from dataclasses import dataclass

CHILD = ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)")
ALLOCATED = ("Allocated Team", "Allocated Worker")
DISABILITY = "Does the Child have a Disability"
MISSING_EPISODES = (
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"
)
ABSENT_EPISODES = (
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"
)
RHI_OFFERED = "Was the child offered a Return Interview after their last missing episode (Y/N)?"
RHI_ACCEPTED = "Did the child accept a Return Interview after their last missing episode (Y/N)?"


@dataclass(frozen=True)
class AnnexList:
    number: int
    title: str
    columns: tuple[str, ...]

    @property
    def sheet(self) -> str:
        return f"List {self.number}"


LISTS = {
    a.number: a
    for a in (
        AnnexList(1, "Contacts", (*CHILD, "Date of Contact", "Contact Source")),
        AnnexList(
            2,
            "Early help",
            (
                *CHILD,
                "Assessment start date",
                "Assessment completion date",
                "Organisation completing assessment",
            ),
        ),
        AnnexList(
            3,
            "Referrals",
            (
                *CHILD,
                "Date of Referral",
                "Referral Source",
                "Referral NFA?",
                "Number of Referrals in Last 12 Months",
                *ALLOCATED,
            ),
        ),
        AnnexList(
            4,
            "Assessments",
            (
                *CHILD,
                DISABILITY,
                "Continuous Assessment Start Date",
                "Child Seen During Continuous Assessment",
                "Continuous Assessment Date of Authorisation",
                "Was the child assessed as requiring LA children's social care support?",
                *ALLOCATED,
            ),
        ),
        AnnexList(
            5,
            "Section 47 enquiries and ICPCs",
            (
                *CHILD,
                DISABILITY,
                "Strategy discussion initiating Section 47 Enquiry Start Date",
                "Was an Initial Child Protection Conference deemed unnecessary?",
                "Date of Initial Child Protection Conference",
                "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                "Number of Section 47 Enquiries in the last 12 months",
                "Number of ICPCs in the last 12 months",
                *ALLOCATED,
            ),
        ),
        AnnexList(
            6,
            "Children in need",
            (
                *CHILD,
                DISABILITY,
                "CIN Start Date",
                "Primary Need Code",
                "Date Child Was Last Seen",
                "CIN Closure Date",
                "Reason for Closure",
                "Case Status",
                *ALLOCATED,
            ),
        ),
        AnnexList(
            7,
            "Child protection",
            (
                *CHILD,
                DISABILITY,
                "Child Protection Plan Start Date",
                "Initial Category of Abuse",
                "Latest Category of Abuse",
                "Date of the Last Statutory Visit",
                "Was the Child Seen Alone?",
                "Date of latest review conference",
                "Child Protection Plan End Date",
                "Subject to Emergency Protection Order or Protected Under Police Powers in "
                "Last Six Months (Y/N)",
                "Number of Previous Child Protection Plans",
                *ALLOCATED,
            ),
        ),
        AnnexList(
            8,
            "Children in care",
            (
                *CHILD,
                "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
                DISABILITY,
                "Date Started to be Looked After",
                "Child's Category of Need",
                "Is this a second or subsequent period of being a Looked After Child within "
                "the last 12 months (Y/N)",
                "Start date of current legal status",
                "Child's Legal Status",
                "Date of Latest Statutory Review",
                "Date of Last Social Work Visit",
                "What is the permanence plan for this child?",
                "Date of Last IRO Visit / Contact to the Child",
                "Date of Last Health Assessment",
                "Date of Last Dental Check",
                "Number of Placements in the Last 12 months",
                "Date Ceased to be Looked After",
                "Reason Ceased to be Looked After",
                "Start Date of Most Recent Placement",
                "Placement Type",
                "Placement Provider",
                "Placement postcode",
                "URN of Placement",
                "Placement Location",
                "LA of Placement",
                MISSING_EPISODES,
                ABSENT_EPISODES,
                RHI_OFFERED,
                RHI_ACCEPTED,
                *ALLOCATED,
            ),
        ),
        AnnexList(
            9,
            "Care leavers",
            (
                *CHILD,
                DISABILITY,
                *ALLOCATED,
                "Eligibility Category",
                "LA in Touch",
                "Type of Accommodation",
                "Suitability of Accommodation",
                "Activity Status",
            ),
        ),
        AnnexList(
            10,
            "Adoption",
            (
                *CHILD,
                "Family identifier",
                DISABILITY,
                "Date the Child Entered Care",
                "Date of Decision that Child Should be Placed for Adoption",
                "Date of Placement Order",
                "Date of Matching Child and Prospective Adopters",
                "Date Placed for Adoption",
                "Date of Adoption Order",
                "Date of Decision that Child Should No Longer be Placed for Adoption",
                "Reason Why Child No Longer Placed for Adoption",
                "Date the child was placed for fostering in FFA or concurrent planning placement",
            ),
        ),
        AnnexList(
            11,
            "Adopters",
            (
                "Individual adopter identifier",
                "Family identifier",
                "Gender",
                "Ethnicity",
                "Disability",
                "Is the (prospective) adopter fostering for adoption?",
                "Date enquiry received",
                "Date Stage 1 started",
                "Date Stage 1 ended",
                "Date Stage 2 started",
                "Date Stage 2 ended",
                "Date application submitted",
                "Date application approved",
                "Date adopter matched with child(ren)",
                "Date child/children placed with adopter(s)",
                "No. of children placed",
                "Date of Adoption Order",
                "Date of leaving adoption process",
                "Reason for leaving adoption process",
            ),
        ),
    )
}
