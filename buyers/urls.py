app_name = "buyers"

urlpatterns: list = []
