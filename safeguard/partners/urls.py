from django.urls import path

from safeguard.partners.views import admin, approvals, sign_in

app_name = "partners"

urlpatterns = [
    path("sign-in/", sign_in.sign_in, name="sign-in"),
    path("sign-in/code/", sign_in.sign_in_code, name="sign-in-code"),
    path("sign-in/set-up-authenticator/", sign_in.mfa_setup, name="mfa-setup"),
    path("sign-out/", sign_in.sign_out, name="sign-out"),
    path("signed-out/", sign_in.signed_out, name="signed-out"),
    path("account/activate/<str:token>/", sign_in.activate, name="activate"),
    path("admin/agencies/", admin.agency_list, name="agency-list"),
    path("admin/agencies/new/", admin.agency_create, name="agency-create"),
    path("admin/agencies/<uuid:agency_id>/", admin.agency_detail, name="agency-detail"),
    path("admin/agencies/<uuid:agency_id>/edit/", admin.agency_edit, name="agency-edit"),
    path("admin/agencies/<uuid:agency_id>/teams/new/", admin.team_create, name="team-create"),
    path("admin/users/", admin.user_list, name="user-list"),
    path("admin/users/new/", admin.user_create, name="user-create"),
    path("admin/users/<uuid:user_id>/", admin.user_detail, name="user-detail"),
    path("admin/users/<uuid:user_id>/edit/", admin.user_edit, name="user-edit"),
    path("admin/users/<uuid:user_id>/<slug:action>/", admin.user_action, name="user-action"),
    path("admin/account-changes/", approvals.account_changes, name="account-changes"),
    path(
        "admin/account-changes/<uuid:change_id>/",
        approvals.account_change,
        name="account-change",
    ),
]
