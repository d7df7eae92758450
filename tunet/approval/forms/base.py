"""What the approval forms share."""

INPUT = {"class": "ds-input"}
