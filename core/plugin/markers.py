"""The pluggy markers of the ``nianbao`` project: ``@hookimpl`` for plugins, ``@hookspec`` for the specs.

They live apart from the hook specifications so that a module providing hooks (loaders, reporters,
rules) imports only this, never the specifications and the types they name.
"""

from __future__ import annotations

import pluggy

PROJECT = "nianbao"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
