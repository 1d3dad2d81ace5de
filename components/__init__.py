"""Custom Rasa graph components (loaded by the Rasa server through config.yml).

Importing this package also installs the polite action-server outage handling
(action_server_outage.py), so every Rasa process that loads the model has it.
"""

from components import action_server_outage

action_server_outage.install()
