from django.urls import path

from convener.gameshow.consumers import GameShowConsumer

websocket_urlpatterns = [
    path("ws/gameshow/<int:session_id>/", GameShowConsumer.as_asgi()),
]
