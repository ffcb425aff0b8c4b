app_name = "registrations"
urlpatterns = []
