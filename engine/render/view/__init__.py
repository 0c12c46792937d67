"""The report's view model: an Assessment worded for readers, for every report renderer."""

from engine.render.view.build import build_view
from engine.render.view.model import ReportView

__all__ = ["ReportView", "build_view"]
