from django.urls import path

from convener.scheduling import views_plan

app_name = "scheduling"

urlpatterns = [
    path("m/<slug:slug>/plan/", views_plan.plan_index, name="plan"),
    path("m/<slug:slug>/plan/regions/<slug:region>/", views_plan.plan_region, name="plan_region"),
    path("m/<slug:slug>/plan/regions/<slug:region>/accept/", views_plan.accept_region_slot, name="accept_region"),
    path("m/<slug:slug>/plan/sessions/<int:pk>/", views_plan.plan_session, name="plan_session"),
    path("m/<slug:slug>/plan/sessions/<int:pk>/move/", views_plan.move_session, name="move_session"),
    path("m/<slug:slug>/plan/sessions/<int:pk>/runs/", views_plan.apply_repeats, name="apply_repeats"),
]
