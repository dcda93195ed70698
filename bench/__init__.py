"""The benchmark of the whole app: ``python -m core bench …`` dispatches to ``bench.measure``.

Outside ``core`` (it starts servers, browsers and child processes, and imports Streamlit);
``core.cli`` imports it only for the ``bench`` command. Each measurement runs in a fresh
process: ``python -m bench <task> <args…>`` (``bench.__main__``).
"""
