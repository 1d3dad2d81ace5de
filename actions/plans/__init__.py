"""Action plans: drafting from the advice, validating edits, exporting (plain Python, no Rasa)."""
