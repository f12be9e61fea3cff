from django.conf import settings
from django.db import models

from safeguard.core.models import BaseModel, VersionedModel
from safeguard.partners.models import Agency


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    UNBORN = "unborn", "Unborn child"
    ADULT = "adult", "Adult"


class DatePrecision(models.TextChoices):
    EXACT = "exact", "Exact"
    MONTH = "month", "Month and year known"
    YEAR = "year", "Year known"
    ESTIMATED = "estimated", "Estimated"
    EXPECTED = "expected", "Expected (unborn)"


class Sex(models.TextChoices):
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


class Ethnicity(models.TextChoices):
    """The DfE ethnicity codes used by the CIN census and SSDA903."""

    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Person(BaseModel, VersionedModel):
    """A child or adult in the people index. Personal data: read it through selectors."""

    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.CHILD)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    date_of_birth_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.EXACT
    )
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, blank=True)
    first_language = models.CharField(max_length=100, blank=True)
    # Not unique: a number another record holds is stored as given and queued for IG as a
    # clash, so that a refusal never tells a partner about a child it may not see (issue 16).
    nhs_number = models.CharField(max_length=10, null=True, blank=True, db_index=True)
    upn = models.CharField(max_length=13, null=True, blank=True, db_index=True)
    is_restricted = models.BooleanField(default=False)
    recorded_by_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_people"
    )
    personal_data = True

    class Meta:
        indexes = [models.Index(fields=["recorded_by_agency", "is_restricted"])]

    def __str__(self) -> str:
        return f"Person {self.pk}"


class NameKind(models.TextChoices):
    PRIMARY = "primary", "Name"
    ALIAS = "alias", "Also known as"
    PREVIOUS = "previous", "Previous name"
    PREFERRED = "preferred", "Preferred name"


class PersonName(models.Model):
    """Names and aliases. The normal forms and phonetic keys are what search looks up."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(max_length=10, choices=NameKind.choices, default=NameKind.PRIMARY)
    given_name = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    given_norm = models.CharField(max_length=100, blank=True)
    family_norm = models.CharField(max_length=100, blank=True, db_index=True)
    given_key = models.CharField(max_length=8, blank=True)
    family_key = models.CharField(max_length=8, blank=True)

    personal_data = True

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(kind="primary"), name="one_primary_name"
            )
        ]
        indexes = [
            models.Index(fields=["family_key", "given_key"]),
            models.Index(fields=["given_key"]),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Address(BaseModel):
    line_1 = models.CharField(max_length=200)
    line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, db_index=True)
    ward = models.CharField(max_length=100, blank=True)

    personal_data = True

    def __str__(self) -> str:
        return f"{self.line_1}, {self.postcode}"


class AddressKind(models.TextChoices):
    HOME = "home", "Home"
    TEMPORARY = "temporary", "Temporary"
    CARE = "care", "Care placement"
    OTHER = "other", "Other"


class PersonAddress(models.Model):
    """One stay at an address: an end date makes it history."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="residents")
    kind = models.CharField(max_length=10, choices=AddressKind.choices, default=AddressKind.HOME)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    personal_data = True

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.address_id}"


class AgencyIdentifier(models.Model):
    """An identifier another agency's system gives the person (LA child ID, PNC, MRN...)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    scheme = models.CharField(max_length=60)
    value = models.CharField(max_length=60)

    personal_data = True

    class Meta:
        # Not unique, as NHS numbers are not (see Person): a value another record holds is a
        # clash for IG to resolve.
        indexes = [models.Index(fields=["agency", "scheme", "value"], name="agency_identifier")]

    def __str__(self) -> str:
        return f"{self.scheme} {self.value}"


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    CARER = "carer", "Carer"
    SIBLING = "sibling", "Sibling"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    ASSOCIATE = "associate", "Associate"


# "A is parent of B" reads the other way as "B is child of A".
RELATIONSHIP_INVERSE_LABELS = {
    RelationshipKind.PARENT: "Child",
    RelationshipKind.STEP_PARENT: "Step-child",
    RelationshipKind.CARER: "Cared for",
}


class Relationship(models.Model):
    """`from_person` is `kind` of `to_person`: a parent of a child, a sibling of a sibling."""

    from_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relationships_from"
    )
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)

    personal_data = True

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"], name="relationship_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")), name="relationship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return self.kind


class Allocation(models.Model):
    """A child allocated to a worker: the relationship that opens the child's record to them."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["worker", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.person_id} to {self.worker_id}"


