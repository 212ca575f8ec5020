"""The rule catalogue: every built-in rule is documented, well named, and proved by its cases.

Each rule must have a doc with the headings 要求 / 依据 / 示例 / 修改, a source, zh and en messages,
a unique well-formed ID and kebab-case name, at least one failing and one passing case under
``tests/cases/<ID>/``, and a 示例 whose last output line is a finding one of its cases gives.
"""

from __future__ import annotations

import json
import re
from importlib import import_module
from pathlib import Path

import pytest
from nianbao.explain import explain_text
from nianbao.format.regulation import known
from nianbao.model.rule import DOC_HEADINGS
from nianbao.model.rule import DOC_HEADINGS_EN
from nianbao.model.rule import LANGS
from nianbao.model.rule import RULE_ID
from nianbao.model.rule import RULE_NAME
from nianbao.model.rule import Rule
from nianbao.rules import MODULES
from nianbao.rules import builtin_rules
from nianbao.testing import CASE_SUFFIXES
from nianbao.testing import is_previous_report

CASES = Path(__file__).resolve().parent / "cases"
LEVELS = {"error": "错误", "warning": "警告", "note": "提示"}
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)

# The families of nianbao's own rules; packs may not use them (the engine takes them from the
# rules nianbao registers).
FAMILIES = ("DOC", "SEC", "ART", "REC", "FMT", "TXT", "HIS", "PUB")


def doc_problems(rule: Rule) -> list[str]:
    """What is missing from a rule's metadata and doc."""
    problems = []
    positions = [rule.doc.find(f"\n## {h}\n") for h in DOC_HEADINGS]
    for heading, position in zip(DOC_HEADINGS, positions, strict=True):
        if position < 0:
            problems.append(f"doc lacks the heading ## {heading}")
        elif not rule.doc_section(heading):
            problems.append(f"doc section ## {heading} is empty")
    found = [p for p in positions if p >= 0]
    if found != sorted(found):
        problems.append(f"doc headings are not in the order {' / '.join(DOC_HEADINGS)}")
    if not rule.summary.strip() or rule.summary.lstrip().startswith("##"):
        problems.append("doc does not start with a one-paragraph summary")
    if not rule.source.strip():
        problems.append("no source")
    if not rule.title.strip() or not rule.title_en.strip():
        problems.append("no title in zh and en")
    templates = {"message": rule.message, **{f"variant {k}": v for k, v in rule.variants.items()}}
    for name, template in templates.items():
        for lang in LANGS:
            if not str(template.get(lang, "")).strip():
                problems.append(f"{name} has no {lang} text")
    if not RULE_ID.match(rule.id) or rule.family not in FAMILIES:
        families = ", ".join(FAMILIES)
        problems.append(f"ID {rule.id} is not a built-in family ({families}) and three digits")
    if not RULE_NAME.match(rule.name):
        problems.append(f"name {rule.name} is not kebab-case")
    unknown = [key for key in rule.articles if not known(key)]
    if unknown:
        problems.append(f"articles {unknown} are not in schemas/regulation.yaml")
    return problems


def example_line(rule: Rule) -> str | None:
    """The last output line of the rule's 示例: the last line of its last code block."""
    blocks = _FENCE.findall(rule.doc_section("示例"))
    if not blocks:
        return None
    lines = [line.strip() for line in blocks[-1].splitlines() if line.strip()]
    return lines[-1] if lines else None


def case_files(rule_id: str, root: Path = CASES) -> list[Path]:
    folder = root / rule_id
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in CASE_SUFFIXES and not is_previous_report(p))


def expected_findings(case: Path) -> list[dict]:
    sidecar = case.with_name(case.stem + ".expected.json")
    if not sidecar.exists():
        return []
    return json.loads(sidecar.read_text(encoding="utf-8"))


