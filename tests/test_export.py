"""ACLED export codes, checked against ACLED's own codebook where ../shared has it."""
from __future__ import annotations

import csv

from sitroom.export.acled import ACLED_COLUMNS, INTER_CODES, interaction


def test_interaction_codes_follow_acled():
    assert interaction(1, None) == 10          # sole military action
    assert interaction(1, 2) == interaction(2, 1) == 12
    assert interaction(6, 1) == 16
    assert interaction(None, 3) is None
    assert INTER_CODES["civilians"] == 7 and INTER_CODES["protesters"] == 6


def test_columns_are_named_as_in_acleds_codebook(shared):
    with (shared / "data" / "acled_codebook" / "acled_codebook.csv").open() as handle:
        documented = {row["Variable"] for row in csv.DictReader(handle)}
    assert set(ACLED_COLUMNS) <= documented
    with (shared / "data" / "acled_codebook" / "acled_interaction_codes.csv").open() as handle:
        codes = {int(float(row["Numeric Code"])) for row in csv.DictReader(handle)}
    assert set(INTER_CODES.values()) <= codes
