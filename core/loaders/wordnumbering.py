"""Word's automatic list numbering: the numbers (一、 （二） 3.) Word shows before numbered paragraphs,
as the reader sees them. Each list counts on its own, and a level restarts when a level above it
moves on; a paragraph style tied to a list numbers its paragraphs too."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

from lxml import etree
from nianbao.loaders.wordml import VAL
from nianbao.loaders.wordml import first_child
from nianbao.loaders.wordml import int_val
from nianbao.loaders.wordml import properties_of
from nianbao.loaders.wordml import w

_P_PR, _NUM_PR, _P_STYLE = w("pPr"), w("numPr"), w("pStyle")
_NUM_ID, _ILVL = w("numId"), w("ilvl")
_ABSTRACT_NUM, _ABSTRACT_NUM_ID, _NUM, _LVL = w("abstractNum"), w("abstractNumId"), w("num"), w("lvl")
_LVL_OVERRIDE, _START_OVERRIDE = w("lvlOverride"), w("startOverride")
_NUM_FMT, _LVL_TEXT, _START = w("numFmt"), w("lvlText"), w("start")
_STYLE, _STYLE_ID, _BASED_ON = w("style"), w("styleId"), w("basedOn")

_DIGITS = "〇一二三四五六七八九"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese_counting(number: int) -> str:
    """一 … 十, 十一 … 九十九 (larger numbers digit by digit, which no report heading reaches)."""
    if number <= 0:
        return str(number)
    if number < 10:
        return _DIGITS[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")
    return "".join(_DIGITS[int(d)] for d in str(number))


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def format_number(number: int, number_format: str) -> str:
    if number_format in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
                         "taiwaneseCounting", "chineseLegalSimplified"):
        return chinese_counting(number)
    if number_format in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(number))
    if number_format in ("ideographTraditional", "ideographZodiac") and 0 < number <= len(_HEAVENLY):
        return _HEAVENLY[number - 1]
    if number_format == "decimalEnclosedCircle" and 0 < number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    if number_format == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(number))
    if number_format == "lowerRoman":
        return _roman(number)
    if number_format == "upperRoman":
        return _roman(number).upper()
    if number_format == "lowerLetter":
        return _letters(number)
    if number_format == "upperLetter":
        return _letters(number).upper()
    if number_format in ("none", "bullet"):
        return ""
    return str(number)


@dataclass(frozen=True, slots=True)
class Level:
    number_format: str
    text: str
    start: int


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    return default if element is None else element.get(VAL, default)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(slots=True)
class ListNumbering:
    """The lists of one document, and the counters as its paragraphs are read in order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_lists: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, root: etree._Element | None, styles: etree._Element | None) -> ListNumbering | None:
        """The lists defined in a numbering part, and the styles (``w:styles``) that number by them."""
        if root is None:
            return None
        abstract: dict[str, dict[int, Level]] = {}
        for definition in root.iterchildren(_ABSTRACT_NUM):
            abstract[definition.get(_ABSTRACT_NUM_ID)] = {
                _int(level.get(_ILVL), 0): _level(level)
                for level in definition.iterchildren(_LVL)
            }
        numbering = cls()
        for num in root.iterchildren(_NUM):
            levels = dict(abstract.get(_val(first_child(num, _ABSTRACT_NUM_ID)) or "", {}))
            for override in num.iterchildren(_LVL_OVERRIDE):
                ilvl = _int(override.get(_ILVL), 0)
                replaced = first_child(override, _LVL)
                if replaced is not None:
                    levels[ilvl] = _level(replaced)
                start = first_child(override, _START_OVERRIDE)
                if start is not None and ilvl in levels:
                    level = levels[ilvl]
                    levels[ilvl] = Level(level.number_format, level.text, int_val(start, level.start))
            numbering.levels[num.get(_NUM_ID)] = levels
        numbering.style_lists = _style_lists(styles) if styles is not None else {}
        return numbering

    def label(self, paragraph: etree._Element) -> str:
        """The number Word shows before this paragraph, or "" for a paragraph that is not numbered."""
        found = self._list_of(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl].text
        for depth in range(ilvl + 1):
            level = levels.get(depth)
            if level is None:
                continue
            value = counters.get(depth, level.start)
            text = text.replace(f"%{depth + 1}", format_number(value, level.number_format))
        return text

    def _list_of(self, paragraph: etree._Element) -> tuple[str, int] | None:
        properties = properties_of(paragraph, _P_PR)
        if properties is None:
            return None
        num_pr = first_child(properties, _NUM_PR)
        style = _val(first_child(properties, _P_STYLE))
        from_style = self.style_lists.get(style or "")
        if num_pr is not None:
            num_id = _val(first_child(num_pr, _NUM_ID))
            ilvl = int_val(first_child(num_pr, _ILVL), from_style[1] if from_style else 0)
            if num_id is None and from_style:
                num_id = from_style[0]
            if num_id is None or num_id == "0":  # numId 0 switches numbering off
                return None
            return num_id, ilvl
        return from_style


def _level(element: etree._Element) -> Level:
    return Level(
        number_format=_val(first_child(element, _NUM_FMT), "decimal") or "decimal",
        text=_val(first_child(element, _LVL_TEXT), "") or "",
        start=int_val(first_child(element, _START), 1),
    )


def _style_lists(styles: etree._Element) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (a heading style tied to a list), with
    what they inherit through ``basedOn``."""
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in styles.iterchildren(_STYLE):
        style_id = style.get(_STYLE_ID)
        parent = _val(first_child(style, _BASED_ON))
        if parent:
            based[style_id] = parent
        # the first w:numPr in the style's w:pPr, as find("pPr/numPr") gives it
        num_pr = next((n for p_pr in style.iterchildren(_P_PR) for n in p_pr.iterchildren(_NUM_PR)), None)
        if num_pr is not None:
            own[style_id] = (_val(first_child(num_pr, _NUM_ID)), int_val(first_child(num_pr, _ILVL), 0))
    result: dict[str, tuple[str, int]] = {}
    for style_id in {*own, *based}:
        seen, current = set(), style_id
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based.get(current)
        if current in own:
            num_id, ilvl = own[current]
            if num_id and num_id != "0":
                result[style_id] = (num_id, ilvl or 0)
    return result
