"""Survey pages, one module per concern: builder (organisers build surveys), answering (participants
find and answer them), results (organisers read, export and remind); access holds the decorator all go through.
"""
