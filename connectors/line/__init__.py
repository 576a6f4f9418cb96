"""LINE: the webhook, the SDK side, the cards and rich menu, the outbox's Messaging API calls, the CLI."""