class PersonMerge(BaseModel):
    """A merge of a duplicate into a survivor, with what moved, so that it can be undone."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_in")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_out")
    reason = models.TextField()
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    moved = models.JSONField(default=dict)
    unmerged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unmerged_at = models.DateTimeField(null=True, blank=True)
    unmerge_reason = models.TextField(blank=True)

    personal_data = True

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Merge {self.merged_id} into {self.survivor_id}"


class MatchKey(models.Model):
    """A blocking key of a person's (people/matching/blocking.py): the matcher finds its
    candidates through this index, shared by every app process and rebuilt with the person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(max_length=80)

    class Meta:
        # Key then person: the matcher's lookup by key finds the person ids in the index.
        indexes = [models.Index(fields=["key", "person"], name="match_key_person")]
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="match_key_once")]

    def __str__(self) -> str:
        return self.key


class MatchProfile(models.Model):
    """A person's records as the matcher compares them (people/matching/features.py), one per
    name they are known by, worked out when the person changes rather than at every match."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="match_profile"
    )
    features = models.JSONField()

    def __str__(self) -> str:
        return str(self.person_id)


class MatchTermFrequency(models.Model):
    """How common a name is in the index: two Smiths agree more often by chance."""

    field = models.CharField(max_length=10)
    value = models.CharField(max_length=100)
    frequency = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["field", "value"], name="match_tf_once"),
        ]

    def __str__(self) -> str:
        return f"{self.field} {self.value}"


class MatchParameters(models.Model):
    """The matcher's model as last estimated from the index, without labels."""

    estimated_at = models.DateTimeField()
    records = models.PositiveIntegerField()
    parameters = models.JSONField()

    class Meta:
        ordering = ["-estimated_at"]

    def __str__(self) -> str:
        return f"Match parameters {self.estimated_at:%Y-%m-%d}"


class DuplicateStatus(models.TextChoices):
    OPEN = "open", "To review"
    NOT_DUPLICATE = "not_duplicate", "Not the same person"


class DuplicateSource(models.TextChoices):
    """Why a pair is in the queue: the engine's nightly search, or an identifier that two
    records were given (a clash, queued when the second was recorded)."""

    MATCHER = "matcher", "Found by the matching engine"
    NHS_NUMBER = "nhs_number", "Both have the same NHS number"
    UPN = "upn", "Both have the same UPN"
    AGENCY_IDENTIFIER = "agency_identifier", "Both have the same agency identifier"


class PersonDuplicate(models.Model):
    """Two records the matching engine found likely to be one person, for the information
    governance officer to merge or to mark as two people. A pair is kept in one order (the
    lower id first), so that it is found once however it was reached."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    contributions = models.JSONField()  # [[comparison, level, bits], ...], as the engine scored
    found_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    found_by = models.CharField(
        max_length=20, choices=DuplicateSource.choices, default=DuplicateSource.MATCHER
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_once")
        ]
        indexes = [models.Index(fields=["status", "-probability"], name="duplicate_queue")]

    def __str__(self) -> str:
        return f"{self.person_a_id} / {self.person_b_id}"


class MatchCommonKey(models.Model):
    """A blocking key shared by too many people to block on (a common surname with an
    initial): a match leaves it out, as the batch linker does. Counted at each rebuild."""

    key = models.CharField(max_length=80, primary_key=True)
    people = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.key
