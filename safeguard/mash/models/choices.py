from django.db import models


class Channel(models.TextChoices):
    WEB = "web", "Online form"
    API = "api", "Partner system"
    PHONE = "phone", "Phone call to the MASH"
    EMAIL = "email", "Email to the MASH"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    TRIAGE = "triage", "In triage"
    AWAITING_INFORMATION = "awaiting_information", "Awaiting information"
    AWAITING_DECISION = "awaiting_decision", "Awaiting decision"
    DECIDED = "decided", "Decided"


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.TRIAGE,
    Status.AWAITING_INFORMATION,
    Status.AWAITING_DECISION,
)


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ConsentSought(models.TextChoices):
    GIVEN = "given", "Yes, and consent was given"
    REFUSED = "refused", "Yes, and consent was refused"
    NOT_SOUGHT = "not_sought", "No, consent was not sought"


class NotSoughtReason(models.TextChoices):
    INCREASE_RISK = "increase_risk", "Seeking it would increase the risk to the child or others"
    URGENT = "urgent", "The matter is urgent"
    NOT_PRACTICABLE = "not_practicable", "It was not practicable to seek it"


class LawfulBasis(models.TextChoices):
    PUBLIC_TASK = "public_task", "Public task: safeguarding duties (UK GDPR 6(1)(e))"
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation (UK GDPR 6(1)(c))"
    VITAL_INTERESTS = "vital_interests", "Vital interests: risk to life (UK GDPR 6(1)(d))"
    CONSENT = "consent", "Consent (UK GDPR 6(1)(a))"


class Outcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    ADVICE = "advice", "Information and advice, or signposting"
    EARLY_HELP = "early_help", "Early help or key work"
    ASSESSMENT = "assessment", "Referral to children's social care for assessment (section 17)"
    STRATEGY = "strategy", "Strategy discussion (section 47)"
    ALREADY_OPEN = "already_open", "Already open: passed to the allocated worker"


REFERRAL_OUTCOMES = (Outcome.ASSESSMENT, Outcome.STRATEGY, Outcome.ALREADY_OPEN)


class OnwardReferral(models.TextChoices):
    LADO = "lado", "LADO (allegation against someone who works with children)"
    MARAC = "marac", "MARAC (high-risk domestic abuse)"
    VYPRMG = "vyprmg", "VYPRMG (vulnerable young people: exploitation, missing, violence)"
    CHANNEL = "channel", "Channel (radicalisation)"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Waiting for an answer"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"
    UNANSWERED = "unanswered", "Closed unanswered"


class KnownToService(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


class Stage(models.TextChoices):
    RECEIVED = "received", "Received"
    ASSIGNED = "assigned", "Assigned"
    CHILD_LINKED = "child_linked", "Child linked to the people index"
    RAG_SET = "rag_set", "RAG rating set"
    CONSENT_CONSIDERED = "consent_considered", "Consent considered"
    INFORMATION_DECIDED = "information_decided", "Decided whether to ask partners"
    REQUEST_SENT = "request_sent", "Information requested"
    REQUEST_WITHDRAWN = "request_withdrawn", "Request withdrawn"
    REQUEST_ESCALATED = "request_escalated", "Request overdue: escalated"
    ANSWERED = "answered", "Information received"
    DECIDED = "decided", "Decided"
    ADDENDUM = "addendum", "Addendum added"
    CHILD_RELINKED = "child_relinked", "Child's link corrected"
    DECISION_CORRECTED = "decision_corrected", "Decision corrected"
    REQUEST_CLOSED = "request_closed", "Request closed unanswered"
    ESCALATED = "escalated", "Decision escalated by the referrer"
    ESCALATION_ANSWERED = "escalation_answered", "Escalation answered"
