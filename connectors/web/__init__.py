"""The residents' web chat: the page, its language, and its small JSON endpoints beside /api/chat."""
