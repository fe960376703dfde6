"""Pure-Python partisan-content detection for screening (no Django imports here)."""

from .contestants import ContestantSpec, ElectionSpec
from .pipeline import Pipeline

__all__ = ["ContestantSpec", "ElectionSpec", "Pipeline"]
