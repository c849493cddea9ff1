app_name = "dashboard_products"

urlpatterns: list = []
