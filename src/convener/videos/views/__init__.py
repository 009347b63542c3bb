"""Video pages, one module per concern: library (the library and the pages of a presentation and a recording),
media (their files, served with ranges), watch (members mark presentations watched; the player's progress),
manage (organisers: the video rules, presentations, recordings); common holds what they share.

Who may do what: anyone may open the library and a presentation's page, and sees what
``selectors.presentation_state`` allows (before the release time only the title and the date). Files are
served only to those who may watch. The meeting's members mark presentations watched; organisers add, change
and remove presentations, set the meeting's limits and attach recordings.
"""
