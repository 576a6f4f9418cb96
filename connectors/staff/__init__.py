"""The counter staff's pages: login, the console, training, analytics (with its charts) and the handout."""
