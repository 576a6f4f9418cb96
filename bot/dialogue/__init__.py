"""Multi-turn consultations: language and register, place, topics, emergencies and handoff to a person."""
from bot.dialogue.manager import DialogueManager, IncomingMessage

__all__ = ["DialogueManager", "IncomingMessage"]
