from django.urls import path

from vendors import views_dashboard as views

urlpatterns = [
    path("", views.home, name="home"),
    path("register/", views.onboarding, name="onboarding"),
    path("register/<int:step>/", views.onboarding_step, name="onboarding_step"),
    path("profile/", views.profile, name="profile"),
    path(
        "certifications/<int:pk>/document/",
        views.certification_document,
        name="certification_document",
    ),
    path(
        "certifications/<int:pk>/delete/", views.certification_delete, name="certification_delete"
    ),
    path("team/", views.team, name="team"),
    path("team/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("team/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
]
