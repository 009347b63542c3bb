from django.urls import path

from convener.videos.views import library

app_name = "videos"

urlpatterns = [
    path("m/<slug:slug>/library/", library.library, name="library"),
    path("m/<slug:slug>/library/presentations/<int:pk>/", library.presentation_detail, name="presentation"),
    path("m/<slug:slug>/library/presentations/<int:pk>/video", library.presentation_video, name="presentation_video"),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/captions.vtt",
        library.presentation_captions,
        name="presentation_captions",
    ),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/slides.pdf",
        library.presentation_slides,
        name="presentation_slides",
    ),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/watched/",
        library.presentation_watched,
        name="presentation_watched",
    ),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/progress/",
        library.presentation_progress,
        name="presentation_progress",
    ),
    path("m/<slug:slug>/library/recordings/<int:pk>/", library.recording_detail, name="recording"),
    path("m/<slug:slug>/library/recordings/<int:pk>/video", library.recording_video, name="recording_video"),
    path(
        "m/<slug:slug>/library/recordings/<int:pk>/captions.vtt", library.recording_captions, name="recording_captions"
    ),
    path("m/<slug:slug>/videos/", library.manage, name="manage"),
    path("m/<slug:slug>/videos/new/", library.presentation_create, name="presentation_create"),
    path("m/<slug:slug>/videos/<int:pk>/edit/", library.presentation_edit, name="presentation_edit"),
    path("m/<slug:slug>/videos/<int:pk>/delete/", library.presentation_delete, name="presentation_delete"),
    path("m/<slug:slug>/sessions/<int:pk>/recording/", library.recording_attach, name="recording_attach"),
]
