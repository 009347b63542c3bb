from django.urls import path

from convener.videos import views

app_name = "videos"

urlpatterns = [
    path("m/<slug:slug>/library/", views.library, name="library"),
    path("m/<slug:slug>/library/presentations/<int:pk>/", views.presentation_detail, name="presentation"),
    path("m/<slug:slug>/library/presentations/<int:pk>/video", views.presentation_video, name="presentation_video"),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/captions.vtt",
        views.presentation_captions,
        name="presentation_captions",
    ),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/slides.pdf", views.presentation_slides, name="presentation_slides"
    ),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/watched/", views.presentation_watched, name="presentation_watched"
    ),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/progress/",
        views.presentation_progress,
        name="presentation_progress",
    ),
    path("m/<slug:slug>/library/recordings/<int:pk>/", views.recording_detail, name="recording"),
    path("m/<slug:slug>/library/recordings/<int:pk>/video", views.recording_video, name="recording_video"),
    path("m/<slug:slug>/library/recordings/<int:pk>/captions.vtt", views.recording_captions, name="recording_captions"),
    path("m/<slug:slug>/videos/", views.manage, name="manage"),
    path("m/<slug:slug>/videos/new/", views.presentation_create, name="presentation_create"),
    path("m/<slug:slug>/videos/<int:pk>/edit/", views.presentation_edit, name="presentation_edit"),
    path("m/<slug:slug>/videos/<int:pk>/delete/", views.presentation_delete, name="presentation_delete"),
    path("m/<slug:slug>/sessions/<int:pk>/recording/", views.recording_attach, name="recording_attach"),
]
