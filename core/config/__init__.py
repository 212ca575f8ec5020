"""Configuration: the effective settings of a run and the files they are read from."""
