"""Announcements to a meeting's people, and reminders before the sessions they starred.

Every email is a Delivery row written before it is sent; the background worker
(Django's Tasks framework, the django-tasks database backend) sends what is pending,
so a worker that dies loses nothing and the next one does not send it again.
"""
