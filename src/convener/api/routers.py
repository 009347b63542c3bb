"""The JSON API: one router per app, all mounted at /api/ (OpenAPI at /api/docs)."""

from ninja import NinjaAPI

from convener.api import errors, gameshow, meetings, people, sessions

api = NinjaAPI(
    title="convener API",
    version="1",
    description=(
        "Read a meeting as its participant; change it as its organiser. "
        "Sign in with the browser session (send X-CSRFToken on writes) or an API token "
        "(Authorization: Bearer <token>; make one with `convener manage create_api_token`)."
    ),
)
errors.install(api)

api.add_router("/meetings", meetings.router)
api.add_router("/meetings", sessions.router)
api.add_router("/meetings", gameshow.router)
api.add_router("/", people.router)
