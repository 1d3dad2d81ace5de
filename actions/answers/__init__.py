"""The answer functions: one per kind of answer, each `(dispatcher, tracker, turn) -> events`.

`actions/decide.py` chooses which one answers a message; none of them chooses another."""
