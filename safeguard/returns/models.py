"""Statutory returns as imported, and the children's journey read from them.

Each import of a return for a collection year is one StatutoryReturn. A corrected return
replaces the earlier one: the earlier stays, marked not current, so the difference can be shown.
The journey rows (children, episodes, missing episodes, health outcomes) belong to one return.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguard.core.models import BaseModel
from safeguard.partners.models import Agency
from safeguard.people.models import Person


class ReturnKind(models.TextChoices):
    SSDA903 = "ssda903", "SSDA903 (children looked after)"
    CIN = "cin", "Children in need census"
    ANNEX_A = "annex_a", "Ofsted Annex A"


class StatutoryReturn(BaseModel):
    kind = models.CharField(max_length=10, choices=ReturnKind.choices)
    collection_year = models.PositiveSmallIntegerField(help_text="2017 is the 2017-18 return")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    content_hash = models.CharField(max_length=64)
    files = models.JSONField(default=list, help_text="file names and the tables they held")
    counts = models.JSONField(default=dict, help_text="rows per table")
    changes = models.JSONField(default=dict, help_text="the difference from the return replaced")
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    is_current = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "collection_year"],
                condition=Q(is_current=True),
                name="one_current_return_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.collection_year}"


class LinkStatus(models.TextChoices):
    LINKED = "linked", "Linked by the council's child identifier"
    MATCHED = "matched", "Matched by UPN and date of birth"
    CREATED = "created", "New to the people index"
    REVIEW = "review", "Needs review: a possible match was not certain"


class ReturnChild(models.Model):
    """One child in one return: the header row, with UASC status."""

    statutory_return = models.ForeignKey(
        StatutoryReturn, on_delete=models.CASCADE, related_name="children"
    )
    child_ref = models.CharField(max_length=20, help_text="the council's child identifier")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    link_status = models.CharField(max_length=10, choices=LinkStatus.choices)
    sex = models.CharField(max_length=1)
    date_of_birth = models.DateField()
    ethnicity = models.CharField(max_length=4)
    upn = models.CharField(max_length=13, blank=True)
    mother = models.BooleanField(null=True)
    mother_child_dob = models.DateField(null=True, blank=True)
    was_uasc = models.BooleanField(default=False)
    uasc_ceased = models.DateField(null=True, blank=True)
    unborn = models.BooleanField(default=False, help_text="the date of birth is the expected one")
    death_date = models.DateField(null=True, blank=True)
    disabilities = models.JSONField(default=list, blank=True, help_text="CIN disability codes")
    personal_data = True

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statutory_return", "child_ref"], name="one_child_row_per_return"
            )
        ]

    def __str__(self) -> str:
        return f"Child {self.child_ref} in {self.statutory_return_id}"


class CareEpisode(models.Model):
    child = models.ForeignKey(ReturnChild, on_delete=models.CASCADE, related_name="episodes")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    reason_new = models.CharField(max_length=1)
    legal_status = models.CharField(max_length=2)
    category_of_need = models.CharField(max_length=2)
    placement = models.CharField(max_length=2)
    placement_provider = models.CharField(max_length=3, blank=True)
    reason_ceased = models.CharField(max_length=3, blank=True)
    reason_place_change = models.CharField(max_length=6, blank=True)
    home_postcode = models.CharField(max_length=8, blank=True)
    placement_postcode = models.CharField(max_length=8, blank=True)
    urn = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self) -> str:
        return f"Episode from {self.start}"


class MissingEpisode(models.Model):
    child = models.ForeignKey(ReturnChild, on_delete=models.CASCADE, related_name="missing")
    kind = models.CharField(max_length=1, help_text="M missing, A away without authorisation")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.kind} from {self.start}"


class HealthOutcome(models.Model):
    """The OC2 row: a child looked after for 12 months at 31 March, and their health checks."""

    child = models.OneToOneField(ReturnChild, on_delete=models.CASCADE, related_name="health")
    sdq_score = models.PositiveSmallIntegerField(null=True, blank=True)
    sdq_reason = models.CharField(max_length=4, blank=True)
    convicted = models.BooleanField(null=True)
    health_check = models.BooleanField(null=True)
    immunisations = models.BooleanField(null=True)
    teeth_check = models.BooleanField(null=True)
    health_assessment = models.BooleanField(null=True)
    substance_misuse = models.BooleanField(null=True)
    intervention_received = models.BooleanField(null=True)
    intervention_offered = models.BooleanField(null=True)

    def __str__(self) -> str:
        return f"Health outcomes of {self.child_id}"


class CareReview(models.Model):
    child = models.ForeignKey(ReturnChild, on_delete=models.CASCADE, related_name="reviews")
    held = models.DateField()
    participation = models.CharField(max_length=3, blank=True)

    class Meta:
        ordering = ["held"]

    def __str__(self) -> str:
        return f"Review on {self.held}"


class CareLeaver(models.Model):
    """The OC3 row: a care leaver around their 17th to 21st birthdays."""

    child = models.OneToOneField(ReturnChild, on_delete=models.CASCADE, related_name="leaver")
    in_touch = models.CharField(max_length=4)
    activity = models.CharField(max_length=2, blank=True)
    accommodation = models.CharField(max_length=2, blank=True)

    def __str__(self) -> str:
        return f"Care leaver {self.child_id}"


class Adoption(models.Model):
    """The AD1 row: a child adopted, or placed for adoption, and their adopters."""

    child = models.OneToOneField(ReturnChild, on_delete=models.CASCADE, related_name="adoption")
    decided = models.DateField(help_text="the decision that the child should be adopted")
    matched = models.DateField()
    by_foster_carers = models.BooleanField(null=True)
    adopters = models.CharField(max_length=1)
    adopters_sex = models.CharField(max_length=2)
    adopters_status = models.CharField(max_length=3)

    def __str__(self) -> str:
        return f"Adoption of {self.child_id}"


class PlacementForAdoption(models.Model):
    child = models.ForeignKey(
        ReturnChild, on_delete=models.CASCADE, related_name="placements_for_adoption"
    )
    placed = models.DateField()
    ceased = models.DateField(null=True, blank=True)
    reason_ceased = models.CharField(max_length=3, blank=True)

    class Meta:
        ordering = ["placed"]

    def __str__(self) -> str:
        return f"Placed for adoption on {self.placed}"


class PreviousPermanence(models.Model):
    child = models.OneToOneField(
        ReturnChild, on_delete=models.CASCADE, related_name="previous_permanence"
    )
    option = models.CharField(max_length=2, blank=True)
    local_authority = models.CharField(max_length=10, blank=True)
    date = models.CharField(max_length=10, blank=True, help_text="as given: may be partial")

    def __str__(self) -> str:
        return f"Previous permanence of {self.child_id}"


class ChildInNeedEpisode(models.Model):
    """One CINdetails module: a referral, and the episode of need that follows it."""

    child = models.ForeignKey(ReturnChild, on_delete=models.CASCADE, related_name="cin_episodes")
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=2)
    primary_need = models.CharField(max_length=2, blank=True)
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, blank=True)
    initial_cpc_date = models.DateField(null=True, blank=True)
    referral_nfa = models.BooleanField()

    class Meta:
        ordering = ["referral_date"]
        indexes = [models.Index(fields=["referral_date"])]

    def __str__(self) -> str:
        return f"Referral of {self.referral_date}"


class Assessment(models.Model):
    episode = models.ForeignKey(
        ChildInNeedEpisode, on_delete=models.CASCADE, related_name="assessments"
    )
    start = models.DateField()
    review_date = models.DateField(null=True, blank=True)
    authorised = models.DateField(null=True, blank=True)
    factors = models.JSONField(default=list, blank=True, help_text="factors identified")

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"Assessment from {self.start}"


class ChildInNeedPlan(models.Model):
    episode = models.ForeignKey(
        ChildInNeedEpisode, on_delete=models.CASCADE, related_name="cin_plans"
    )
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"Child in need plan from {self.start}"


class Section47Enquiry(models.Model):
    episode = models.ForeignKey(
        ChildInNeedEpisode, on_delete=models.CASCADE, related_name="section47s"
    )
    start = models.DateField()
    icpc_target = models.DateField(null=True, blank=True)
    icpc_date = models.DateField(null=True, blank=True)
    icpc_not_required = models.BooleanField()

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"Section 47 enquiry from {self.start}"


class ProtectionPlan(models.Model):
    episode = models.ForeignKey(
        ChildInNeedEpisode, on_delete=models.CASCADE, related_name="protection_plans"
    )
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    initial_category = models.CharField(max_length=3)
    latest_category = models.CharField(max_length=3)
    previous_plans = models.PositiveSmallIntegerField()
    review_dates = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self) -> str:
        return f"Child protection plan from {self.start}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    DONE = "done", "Done"
    INVALID = "invalid", "Not imported: the return has problems"
    FAILED = "failed", "Not imported: something went wrong"


class ReturnImportJob(BaseModel):
    """An analyst's upload, imported in the background; the page shows its progress."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    collection_year = models.PositiveSmallIntegerField()
    dry_run = models.BooleanField(default=False)
    file_names = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    steps = models.JSONField(default=list, help_text="the steps done so far")
    outcome = models.JSONField(default=dict, help_text="kind, counts, changes, unchanged")
    errors = models.JSONField(default=list, help_text="place and message; never a child's data")
    statutory_return = models.ForeignKey(
        StatutoryReturn, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Import of {', '.join(self.file_names)}"


class ReturnUpload(models.Model):
    """An uploaded file, kept only until its job has run (it holds children's data)."""

    job = models.ForeignKey(ReturnImportJob, on_delete=models.CASCADE, related_name="uploads")
    name = models.CharField(max_length=200)
    content = models.BinaryField()
    personal_data = True

    def __str__(self) -> str:
        return self.name


class AnnexARow(models.Model):
    """One row of an imported Annex A list, as Ofsted's workbook gives it (dates ISO)."""

    statutory_return = models.ForeignKey(
        StatutoryReturn, on_delete=models.CASCADE, related_name="annex_rows"
    )
    list_number = models.PositiveSmallIntegerField()
    values = models.JSONField(help_text="column header -> value")
    personal_data = True

    class Meta:
        indexes = [models.Index(fields=["statutory_return", "list_number"])]

    def __str__(self) -> str:
        return f"List {self.list_number} row"
