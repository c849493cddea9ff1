from django.urls import path

from catalog import views_dashboard as views

app_name = "dashboard_products"

urlpatterns = [
    path("", views.product_list, name="list"),
    path("new/", views.product_create_view, name="create"),
    path("<int:pk>/", views.product_edit, name="edit"),
    path("<int:pk>/duplicate/", views.product_duplicate_view, name="duplicate"),
    path("<int:pk>/archive/", views.product_archive_view, name="archive"),
    path("<int:pk>/publish/", views.product_publish_view, name="publish"),
    path("<int:pk>/photos/", views.photo_upload, name="photo_upload"),
    path("<int:pk>/photos/<int:photo_pk>/move/", views.photo_move, name="photo_reorder"),
    path("<int:pk>/photos/<int:photo_pk>/alt/", views.photo_alt, name="photo_alt"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", views.photo_delete, name="photo_delete"),
]
