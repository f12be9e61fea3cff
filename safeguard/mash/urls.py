from django.urls import path

from safeguard.mash.views import insight, notification, queue, referrer, requests, submit, work

app_name = "mash"

urlpatterns = [
    path("notify/", submit.start, name="notify"),
    path("notify/contact/", submit.contact, name="notify-contact"),
    path("notify/danger/", submit.danger, name="notify-danger"),
    path("notify/call-999/", submit.call_999, name="notify-call-999"),
    path("notify/child/", submit.child, name="notify-child"),
    path("notify/child/match/", submit.child_match, name="notify-child-match"),
    path("notify/children/", submit.children, name="notify-children"),
    path("notify/adult/", submit.adult, name="notify-adult"),
    path("notify/adults/", submit.adults, name="notify-adults"),
    path("notify/concerns/", submit.concerns, name="notify-concerns"),
    path("notify/what-happened/", submit.account, name="notify-account"),
    path("notify/documents/", submit.files, name="notify-files"),
    path("notify/sharing/", submit.sharing, name="notify-sharing"),
    path("notify/check/", submit.check, name="notify-check"),
    path("notify/sent/<uuid:notification_id>/", submit.sent, name="notify-sent"),
    path("queue/", queue.queue, name="queue"),
    path("notifications/<uuid:notification_id>/", notification.detail, name="notification"),
    path("notifications/<uuid:notification_id>/assign/", notification.assign, name="assign"),
    path(
        "notifications/<uuid:notification_id>/children/<int:child_id>/link/",
        notification.link_child,
        name="link-child",
    ),
    path("notifications/<uuid:notification_id>/rag/", notification.rag, name="rag"),
    path("notifications/<uuid:notification_id>/consent/", notification.consent, name="consent"),
    path(
        "notifications/<uuid:notification_id>/information/",
        notification.information,
        name="information",
    ),
    path("notifications/<uuid:notification_id>/decision/", notification.decision, name="decision"),
    path(
        "notifications/<uuid:notification_id>/decision/correct/",
        notification.decision_correct,
        name="decision-correct",
    ),
    path(
        "notifications/<uuid:notification_id>/escalations/<uuid:escalation_id>/answer/",
        notification.escalation_answer,
        name="escalation-answer",
    ),
    path(
        "notifications/<uuid:notification_id>/children/<int:child_id>/correct-link/",
        notification.relink_child,
        name="relink-child",
    ),
    path(
        "notifications/<uuid:notification_id>/addenda/new/",
        notification.addendum,
        name="addendum",
    ),
    path("requests/", requests.request_list, name="requests"),
    path("requests/<uuid:request_id>/", requests.request_detail, name="request"),
    path("requests/<uuid:request_id>/withdraw/", requests.withdraw, name="withdraw"),
    path("attachments/<uuid:attachment_id>/", requests.attachment, name="attachment"),
    path("documents/<uuid:file_id>/", referrer.notification_file, name="notification-file"),
    path("sent/", referrer.submitted_list, name="submitted"),
    path("sent/<uuid:notification_id>/", referrer.feedback, name="feedback"),
    path("sent/<uuid:notification_id>/escalate/", referrer.escalate, name="escalate"),
    path("work/", work.work_list, name="work"),
    path("work/seen/", work.work_seen, name="work-seen"),
    path("work/<uuid:item_id>/", work.work_open, name="work-open"),
    path("insight/", insight.insight, name="insight"),
    path("insight/<slug:table>.csv", insight.insight_csv, name="insight-csv"),
]
