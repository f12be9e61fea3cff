from safeguard.training.models.bookings import (
    Booking,
    BookingStatus,
    Evaluation,
    Invoice,
    InvoiceCounter,
    InvoiceStatus,
)
from safeguard.training.models.courses import Course, CourseKind, Session
from safeguard.training.models.elearning import ELearningCompletion, ELearningImport

__all__ = [
    "Booking",
    "BookingStatus",
    "Course",
    "CourseKind",
    "ELearningCompletion",
    "ELearningImport",
    "Evaluation",
    "Invoice",
    "InvoiceCounter",
    "InvoiceStatus",
    "Session",
]
