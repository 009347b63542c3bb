from django.urls import path

from convener.networking.consumers import IcebreakerConsumer, NetworkingConsumer

websocket_urlpatterns = [
    path("ws/networking/<int:session_id>/", NetworkingConsumer.as_asgi()),
    path("ws/icebreaker/<int:session_id>/", IcebreakerConsumer.as_asgi()),
]
