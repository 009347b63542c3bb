"""The demo's prompt bank and video settings for the icebreaker and the speed networking."""

from __future__ import annotations

from convener.networking.models import Prompt, VideoSettings
from convener.program.models import Meeting

PROMPTS = [
    "What is one thing your node is proud of this year?",
    "Which data gap in your country or region worries you most?",
    "Which tool or service would you like another node to show you?",
    "What joint project could two of the nodes in this room start?",
    "How do you reach the users of your data at home?",
    "What would help your node most in the next strategic period?",
]


def build_prompt_bank(meeting: Meeting) -> None:
    """Conversation starters for the icebreaker and the speed networking, one per round in order."""
    Prompt.objects.bulk_create(Prompt(meeting=meeting, text=text, order=i) for i, text in enumerate(PROMPTS))
    VideoSettings.objects.create(meeting=meeting, provider=VideoSettings.Provider.JITSI)
