"""Every read of MASH records. Each applies the access policy and writes the access log.

Split by the names the services use: triage (the queue and a notification), requests (for
information) and submit (what a referrer sent). Each returns flat rows (rows.py).
"""

from safeguard.mash.selectors.requests import (
    attachment_get,
    open_request_count,
    request_get,
    requests_for_agency,
)
from safeguard.mash.selectors.submit import concern_labels, submitted_get, submitted_list
from safeguard.mash.selectors.triage import (
    NotificationRecord,
    Queue,
    QueueFilters,
    mash_workers,
    notification_for_triage,
    notification_get,
    notification_queue,
)

__all__ = [
    "NotificationRecord",
    "Queue",
    "QueueFilters",
    "attachment_get",
    "concern_labels",
    "mash_workers",
    "notification_for_triage",
    "notification_get",
    "notification_queue",
    "open_request_count",
    "request_get",
    "requests_for_agency",
    "submitted_get",
    "submitted_list",
]
