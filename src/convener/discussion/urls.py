from django.urls import path

from convener.discussion.views import polls, qa, threads

app_name = "discussion"

urlpatterns = [
    path("m/<slug:slug>/discussion/", threads.index, name="index"),
    path("m/<slug:slug>/discussion/themes/<int:pk>/", threads.theme_topics, name="theme_topics"),
    path("m/<slug:slug>/discussion/sessions/<int:pk>/", threads.session_topics, name="session_topics"),
    path("m/<slug:slug>/discussion/presentations/<int:pk>/", threads.presentation_topics, name="presentation_topics"),
    path("m/<slug:slug>/discussion/topics/<int:pk>/", threads.topic_detail, name="topic"),
    path("m/<slug:slug>/discussion/topics/<int:pk>/edit/", threads.topic_edit, name="topic_edit"),
    path("m/<slug:slug>/discussion/topics/<int:pk>/moderate/", threads.topic_moderate, name="topic_moderate"),
    path("m/<slug:slug>/discussion/topics/<int:pk>/promote/", threads.topic_promote, name="topic_promote"),
    path("m/<slug:slug>/discussion/replies/<int:pk>/edit/", threads.reply_edit, name="reply_edit"),
    path("m/<slug:slug>/discussion/replies/<int:pk>/moderate/", threads.reply_moderate, name="reply_moderate"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/", qa.qa, name="qa"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/ask/", qa.ask, name="ask"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/moderate/", qa.moderate, name="moderate"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/screen/", qa.screen, name="screen"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/status/", qa.qa_status, name="qa_status"),
    path("m/<slug:slug>/sessions/<int:pk>/qa/polls/", polls.poll_create, name="poll_create"),
    path("m/<slug:slug>/questions/<int:pk>/vote/", qa.vote, name="vote"),
    path("m/<slug:slug>/questions/<int:pk>/moderate/", qa.question_moderate, name="question_moderate"),
    path("m/<slug:slug>/live-polls/<int:pk>/answer/", polls.poll_answer, name="poll_answer"),
    path("m/<slug:slug>/live-polls/<int:pk>/status/", polls.poll_status, name="poll_status"),
    path("m/<slug:slug>/live-polls/<int:pk>/delete/", polls.poll_delete, name="poll_delete"),
]
