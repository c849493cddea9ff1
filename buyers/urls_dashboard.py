from django.urls import path

from . import views_dashboard as views

app_name = "dashboard_inquiries"

urlpatterns = [
    path("", views.inquiry_list, name="list"),
    path("<int:pk>/", views.inquiry_detail, name="detail"),
    path("<int:pk>/reply/", views.inquiry_reply, name="reply"),
    path("<int:pk>/status/", views.inquiry_status, name="status"),
]
