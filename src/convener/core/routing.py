"""Websocket routes of every app, gathered in one list for asgi.py."""

from convener.networking.routing import websocket_urlpatterns as networking

websocket_urlpatterns = [*networking]
