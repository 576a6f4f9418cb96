"""The assistant's brain: language, answering, dialogue, handoff, plain Japanese. Knows no channel."""
