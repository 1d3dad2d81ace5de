"""How the assistant's processes start. `make run`, the tests and the docs use these, never bare `rasa run`."""
