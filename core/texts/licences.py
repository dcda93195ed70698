"""Texts of the licences feature: they live with it, in ``core/licences/texts.py``."""
from core.licences.texts import TEXTS  # noqa: F401
