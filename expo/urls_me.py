app_name = "me_expo"

urlpatterns: list = []
