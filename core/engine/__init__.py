"""The engine: one session per run that loads each report, decides its edition, runs the rules and
builds findings; fingerprints, baselines and year-over-year pairing."""
