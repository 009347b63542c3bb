"""ICS and Atom feed URLs (see program/feeds.py)."""

from django.urls import path

from convener.program import feeds

urlpatterns = [
    path("m/<slug:slug>/program.ics", feeds.meeting_ics, name="meeting_ics"),
    path("m/<slug:slug>/sessions/<int:pk>/session.ics", feeds.session_ics, name="session_ics"),
    path("m/<slug:slug>/agenda/<str:token>.ics", feeds.agenda_ics, name="agenda_ics"),
    path("m/<slug:slug>/changes.atom", feeds.changes_atom, name="changes_atom"),
]
