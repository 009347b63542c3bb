"""The websocket URL table: every app's routes in one list for asgi.py (beside urls.py, so core imports no app)."""

from convener.discussion.routing import websocket_urlpatterns as discussion
from convener.gameshow.routing import websocket_urlpatterns as gameshow
from convener.networking.routing import websocket_urlpatterns as networking

websocket_urlpatterns = [*networking, *discussion, *gameshow]
