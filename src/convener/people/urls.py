from django.urls import path

from convener.people import views

app_name = "people"

urlpatterns = [
    path("m/<slug:slug>/register/", views.register, name="register"),
]
