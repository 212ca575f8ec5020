"""The :class:`Rule`: one requirement, declared once, checked by one function.

Everything the user sees about a rule (``nianbao rules``, ``nianbao explain``, SARIF ``rules[]``,
pytest item names) is generated from this object and the module docstring it carries.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import TYPE_CHECKING
from typing import Any

from nianbao.model.findings import SEVERITIES
from nianbao.model.findings import Severity
from nianbao.model.findings import Violation

if TYPE_CHECKING:
    from nianbao.format.editions import Edition
    from nianbao.model.document import Document

RULE_ID = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DOC_HEADINGS = ("要求", "依据", "示例", "修改")
# The same four sections in English, after the Chinese ones; ``explain --lang en`` prints these.
DOC_HEADINGS_EN = ("Requirement", "Source", "Example", "Fix")
LANGS = ("zh", "en")
ARTICLE = re.compile(r"^art[0-9]+(?:\.[0-9]+)?$")


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a pack's rules apply: reports of bodies whose name (or, without one, the report's title,
    or the opening of its text) matches one of ``agencies`` (regular expressions), of these
    ``editions``, of report years within
    ``years``. Empty means any. A report outside the scope is not checked by the rule at all: it is
    neither a finding nor a passed check. ``description`` says it for ``nianbao rules``."""

    agencies: tuple[str, ...] = ()
    editions: tuple[str, ...] = ()
    years: tuple[int | None, int | None] = (None, None)
    description: Mapping[str, str] = field(default_factory=dict)

    def admits(self, document: Document) -> bool:
        meta = document.meta
        edition, year = meta.edition, meta.report_year
        if self.agencies:
            opening = itertools.islice(document.paragraphs(), 4)
            name = meta.agency or meta.title or " ".join(p.text for p in opening)
            if not any(pattern.search(name) for pattern in _compiled(tuple(self.agencies))):
                return False
        if self.editions and edition not in self.editions:
            return False
        first, last = self.years
        if (first is not None or last is not None) and year is None:
            return False
        too_early = year is not None and first is not None and year < first
        too_late = year is not None and last is not None and year > last
        return not (too_early or too_late)

    def text(self, lang: str = "zh") -> str:
        if self.description:
            return self.description.get(lang, self.description.get("zh", ""))
        parts = []
        if self.agencies:
            named = " | ".join(self.agencies)
            parts.append(("bodies matching " if lang == "en" else "机关名称符合 ") + named)
        if self.editions:
            parts.append(("editions " if lang == "en" else "版本 ") + "/".join(self.editions))
        first, last = self.years
        if first is not None or last is not None:
            parts.append(("years " if lang == "en" else "年度 ") + f"{first or ''}–{last or ''}")
        return "; ".join(parts)


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """A scope's patterns, compiled once: every report asks each pack's scope, and ``re.search``
    would look each pattern up in re's own cache again."""
    return tuple(map(re.compile, patterns))


@dataclass(slots=True)
class Context:
    """What a check may read besides the document: the edition template the report is checked
    against, every known edition, last year's report (``--previous``) and rule options."""

    edition: Edition | None
    editions: Mapping[str, Edition]
    previous: Document | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


Check = Callable[["Document", Context], Iterator[Violation]]


