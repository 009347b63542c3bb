"""The organisers' back office: build and run a meeting without the shell or the Django admin.

It sits in a layer of its own above the feature apps (see docs/architecture.md): the dashboard
reads every app, and each change still goes through the owning app's services.
"""
