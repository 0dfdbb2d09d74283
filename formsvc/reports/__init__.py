"""Reports over the form catalogue: how much each form still asks citizens to type."""

from formsvc.reports.burden import (
    FormBurden,
    catalogue,
    citizen_burden,
    complete_record_burden,
    median_saved_share,
)

__all__ = [
    "FormBurden",
    "catalogue",
    "citizen_burden",
    "complete_record_burden",
    "median_saved_share",
]
