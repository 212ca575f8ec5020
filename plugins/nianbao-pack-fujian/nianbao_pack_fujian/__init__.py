"""福建省补充要求规则包：在国家年度报告格式之外，福建省对政府信息公开工作年度报告的要求（FJ）。

Registered through the entry-point group ``nianbao`` as ``fujian``; its rules use the prefix FJ.
"""

from __future__ import annotations

from importlib import import_module

import click
from nianbao import Config
from nianbao import Rule
from nianbao import hookimpl

from nianbao_pack_fujian.fj003_published_after_provincial_deadline import MONTH_DAY

MODULES: tuple[str, ...] = (
    "fj001_key_points_not_reported",
    "fj002_deputy_proposals_not_reported",
    "fj003_published_after_provincial_deadline",
)


def pack_rules() -> list[Rule]:
    return [import_module(f"nianbao_pack_fujian.{name}").RULE for name in MODULES]


@hookimpl
def nianbao_register_rules(config: Config) -> list[Rule]:
    return pack_rules()


def _month_day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not MONTH_DAY.match(value):
        raise click.BadParameter(f"{value!r} is not MM-DD, e.g. 01-31")
    return value


@hookimpl
def nianbao_add_options() -> list[click.Option]:
    return [
        click.Option(["--fj-deadline"], default=None, metavar="MM-DD", callback=_month_day,
                     help="FJ003: the provincial publication deadline in the year after the report year; "
                          "FJ003 checks nothing without it."),
    ]
