"""Draagvlak's logic: store, KPIs, demo data, charts, translations and the CLI. No Streamlit here."""
