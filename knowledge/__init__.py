"""Knowledge layer: guidebook content, office data and the retrieval index.

Nothing here knows about channels, dialogue or settings; callers pass paths and objects in.
"""
