"""Custom Rasa policies of the assistant (loaded by the Rasa server via config.yml)."""
