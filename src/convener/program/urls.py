from django.urls import include, path

from convener.program import registration, views

app_name = "program"

urlpatterns = [
    path("m/<slug:slug>/", views.program, name="program"),
    path("m/<slug:slug>/register/", registration.register, name="register"),
    path("m/<slug:slug>/agenda/", views.agenda, name="agenda"),
    path("m/<slug:slug>/sessions/<int:pk>/", views.session_detail, name="session"),
    path("m/<slug:slug>/sessions/<int:pk>/star/", views.star, name="star"),
    path("", include("convener.program.feed_urls")),
]
