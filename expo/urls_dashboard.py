from django.urls import path

from expo import views_dashboard as views

app_name = "dashboard_expo"

urlpatterns = [
    path("", views.booths, name="booths"),
    path("<slug:slug>/apply/", views.booth_apply, name="booth_apply"),
    path("booths/<int:pk>/edit/", views.booth_edit, name="booth_edit"),
    path("booths/<int:pk>/withdraw/", views.booth_withdraw, name="booth_withdraw"),
    path("booths/<int:pk>/statistics/", views.booth_stats, name="booth_stats"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:pk>/confirm/", views.meeting_confirm, name="meeting_confirm"),
    path("meetings/<int:pk>/decline/", views.meeting_decline, name="meeting_decline"),
    path("meetings/<int:pk>/outcome/", views.meeting_outcome, name="meeting_outcome"),
    path("meetings/<int:pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("<slug:slug>/availability/", views.availability, name="availability"),
    path("slots/<int:pk>/delete/", views.slot_delete, name="slot_delete"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/<int:pk>/links/", views.session_edit, name="session_edit"),
]
