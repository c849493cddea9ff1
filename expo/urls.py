app_name = "expo"

urlpatterns: list = []
