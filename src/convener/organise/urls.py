from django.urls import path

from convener.organise.views import announcements, dashboard, meetings, network, people, program

app_name = "organise"

urlpatterns = [
    path("organise/new/", meetings.meeting_new, name="meeting_new"),
    path("m/<slug:slug>/organise/", dashboard.dashboard, name="dashboard"),
    path("m/<slug:slug>/organise/organisers/", meetings.organisers, name="organisers"),
    path("m/<slug:slug>/organise/organisers/<int:pk>/remove/", meetings.organiser_remove, name="organiser_remove"),
    path("m/<slug:slug>/organise/people/", people.people_list, name="people"),
    path("m/<slug:slug>/organise/people.csv", people.people_csv, name="people_csv"),
    path("m/<slug:slug>/organise/people/invite/", people.people_invite, name="people_invite"),
    path("m/<slug:slug>/organise/people/import/", people.people_import_upload, name="people_import"),
    path("m/<slug:slug>/organise/people/import/apply/", people.people_import_apply, name="people_import_apply"),
    path("m/<slug:slug>/organise/people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("m/<slug:slug>/organise/people/<int:pk>/row/", people.person_row, name="person_row"),
    path("m/<slug:slug>/organise/announcements/", announcements.announcement_list, name="announcements"),
    path("m/<slug:slug>/organise/announcements/new/", announcements.announcement_new, name="announcement_new"),
    path(
        "m/<slug:slug>/organise/announcements/<int:pk>/",
        announcements.announcement_preview,
        name="announcement_preview",
    ),
    path(
        "m/<slug:slug>/organise/announcements/<int:pk>/edit/", announcements.announcement_edit, name="announcement_edit"
    ),
    path(
        "m/<slug:slug>/organise/announcements/<int:pk>/send/", announcements.announcement_send, name="announcement_send"
    ),
    path("m/<slug:slug>/organise/program/", program.program, name="program"),
    path("m/<slug:slug>/organise/program/new/", program.session_new, name="session_new"),
    path("m/<slug:slug>/organise/program/publish/", program.publish, name="publish"),
    path("m/<slug:slug>/organise/program/move/", program.session_move, name="session_move"),
    path("m/<slug:slug>/organise/program/<int:pk>/", program.session_edit, name="session_edit"),
    path("m/<slug:slug>/organise/program/<int:pk>/delete/", program.session_delete, name="session_delete"),
    path("m/<slug:slug>/organise/network/", network.network, name="network"),
    path("m/<slug:slug>/organise/network/nodes/<int:pk>/", network.node_edit, name="node_edit"),
]
