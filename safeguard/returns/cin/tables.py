"""The CIN census as flat tables: one per repeating module of the XML (reference, section 3.1).

Flat tables give the census the same canonical form as the SSDA903 tables, so its hash and the
difference between two returns work alike. Each row keeps the XML path it came from.
"""

from dataclasses import dataclass

from safeguard.returns.codelists.cin import SEX_ELEMENT_FROM


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "ref", "date", "code", "codes", "bool", "int", "upn" or "dates"
    required: bool = False
    codelist: str = ""
    element: str = ""  # the XML element, where the table's column name differs

    def element_in(self, year: int) -> str:
        if self.name == "Gender":
            return "GenderCurrent" if year < SEX_ELEMENT_FROM else "Sex"
        return self.element or self.name


@dataclass(frozen=True)
class CinTable:
    name: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


CHILD_ID = Field("LAchildID", "ref", required=True)
REFERRAL = Field("CINreferralDate", "date", required=True)

CHILD = CinTable(
    "child",
    (
        CHILD_ID,
        Field("UPN", "upn"),
        Field("UPNunknown", "code", codelist="upn_unknown"),
        Field("PersonBirthDate", "date"),
        Field("ExpectedPersonBirthDate", "date"),
        Field("Gender", "code", required=True, codelist="gender"),
        Field("PersonDeathDate", "date"),
        Field("Ethnicity", "code", required=True, codelist="ethnic"),
        Field("Disabilities", "codes", codelist="disability", element="Disability"),
    ),
    key=("LAchildID",),
)
CIN_DETAILS = CinTable(
    "cin_details",
    (
        CHILD_ID,
        REFERRAL,
        Field("ReferralSource", "code", required=True, codelist="referral_source"),
        Field("PrimaryNeedCode", "code", codelist="primary_need"),
        Field("CINclosureDate", "date"),
        Field("ReasonForClosure", "code", codelist="reason_for_closure"),
        Field("DateOfInitialCPC", "date"),
        Field("ReferralNFA", "bool", required=True),
    ),
    key=("LAchildID", "CINreferralDate"),
)
ASSESSMENTS = CinTable(
    "assessments",
    (
        CHILD_ID,
        REFERRAL,
        Field("AssessmentActualStartDate", "date", required=True),
        Field("AssessmentInternalReviewDate", "date"),
        Field("AssessmentAuthorisationDate", "date"),
        Field(
            "AssessmentFactors", "codes", codelist="assessment_factor", element="AssessmentFactors"
        ),
    ),
    key=("LAchildID", "CINreferralDate", "AssessmentActualStartDate"),
)
CIN_PLANS = CinTable(
    "cin_plans",
    (
        CHILD_ID,
        REFERRAL,
        Field("CINPlanStartDate", "date", required=True),
        Field("CINPlanEndDate", "date"),
    ),
    key=("LAchildID", "CINreferralDate", "CINPlanStartDate"),
)
SECTION47 = CinTable(
    "section47",
    (
        CHILD_ID,
        REFERRAL,
        Field("S47ActualStartDate", "date", required=True),
        Field("InitialCPCtarget", "date"),
        Field("DateOfInitialCPC", "date"),
        Field("ICPCnotRequired", "bool", required=True),
    ),
    key=("LAchildID", "CINreferralDate", "S47ActualStartDate"),
)
CP_PLANS = CinTable(
    "cp_plans",
    (
        CHILD_ID,
        REFERRAL,
        Field("CPPstartDate", "date", required=True),
        Field("CPPendDate", "date"),
        Field("InitialCategoryOfAbuse", "code", required=True, codelist="category_of_abuse"),
        Field("LatestCategoryOfAbuse", "code", required=True, codelist="category_of_abuse"),
        Field("NumberOfPreviousCPP", "int", required=True),
        Field("CPPreviewDates", "dates", element="CPPreviewDate"),
    ),
    key=("LAchildID", "CINreferralDate", "CPPstartDate"),
)

TABLES = {t.name: t for t in (CHILD, CIN_DETAILS, ASSESSMENTS, CIN_PLANS, SECTION47, CP_PLANS)}

# The element of each module within a CINdetails element.
MODULES = {
    "assessments": "Assessments",
    "cin_plans": "CINPlanDates",
    "section47": "Section47",
    "cp_plans": "ChildProtectionPlans",
}