def case_problems(rule: Rule, root: Path = CASES) -> list[str]:
    """What is missing from a rule's cases: a failing one, a passing one, the 示例 line."""
    problems = []
    cases = case_files(rule.id, root)
    failing = [c for c in cases if not c.stem.startswith("pass") and expected_findings(c)]
    passing = [c for c in cases if c.stem.startswith("pass") and not expected_findings(c)]
    if not failing:
        problems.append(
            f"no failing case (tests/cases/{rule.id}/<case> with findings in <case>.expected.json)")
    if not passing:
        problems.append(f"no passing case (tests/cases/{rule.id}/pass-*)")
    for case in cases:
        if case.stem.startswith("pass") and expected_findings(case):
            problems.append(f"{case.name} is a passing case but its sidecar lists findings")
    line = example_line(rule)
    if line is None:
        problems.append("## 示例 has no output line in a code block")
        return problems
    given = {
        f"{item['rule']} [{LEVELS[item['severity']]}] {item['message']}"
        for case in failing for item in expected_findings(case)
    }
    if line not in given:
        problems.append(f"the 示例 line is given by no case: {line}")
    return problems


RULES = builtin_rules()


def test_every_module_is_registered_once() -> None:
    assert len(MODULES) == len(set(MODULES))
    assert len(RULES) == len(MODULES)


def test_ids_and_names_are_unique() -> None:
    ids = [r.id for r in RULES]
    names = [r.name for r in RULES]
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


