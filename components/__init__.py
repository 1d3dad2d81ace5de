"""Custom Rasa graph components, named in config.yml. Importing them has no side effects."""
