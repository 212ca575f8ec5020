"""The command line's help in Chinese, the default language; English (as written beside each option
in ``cli.py``) with ``--lang en`` or ``NIANBAO_LANG=en``. An option or command without an entry
here (one a pack adds) keeps its own text."""

from __future__ import annotations

import os
from collections.abc import Sequence

import click

COMMANDS = {
    "check": ("检查年度报告：文件、文件夹、已发布网页的 http(s) 地址，以及每行一个路径或地址的 @列表文件"
              "（.md .txt .html .docx .pdf）。"),
    "history": "查看 --history 历史库中保存的报告：history list 历史库、history show 历史库 编号。",
    "rules": "列出全部规则：编号、名称、级别、适用版本、标题。",
    "explain": "打印一条规则的说明：要求、依据、示例、修改，以及条例原文。",
    "extract": "以 JSON 打印读取到的文档（或以表格打印其中一张统计表）。",
    "test-rules": ("运行一个文件夹中的规则用例（<规则编号>/<用例>.md 与 <用例>.expected.json），"
                   "供规则包自证。"),
}

OPTIONS = {
    "fmt": ("输出格式：text、json、sarif、github（Actions 注释）、junit、csv、xlsx、html，"
               "或插件添加的格式。"),
    "output": "把输出写入 FILE，而不是标准输出。",
    "select": "只运行这些规则或规则族（逗号分隔，如 REC,SEC001）；未知的编号是用法错误。",
    "ignore": "不运行这些规则或规则族（逗号分隔）；未知的编号是用法错误。",
    "edition": "按哪一版格式检查：auto（默认）先看统计表，再看报告年度；或已知版本名（2019、2021）。",
    "lang": "消息与帮助的语言：zh（默认）或 en；也可写在命令之前，或用环境变量 NIANBAO_LANG。",
    "exit_zero": "即使有错误也以 0 退出。",
    "verbose": "列出发现的全部证据单元格（包括为 0 的），并详细说明每份报告检查了什么。",
    "quiet": "不输出每份报告下说明检查了什么的一行（文本输出）。",
    "fail_on": "退出码为 1 所需的最低级别：error（默认）、warning 或 note。",
    "allow_broken_packs": "规则包未能加载时继续（其规则不检查）；否则以 2 退出。",
    "config_file": "配置文件（nianbao.yaml 或 pyproject.toml）；默认从被检查的路径向上查找。",
    "no_suppress": "把已接受的发现作为有效发现报告（用于审计）。",
    "baseline_file": "只报告不在此基线文件中的发现。",
    "write_baseline_file": "把本次的发现记录为基线文件 FILE（成功时以 0 退出）。",
    "previous": "同一机关上一年度的报告，供逐年比较的规则使用；不给出时，同一批中相邻年度的报告自动配对。",
    "trust_config": "加载在报告旁边找到的配置所列的 Python 插件文件（plugin-files）。",
    "limit": "调整资源限制，如 --limit max-table-rows=20000 --limit timeout=120。",
    "as_json": "以 JSON 打印规则目录。",
    "exclude": "检查文件夹时不检查与 GLOB 匹配的文件（可重复；与配置中的 exclude 合并）。",
    "history_file": ("历史库（SQLite）：保存每份检查过的报告；本批中没有上一年度报告时，"
                     "与库中保存的报告比较。"),
    "jobs": "并行检查的进程数（默认为本机核数；1 为在本进程中逐份检查）。",
    "fetch_timeout": "获取一个网页最多用时（秒，默认 30）。",
    "table": "以表格打印一张统计表（active_disclosure、applications、reviews）。",
    "help": "显示帮助并退出。",
    "version": "显示版本并退出。",
}


def wants_english(argv: Sequence[str]) -> bool:
    """English help when the command line asks for English messages, or the environment does."""
    if os.environ.get("NIANBAO_LANG", "").lower().startswith("en"):
        return True
    args = list(argv)
    return any(a == "--lang=en" or (a == "--lang" and i + 1 < len(args) and args[i + 1] == "en")
               for i, a in enumerate(args))


def localise(group: click.Group, argv: Sequence[str]) -> None:
    """Put the Chinese help on ``group``'s commands and options unless English is wanted."""
    if wants_english(argv):
        return
    for param in group.params:
        if isinstance(param, click.Option) and param.name in OPTIONS:
            param.help = OPTIONS[param.name]
    for name, command in group.commands.items():
        if name in COMMANDS:
            command.help = COMMANDS[name]
            command.short_help = None
        for param in command.params:
            if isinstance(param, click.Option) and param.name in OPTIONS:
                param.help = OPTIONS[param.name]
    _localise_help_options(group, click.Context(group, info_name=group.name, **group.context_settings))


def _localise_help_options(command: click.Command, ctx: click.Context) -> None:
    """click makes each command's -h/--help option once, with its own English text; make it here, with
    the names the command line gives it (``ctx``), and put the Chinese text on it."""
    option = command.get_help_option(ctx)
    if option is not None:
        option.help = OPTIONS["help"]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            child = click.Context(sub, info_name=name, parent=ctx, **sub.context_settings)
            _localise_help_options(sub, child)
