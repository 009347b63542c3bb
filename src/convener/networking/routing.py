from django.urls import path

from convener.networking.consumers import NetworkingConsumer

websocket_urlpatterns = [
    path("ws/networking/<int:plan_id>/", NetworkingConsumer.as_asgi()),
]
