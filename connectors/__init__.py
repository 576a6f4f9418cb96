"""Every way into Tsunagu: the HTTP app (web, API, LINE, staff pages), the CLI and the Rasa action server."""
