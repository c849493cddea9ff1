from django.urls import path

from vendors import views_public

app_name = "vendors"

urlpatterns = [
    path("invitations/<str:token>/", views_public.invitation_accept, name="invitation_accept"),
    path("<slug:slug>/", views_public.profile, name="profile"),
]
