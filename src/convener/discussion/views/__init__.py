"""Discussion pages, one module per feature: threads (forum topics and replies), qa (live Q&A, its moderation
and big screen), polls (live polls); common holds what they share.
"""
