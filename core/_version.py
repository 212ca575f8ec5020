"""nianbao's version: the one place it is written (pyproject.toml reads it from here when the package is
built), so that printing it or stamping an output never reads the installed distribution's metadata."""

__version__ = "0.1.0"
