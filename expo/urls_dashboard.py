app_name = "dashboard_expo"

urlpatterns: list = []
