"""福建省补充要求规则包：在国家年度报告格式之外，福建省对政府信息公开工作年度报告的要求（FJ）。

Registered through the entry-point group ``nianbao`` as ``fujian``; its rules use the prefix FJ.
"""

from __future__ import annotations

from importlib import import_module

import click
from nianbao import Config
from nianbao import Rule
from nianbao import Scope
from nianbao import hookimpl

from nianbao_pack_fujian.fj003_published_after_provincial_deadline import MONTH_DAY

MODULES: tuple[str, ...] = (
    "fj001_key_points_not_reported",
    "fj002_deputy_proposals_not_reported",
    "fj003_published_after_provincial_deadline",
)


# Reports of bodies in Fujian: the province, its cities and Pingtan, by name. A body whose name
# does not say where it is (a county department written without its city) is not checked.
FUJIAN = Scope(
    agencies=("福建", "福州", "厦门", "莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德", "平潭"),
    years=(2019, None),
    description={
        "zh": "福建省的机关（名称或标题含 福建、福州、厦门、莆田、三明、泉州、漳州、南平、龙岩、宁德、"
              "平潭），2019 年度起",
        "en": "bodies in Fujian (name or title containing 福建, 福州, 厦门, 莆田, 三明, 泉州, 漳州, 南平, "
              "龙岩, 宁德 or 平潭), report years from 2019",
    },
)


def pack_rules() -> list[Rule]:
    rules = [import_module(f"nianbao_pack_fujian.{name}").RULE for name in MODULES]
    for rule in rules:
        rule.scope = FUJIAN
    return rules


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
