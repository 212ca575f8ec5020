"""Compare a body's reports for two consecutive years, as ``nianbao diff`` does: the text section by
section, every table cell, the figures that follow from last year's report, and the key figures."""

# A cell whose relative change reaches this share is flagged as a large change (``--threshold``).
THRESHOLD = 0.5
