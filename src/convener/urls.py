from django.contrib import admin
from django.urls import include, path

from convener.api.routers import api
from convener.people import views as people_views
from convener.program import views as program_views

admin.site.site_header = "convener administration"
admin.site.site_title = "convener"

urlpatterns = [
    path("", program_views.home, name="home"),
    path("time-zone/", people_views.time_zone, name="time_zone"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("convener.program.urls")),
    path("", include("convener.scheduling.urls")),
    path("", include("convener.availability.urls")),
    path("", include("convener.networking.urls")),
    path("", include("convener.discussion.urls")),
    path("", include("convener.videos.urls")),
    path("", include("convener.surveys.urls")),
    path("", include("convener.gameshow.urls")),
    path("", include("convener.announcements.urls")),
    path("", include("convener.organise.urls")),
]
