"""Custom Rasa graph components (loaded by the Rasa server through config.yml)."""
