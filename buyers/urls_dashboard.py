app_name = "dashboard_inquiries"

urlpatterns: list = []
