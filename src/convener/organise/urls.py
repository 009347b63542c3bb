from django.urls import path

from convener.organise.views import dashboard, meetings, people

app_name = "organise"

urlpatterns = [
    path("organise/new/", meetings.meeting_new, name="meeting_new"),
    path("m/<slug:slug>/organise/", dashboard.dashboard, name="dashboard"),
    path("m/<slug:slug>/organise/organisers/", meetings.organisers, name="organisers"),
    path("m/<slug:slug>/organise/organisers/<int:pk>/remove/", meetings.organiser_remove, name="organiser_remove"),
    path("m/<slug:slug>/organise/people/", people.people_list, name="people"),
    path("m/<slug:slug>/organise/people/import/", people.people_import_upload, name="people_import"),
    path("m/<slug:slug>/organise/people/import/apply/", people.people_import_apply, name="people_import_apply"),
    path("m/<slug:slug>/organise/people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("m/<slug:slug>/organise/people/<int:pk>/row/", people.person_row, name="person_row"),
]
