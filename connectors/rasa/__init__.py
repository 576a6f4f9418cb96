"""Rasa, beside the service: the custom actions and their server, slots, a LINE input channel, the NLU examples."""
