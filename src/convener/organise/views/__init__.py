"""The organiser area's pages: thin, each calling a selector or a service."""
