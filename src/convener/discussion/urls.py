from django.urls import path

from convener.discussion import views

app_name = "discussion"

urlpatterns = [
    path("m/<slug:slug>/discussion/", views.index, name="index"),
    path("m/<slug:slug>/discussion/themes/<int:pk>/", views.theme_topics, name="theme_topics"),
    path("m/<slug:slug>/discussion/sessions/<int:pk>/", views.session_topics, name="session_topics"),
    path("m/<slug:slug>/discussion/presentations/<int:pk>/", views.presentation_topics, name="presentation_topics"),
    path("m/<slug:slug>/discussion/topics/<int:pk>/", views.topic_detail, name="topic"),
    path("m/<slug:slug>/discussion/topics/<int:pk>/edit/", views.topic_edit, name="topic_edit"),
    path("m/<slug:slug>/discussion/topics/<int:pk>/moderate/", views.topic_moderate, name="topic_moderate"),
    path("m/<slug:slug>/discussion/topics/<int:pk>/promote/", views.topic_promote, name="topic_promote"),
    path("m/<slug:slug>/discussion/replies/<int:pk>/edit/", views.reply_edit, name="reply_edit"),
    path("m/<slug:slug>/discussion/replies/<int:pk>/moderate/", views.reply_moderate, name="reply_moderate"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/", views.qa, name="qa"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/ask/", views.ask, name="ask"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/moderate/", views.moderate, name="moderate"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/screen/", views.screen, name="screen"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/status/", views.qa_status, name="qa_status"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/polls/", views.poll_create, name="poll_create"),
    path("m/<slug:slug>/questions/<int:pk>/vote/", views.vote, name="vote"),
    path("m/<slug:slug>/questions/<int:pk>/moderate/", views.question_moderate, name="question_moderate"),
    path("m/<slug:slug>/live-polls/<int:pk>/answer/", views.poll_answer, name="poll_answer"),
    path("m/<slug:slug>/live-polls/<int:pk>/status/", views.poll_status, name="poll_status"),
    path("m/<slug:slug>/live-polls/<int:pk>/delete/", views.poll_delete, name="poll_delete"),
]
