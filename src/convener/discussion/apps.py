from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "convener.discussion"
    label = "discussion"
    verbose_name = "Discussion, live Q&A and polls"
