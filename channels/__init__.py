"""Custom Rasa input/output channels: Slack and Microsoft Teams, configured from the environment."""
