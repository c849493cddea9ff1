from django.urls import path

from expo import views_me

app_name = "me_expo"

urlpatterns = [
    path("meetings/", views_me.meetings, name="meetings"),
    path("meetings/<int:pk>/cancel/", views_me.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/meeting.ics", views_me.meeting_ics, name="meeting_ics"),
    path("book/<slug:slug>/<slug:vendor_slug>/", views_me.book, name="book"),
    path("sessions/", views_me.sessions, name="sessions"),
]
