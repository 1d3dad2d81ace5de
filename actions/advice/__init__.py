"""Composing advice: decided as data (advice.py, ncp_routing.py), then worded (render.py)."""
