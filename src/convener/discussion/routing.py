from django.urls import path

from convener.discussion.consumers import QAConsumer

websocket_urlpatterns = [
    path("ws/qa/<int:session_id>/", QAConsumer.as_asgi()),
]
