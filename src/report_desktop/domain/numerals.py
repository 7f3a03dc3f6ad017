"""Numbers as reports write them: 393, ３９３, 3,985,758, 12.5, 一百二十三, 两千零五, 十二."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

MAX_DIGITS = 15
"""A run of more digits is an identifier (a telephone or account number), never a figure; the
limit also keeps ``int()`` away from Python's 4,300-digit guard."""

CHINESE_NUMBER = "[零〇一二两三四五六七八九十百千万亿]{1,20}"
ARABIC_NUMBER = r"(?<![\d.])(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?![\d])"
DECIMAL_NUMBER = r"(?<![\d.])(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.\d{1,6})?(?![\d])"
NUMBER = f"(?:{ARABIC_NUMBER}|{CHINESE_NUMBER})"
"""A regular expression matching one whole number in either writing (after :func:`normalize`)."""


_FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_ANY_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def normalize(text: str) -> str:
    """Full-width digits and punctuation (ＡＳＣＩＩ forms, U+FF01–FF5E) and the ideographic
    space to ASCII, so one pattern serves both. One character for one: offsets are kept.

    Replacing the matches is 2.5 times faster than ``str.translate`` on Chinese text (where
    translate looks every character up): it runs at every keystroke."""
    return _ANY_FULL_WIDTH.sub(_half_width, text)


def _half_width(match: re.Match[str]) -> str:
    return _FULL_WIDTH[match.group()]


def parse_number(text: str) -> int | None:
    """The value of a whole number written in Arabic or Chinese numerals, or None."""
    text = normalize(text).strip()
    if len(text) > 2 * MAX_DIGITS:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){1,4}|\d{1,15}", text):
        return int(text.replace(",", ""))
    if text in ("零", "〇"):
        return 0
    if re.fullmatch(CHINESE_NUMBER, text) and re.search("[一二两三四五六七八九十]", text):
        return _chinese(text)
    return None


def parse_decimal(text: str) -> Decimal | None:
    """A number with an optional fraction (12.5, 4,068.208), or a Chinese whole number."""
    text = normalize(text).strip()
    if len(text) > 2 * MAX_DIGITS:
        return None
    if re.fullmatch(r"(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.\d{1,6})?", text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            return None
    whole = parse_number(text)
    return None if whole is None else Decimal(whole)


def _chinese(text: str) -> int | None:
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            if digit is not None and digit != 0 and _DIGITS[char] != 0:
                return None  # 二三 is not a number in running text
            digit = _DIGITS[char] or None  # 零 only marks a gap: 一百零五
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        elif char == "万":
            total += (section + (digit or 0)) * 10_000
            section, digit = 0, None
        else:  # 亿
            total = (total + section + (digit or 0)) * 100_000_000
            section, digit = 0, None
    return total + section + (digit or 0)


def chinese_numeral(value: int) -> str:
    """How a report writes ``value`` (0 ≤ value < 100,000,000) in Chinese numerals: 三十二,
    两千零五 is written 二千零五 here (both read back the same), 十二 for 12."""
    if value == 0:
        return "零"
    high, low = divmod(value, 10_000)
    if high:
        rest = _below_10000(low)
        if rest and low < 1000:
            rest = "零" + rest
        return _below_10000(high) + "万" + rest
    return _below_10000(low)


def _below_10000(value: int) -> str:
    digits = "零一二三四五六七八九"
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            if zero and out:
                out += "零"
            out += digits[digit] + name
            zero = False
        elif out:
            zero = True
    return "十" + out[2:] if out.startswith("一十") else out