class _Template(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(eq=False)
class Rule:
    """A rule's metadata. ``message`` and each entry of ``variants`` map a language to a template
    formatted with the violation's ``args``; ``doc`` is the user documentation in Markdown with the
    headings 要求 / 依据 / 示例 / 修改. A ``gate`` rule runs first: an error from any gate stops every
    other rule, and any finding of a gate stops the rules and families it names in ``stops`` (a report
    in an older format is noted, not failed, and is not checked against the current format).
    ``articles`` names the articles of the regulation the rule rests on, as keys of
    ``schemas/regulation.yaml`` (``art50`` for a whole article, ``art50.2`` for its item (二));
    ``nianbao explain`` prints their text. ``lowered`` declares every case in which a finding is
    reported below the rule's severity: a variant name mapped to the severity it takes and why
    (``{"severity": "warning", "zh": …, "en": …}``); a violation of that variant gets that severity
    and no other, so the catalogue, ``explain`` and every output agree. A finding of a ``rejects``
    rule means the file was not checked as a report (it could not be read, or is not one): outputs
    list such a report as unreadable."""

    id: str
    name: str
    title: str
    title_en: str
    severity: Severity
    source: str
    message: Mapping[str, str]
    doc: str
    editions: tuple[str, ...] = ("*",)
    years: tuple[int | None, int | None] = (None, None)
    variants: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    gate: bool = False
    stops: tuple[str, ...] = ()
    rejects: bool = False
    needs_previous: bool = False
    origin: str = "nianbao"
    articles: tuple[str, ...] = ()
    lowered: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    scope: Scope | None = None
    _check: Check | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not RULE_ID.match(self.id):
            raise ValueError(f"rule id {self.id!r} must be 2-4 capital letters and three digits")
        if not RULE_NAME.match(self.name):
            raise ValueError(f"rule {self.id}: name {self.name!r} must be kebab-case")
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.id}: severity {self.severity!r} is not one of {SEVERITIES}")
        for template in (self.message, *self.variants.values()):
            missing = [lang for lang in LANGS if lang not in template]
            if missing:
                raise ValueError(f"rule {self.id}: message lacks {', '.join(missing)}")
        for variant, lowering in self.lowered.items():
            level = lowering.get("severity")
            if level not in SEVERITIES or SEVERITIES.index(level) <= SEVERITIES.index(self.severity):
                raise ValueError(
                    f"rule {self.id}: lowered[{variant!r}] must name a severity below {self.severity}")
            if any(lang not in lowering for lang in LANGS):
                raise ValueError(f"rule {self.id}: lowered[{variant!r}] must say why in zh and en")
        bad = [a for a in self.articles if not ARTICLE.match(a)]
        if bad:
            raise ValueError(f"rule {self.id}: articles {bad} must be keys such as 'art50' or 'art50.2'")

    @property
    def family(self) -> str:
        """The ID's letters: ``SEC`` for ``SEC001``."""
        return self.id.rstrip("0123456789")

    def is_stopped_by(self, stopped: set[str] | frozenset[str]) -> bool:
        """True when ``stopped`` names this rule's ID or its family (``SEC`` for ``SEC001``)."""
        return bool(stopped) and (self.id in stopped or self.family in stopped)

    def check(self, func: Check) -> Check:
        """Decorator: register ``func`` as this rule's check."""
        self._check = func
        return func

    def run(self, document: Document, context: Context) -> Iterator[Violation]:
        if self._check is None:
            raise RuntimeError(f"rule {self.id} has no check function")
        return self._check(document, context)

    def applies_to(self, edition: str | None, year: int | None) -> bool:
        if edition is not None and "*" not in self.editions and edition not in self.editions:
            return False
        first, last = self.years
        if year is not None and first is not None and year < first:
            return False
        if year is not None and last is not None and year > last:
            return False
        return True

    def severity_of(self, variant: str) -> Severity:
        """The severity of a finding of ``variant``: the rule's, or the lower one declared for it."""
        lowering = self.lowered.get(variant)
        return lowering["severity"] if lowering else self.severity  # type: ignore[return-value]

    def lowered_reason(self, variant: str, lang: str = "zh") -> str | None:
        lowering = self.lowered.get(variant)
        return lowering.get(lang, lowering["zh"]) if lowering else None

    def render(self, args: Mapping[str, Any], lang: str = "zh", variant: str = "default") -> str:
        templates = self.message if variant == "default" else self.variants[variant]
        return templates.get(lang, templates["zh"]).format_map(_Template(args))

    def doc_section(self, heading: str) -> str:
        """The text under ``## heading`` in the rule's doc, without the heading."""
        match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", self.doc, re.M | re.S)
        return match.group(1).strip() if match else ""

    def doc_text(self, lang: str = "zh") -> str | None:
        """The doc in one language: the summary and Chinese sections, or the English sections.

        None for ``en`` when the doc has no English sections (a pack rule may have none).
        """
        doc = self.doc.strip()
        english = re.search(rf"^## {DOC_HEADINGS_EN[0]}\s*$", doc, re.M)
        if lang == "en":
            return doc[english.start():].strip() if english else None
        return doc[:english.start()].strip() if english else doc

    @property
    def summary(self) -> str:
        """The first paragraph of the doc: one line on what the rule finds."""
        return self.doc.strip().split("\n\n", 1)[0].replace("\n", " ")

    @property
    def edition_text(self) -> str:
        return "全部" if "*" in self.editions else " / ".join(self.editions)

    @property
    def year_text(self) -> str:
        first, last = self.years
        if first is None and last is None:
            return "全部"
        return f"{first or ''}–{last or ''}"
