from django.urls import path

from expo import views_public as views

app_name = "expo"

urlpatterns = [
    path("", views.expo_list, name="list"),
    path("<slug:slug>/", views.lobby, name="lobby"),
    path("<slug:slug>/halls/<slug:hall>/", views.hall, name="hall"),
    path("<slug:slug>/booths/<slug:vendor_slug>/", views.booth, name="booth"),
    path("<slug:slug>/agenda/", views.agenda, name="agenda"),
    path("<slug:slug>/agenda/<int:pk>/", views.session, name="session"),
    path("<slug:slug>/agenda/<int:pk>.ics", views.session_ics, name="session_ics"),
    path("<slug:slug>/agenda/<int:pk>/register/", views.session_register, name="session_register"),
]
