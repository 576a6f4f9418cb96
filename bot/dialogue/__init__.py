"""Multi-turn consultations: language and register, place, topics, emergencies and handoff to a person."""

from bot.dialogue.manager import DialogueManager, IncomingMessage
from bot.dialogue.policy import DialoguePolicy
from bot.dialogue.steps import STEPS, Step, with_step

__all__ = ["DialogueManager", "IncomingMessage", "DialoguePolicy", "STEPS", "Step", "with_step"]
