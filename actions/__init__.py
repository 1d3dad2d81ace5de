"""Action server package of the IMVO step-3 assistant.

Plain-Python modules (language, advice, records) hold the logic; the rasa_sdk
action classes in this package only read slots and call them.
"""
