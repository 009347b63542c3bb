"""Websocket routes of every app, gathered in one list for asgi.py."""

from convener.discussion.routing import websocket_urlpatterns as discussion
from convener.networking.routing import websocket_urlpatterns as networking

websocket_urlpatterns = [*networking, *discussion]
