"""The articles of 《中华人民共和国政府信息公开条例》 that rules rest on, kept as data in
``schemas/regulation.yaml`` and looked up by the keys in :attr:`nianbao.model.rule.Rule.articles`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from nianbao.schemas import HERE


@dataclass(frozen=True, slots=True)
class Article:
    key: str
    number: str
    title: str
    text: tuple[str, ...]
    items: dict[int, str]


@cache
def _data() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where PyYAML has it
    return yaml.load((HERE / "regulation.yaml").read_text(encoding="utf-8"), Loader=loader)


def act_name() -> str:
    return str(_data()["act"])


def article(key: str) -> Article:
    """The article named ``art50``; raises KeyError for an article not kept."""
    entry = _data()["articles"][key]
    return Article(key, entry["number"], entry["title"], tuple(entry["text"]),
                   {int(k): v for k, v in (entry.get("items") or {}).items()})


def known(key: str) -> bool:
    """True for ``art50`` and for ``art50.2`` when article 50 has an item (二)."""
    base, _, item = key.partition(".")
    if base not in _data()["articles"]:
        return False
    return not item or int(item) in article(base).items


def cited_text(key: str) -> str:
    """The text of ``art50`` (whole article) or ``art50.2`` (its lead-in and item (二))."""
    base, _, item = key.partition(".")
    found = article(base)
    if item:
        return "\n".join((found.text[0], found.items[int(item)]))
    return "\n".join((*found.text[:1], *found.items.values(), *found.text[1:]))


def articles_text(keys: Sequence[str]) -> str:
    """Every cited article, each headed by the act's name; unknown keys are skipped."""
    blocks = [f"《{act_name()}》\n{cited_text(key)}" for key in keys if known(key)]
    return "\n\n".join(blocks)