@pytest.mark.parametrize("module", MODULES)
def test_module_is_named_for_its_rule(module: str) -> None:
    rule = import_module(f"nianbao.rules.{module}").RULE
    assert module == f"{rule.id.lower()}_{rule.name.replace('-', '_')}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule: Rule) -> None:
    assert doc_problems(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_cases_and_a_true_example(rule: Rule) -> None:
    assert case_problems(rule) == []


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# What may stay Chinese in English text: quoted labels and phrases, official terms glossed in
# parentheses or kept with their English gloss (表三, 上年结转), and document numbers.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|（[^）]*）|〔[^〕]*〕|`[^`]*`|国办\S*?号")


def english_problems(rule: Rule) -> list[str]:
    """What is missing from a rule's English doc: the four sections, in order, each mostly English."""
    english = rule.doc_text("en")
    if english is None:
        return [f"doc has no English sections ## {' / '.join(DOC_HEADINGS_EN)}"]
    problems = []
    positions = [english.find(f"## {h}\n") for h in DOC_HEADINGS_EN]
    for heading, position in zip(DOC_HEADINGS_EN, positions, strict=True):
        section = rule.doc_section(heading)
        if position < 0:
            problems.append(f"doc lacks the heading ## {heading}")
        elif not section:
            problems.append(f"doc section ## {heading} is empty")
        else:
            unquoted = _QUOTED.sub("", section)
            chinese = len(_CJK.findall(unquoted))
            if chinese > len(re.findall(r"[A-Za-z]", unquoted)) / 4:
                problems.append(f"doc section ## {heading} is mostly Chinese")
    found = [p for p in positions if p >= 0]
    if found != sorted(found):
        problems.append(f"English headings are not in the order {' / '.join(DOC_HEADINGS_EN)}")
    return problems


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented_in_english(rule: Rule) -> None:
    assert english_problems(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_explain_in_english_prints_the_english_doc_only(rule: Rule) -> None:
    english = explain_text(rule, "en")
    for heading in DOC_HEADINGS_EN:
        assert f"## {heading}\n\n{rule.doc_section(heading)}\n" in english
    for heading in DOC_HEADINGS:
        assert f"## {heading}\n" not in english
    assert rule.summary not in english
    chinese = explain_text(rule, "zh")
    assert rule.doc_section("修改") in chinese
    assert not any(f"## {heading}\n" in chinese for heading in DOC_HEADINGS_EN)


def test_explain_in_english_falls_back_to_chinese_with_a_note() -> None:
    rule = _rule(doc=BROKEN_DOC)
    english = explain_text(rule, "en")
    assert "has no English version; it follows in Chinese" in english
    assert "## 要求\n\n说明。" in english
    assert english_problems(rule) == ["doc has no English sections ## Requirement / Source / Example / Fix"]


# --- the checks above fail when a rule lacks what they require ------------------------------------

BROKEN_DOC = """发现某种问题。

## 要求

说明。

## 示例

```
ZZZ001 [错误] 示例消息
```
"""


def _rule(**changes: object) -> Rule:
    fields = {
        "id": "SEC999", "name": "made-up-defect", "title": "标题", "title_en": "title", "severity": "error",
        "source": "年度报告格式", "message": {"zh": "消息", "en": "message"}, "doc": BROKEN_DOC,
    }
    fields.update(changes)
    return Rule(**fields)  # type: ignore[arg-type]


def test_doc_problems_names_what_is_missing() -> None:
    rule = _rule(source=" ", message={"zh": "消息", "en": ""}, id="ABC123", articles=("art50.9", "art50.4"))
    assert doc_problems(rule) == [
        "doc lacks the heading ## 依据",
        "doc lacks the heading ## 修改",
        "no source",
        "message has no en text",
        "ID ABC123 is not a built-in family (DOC, SEC, ART, REC, FMT, TXT, HIS, PUB) and three digits",
        "articles ['art50.9'] are not in schemas/regulation.yaml",
    ]


def test_case_problems_names_what_is_missing(tmp_path: Path) -> None:
    folder = tmp_path / "SEC999"
    folder.mkdir()
    (folder / "pass-clean.md").write_text("# 报告\n", encoding="utf-8")
    (folder / "bad.md").write_text("# 报告\n", encoding="utf-8")
    (folder / "bad.expected.json").write_text(json.dumps([
        {"rule": "SEC999", "severity": "warning", "line": 3, "message": "另一条消息"},
    ], ensure_ascii=False), encoding="utf-8")
    assert case_problems(_rule(), tmp_path) == ["the 示例 line is given by no case: ZZZ001 [错误] 示例消息"]
    (folder / "pass-clean.expected.json").write_text(json.dumps([
        {"rule": "SEC999", "severity": "warning", "message": "一条消息"},
    ], ensure_ascii=False), encoding="utf-8")
    assert case_problems(_rule(), tmp_path) == [
        "no passing case (tests/cases/SEC999/pass-*)",
        "pass-clean.md is a passing case but its sidecar lists findings",
        "the 示例 line is given by no case: ZZZ001 [错误] 示例消息",
    ]
    (folder / "pass-clean.expected.json").unlink()
    (folder / "pass-clean.md").unlink()
    assert case_problems(_rule(), tmp_path) == [
        "no passing case (tests/cases/SEC999/pass-*)",
        "the 示例 line is given by no case: ZZZ001 [错误] 示例消息",
    ]
    assert case_problems(_rule(id="SEC998"), tmp_path) == [
        "no failing case (tests/cases/SEC998/<case> with findings in <case>.expected.json)",
        "no passing case (tests/cases/SEC998/pass-*)",
        "the 示例 line is given by no case: ZZZ001 [错误] 示例消息",
    ]


def test_example_line_must_match_level_and_message(tmp_path: Path) -> None:
    folder = tmp_path / "SEC999"
    folder.mkdir()
    (folder / "pass-clean.md").write_text("# 报告\n", encoding="utf-8")
    (folder / "bad.md").write_text("# 报告\n", encoding="utf-8")
    (folder / "bad.expected.json").write_text(json.dumps([
        {"rule": "ZZZ001", "severity": "warning", "message": "示例消息"},
    ], ensure_ascii=False), encoding="utf-8")
    assert case_problems(_rule(), tmp_path) == ["the 示例 line is given by no case: ZZZ001 [错误] 示例消息"]
    (folder / "bad.expected.json").write_text(json.dumps([
        {"rule": "ZZZ001", "severity": "error", "message": "示例消息"},
    ], ensure_ascii=False), encoding="utf-8")
    assert case_problems(_rule(), tmp_path) == []
