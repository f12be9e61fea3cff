from django.urls import path

from safeguard.people.views import governance, record, search

app_name = "people"

urlpatterns = [
    path("", search.search, name="search"),
    path("new/", search.create, name="create"),
    path("new/check/", search.create_check, name="create-check"),
    path("<uuid:person_id>/", record.detail, name="detail"),
    path("<uuid:person_id>/edit/", record.edit, name="edit"),
    path("<uuid:person_id>/names/new/", record.add_name, name="add-name"),
    path("<uuid:person_id>/addresses/new/", record.add_address, name="add-address"),
    path("<uuid:person_id>/identifiers/new/", record.add_identifier, name="add-identifier"),
    path("<uuid:person_id>/relationships/new/", record.add_relationship, name="add-relationship"),
    path("<uuid:person_id>/access-log/", governance.access_log, name="access-log"),
    path("<uuid:person_id>/break-glass/", governance.break_glass, name="break-glass"),
    path("<uuid:person_id>/merge/", governance.merge_pick, name="merge"),
    path(
        "<uuid:person_id>/merge/<uuid:other_id>/",
        governance.merge_confirm,
        name="merge-confirm",
    ),
    path("merges/<uuid:merge_id>/unmerge/", governance.unmerge, name="unmerge"),
    path("duplicates/", governance.duplicates, name="duplicates"),
    path(
        "duplicates/<int:duplicate_id>/dismiss/",
        governance.duplicate_dismiss,
        name="duplicate-dismiss",
    ),
]
