from django.urls import path

from convener.videos.views import library, manage, media, watch

app_name = "videos"

urlpatterns = [
    path("m/<slug:slug>/library/", library.library, name="library"),
    path("m/<slug:slug>/library/presentations/<int:pk>/", library.presentation_detail, name="presentation"),
    path("m/<slug:slug>/library/presentations/<int:pk>/video", media.presentation_video, name="presentation_video"),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/captions.vtt",
        media.presentation_captions,
        name="presentation_captions",
    ),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/slides.pdf", media.presentation_slides, name="presentation_slides"
    ),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/watched/", watch.presentation_watched, name="presentation_watched"
    ),
    path(
        "m/<slug:slug>/library/presentations/<int:pk>/progress/",
        watch.presentation_progress,
        name="presentation_progress",
    ),
    path("m/<slug:slug>/library/recordings/<int:pk>/", library.recording_detail, name="recording"),
    path("m/<slug:slug>/library/recordings/<int:pk>/video", media.recording_video, name="recording_video"),
    path("m/<slug:slug>/library/recordings/<int:pk>/captions.vtt", media.recording_captions, name="recording_captions"),
    path("m/<slug:slug>/videos/", manage.manage, name="manage"),
    path("m/<slug:slug>/videos/new/", manage.presentation_create, name="presentation_create"),
    path("m/<slug:slug>/videos/<int:pk>/edit/", manage.presentation_edit, name="presentation_edit"),
    path("m/<slug:slug>/videos/<int:pk>/delete/", manage.presentation_delete, name="presentation_delete"),
    path("m/<slug:slug>/sessions/<int:pk>/recording/", manage.recording_attach, name="recording_attach"),
]
