from django.urls import path

from buyers import views_me as views

app_name = "buyers"

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("favourites/", views.favourites, name="favourites"),
    path("favourites/toggle/", views.favourite_toggle, name="favourite_toggle"),
    path("recent/", views.recently_viewed, name="recent"),
    path("inquiries/", views.inquiries, name="inquiries"),
    path("inquiries/new/", views.inquiry_new, name="inquiry_new"),
    path("inquiries/<int:pk>/", views.inquiry, name="inquiry"),
    path("inquiries/<int:pk>/reply/", views.inquiry_reply, name="inquiry_reply"),
    path("inquiries/<int:pk>/quote/", views.inquiry_quote, name="inquiry_quote"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
