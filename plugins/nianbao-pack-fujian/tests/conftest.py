"""Run this pack's rule cases with pytest: ``pytest plugins/nianbao-pack-fujian/tests``."""

from __future__ import annotations

from nianbao.testing import collect_cases

pytest_collect_file = collect_cases
