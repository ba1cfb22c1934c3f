"""Times of day and dates as Chinese, Japanese, Korean and Arabic pages print them, for
:mod:`livetail.extract.timeparse`: "14時05分", "午後2時5分", "下午2:05", "오후 2시 5분", "2:05 م",
"2024年3月14日", "3月14日", "2024년 3월 14일".

A clock printed with a colon ("14:05", "١٤:٠٥": ``\\d`` knows Arabic-Indic digits) is read by
timeparse's own pattern; this module adds the forms that pattern cannot see and the words for
morning and afternoon that sit beside a clock in these languages. Every function here is called
only on text that is not plain ASCII.
"""

from __future__ import annotations

import re

__all__ = [
    "ZONE_PHRASE_WORDS",
    "cjk_clocks",
    "find_month_day",
    "find_year_month_day",
    "half_of_day",
    "in_these_scripts",
    "zone_phrase",
]

# Arabic, CJK (kana, ideographs, full-width forms) and Hangul: what a text must hold for the rules
# of this module to apply. An en dash or a middle dot is not enough ("20:15 – ZDF").
_SCRIPTS = re.compile("[\u0600-\u06ff\u0750-\u077f\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")


def in_these_scripts(text: str) -> bool:
    """Whether ``text`` holds Arabic, Chinese, Japanese or Korean writing."""
    return not text.isascii() and _SCRIPTS.search(text) is not None


# Morning and afternoon words, before the clock in Chinese, Japanese and Korean ("午後2時",
# "下午2:05", "오후 2시"), after it in Arabic ("2:05 م", "2:05 مساءً").
_AFTERNOON_BEFORE = ("午後", "午后", "下午", "晚上", "傍晚", "夜間", "오후", "저녁")
_MORNING_BEFORE = ("午前", "上午", "早上", "凌晨", "清晨", "오전", "새벽", "아침")
_ARABIC_AFTER = re.compile(r"\s*(?:(?P<pm>م|مساء[ًا]?|مساءا)|(?P<am>ص|صباح[ًا]?|صباحا))(?!\w)")

# "14時05分", "14时5分", "14點05分", "14시 5분", "2時半" (half past); the hour alone only with a
# morning or afternoon word before it ("午後2時"): "3点" may be three points of a plan.
_CJK_CLOCK = re.compile(
    r"(?<!\d)(?P<h>\d{1,2})\s*(?:時|时|點|点|시)\s*(?:(?P<m>\d{1,2})\s*(?:分|분)(?:\s*(?P<s>\d{1,2})\s*(?:秒|초))?"
    r"|(?P<half>半|반))?"
)
_CJK_MARKS = re.compile(r"[時时點点시]")

# Dates: "2024年3月14日", "2024년 3월 14일", and the month and day alone ("3月14日", "3월 14일").
_YEAR_MONTH_DAY = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*(?:年|년)\s*(?P<m>\d{1,2})\s*(?:月|월)\s*(?P<d>\d{1,2})\s*(?:日|일)?"
)
_MONTH_DAY = re.compile(
    r"(?<![\d年년])(?<![\d年년]\s)(?P<m>\d{1,2})\s*(?:月|월)\s*(?P<d>\d{1,2})\s*(?:日|일)"
)


def half_of_day(text: str, start: int, end: int) -> str | None:
    """ "am" or "pm" when a morning or afternoon word stands right before ``text[start:end]`` (a
    clock) in Chinese, Japanese or Korean, or right after it in Arabic; else None."""
    before = text[max(0, start - 4) : start].rstrip()
    if before and not before.isascii():
        if before.endswith(_AFTERNOON_BEFORE):
            return "pm"
        if before.endswith(_MORNING_BEFORE):
            return "am"
    after = _ARABIC_AFTER.match(text, end)
    if after is not None:
        return "pm" if after["pm"] else "am"
    return None


def cjk_clocks(text: str) -> list[tuple[int, int, int, int, int, bool]]:
    """Every "14時05分"-style clock in ``text``: (hour, minute, second, start, end, True: which half
    of the day it is is known), the hour on the 24-hour clock once a morning or afternoon word
    is applied; out-of-range ones left out."""
    if _CJK_MARKS.search(text) is None:
        return []
    found = []
    for match in _CJK_CLOCK.finditer(text):
        hour = int(match["h"])
        minute = 30 if match["half"] else int(match["m"] or 0)
        second = int(match["s"] or 0)
        half = half_of_day(text, match.start(), match.end())
        if match["m"] is None and match["half"] is None and half is None:
            continue
        if half is not None:
            if hour > 12:  # (Japanese counts 0 to 11: "午後0時15分" is a quarter past noon)
                continue
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour <= 23 and minute <= 59 and second <= 59:
            # (news pages in these languages print 24-hour "14時05分" unless they say the half)
            found.append((hour, minute, second, match.start(), match.end(), True))
    return found


def find_year_month_day(text: str) -> tuple[int, int, int] | None:
    """The first "2024年3月14日" / "2024년 3월 14일" date in ``text`` as (year, month, day), or a Thai
    "16 มี.ค. 2567" (a Buddhist Era year, 543 ahead of the Common Era's, is read back)."""
    match = _YEAR_MONTH_DAY.search(text)
    if match is not None:
        return int(match["y"]), int(match["m"]), int(match["d"])
    thai = THAI_DATE.search(text)
    if thai is None:
        return None
    year = int(thai["y"])
    return year - 543 if year >= _BUDDHIST_ERA else year, THAI_MONTHS[thai["m"]], int(thai["d"])


#: Thai months, abbreviated as pages print them ("มี.ค.") and in full.
THAI_MONTHS = {
    **{abbr: n for n, abbr in enumerate(("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."), 1)},
    **{name: n for n, name in enumerate(
        ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
         "พฤศจิกายน", "ธันวาคม"), 1)},
}  # fmt: skip
_THAI_MONTH_ALTERNATION = "|".join(re.escape(m) for m in sorted(THAI_MONTHS, key=len, reverse=True))
#: a Thai date's shape, without groups (for a label pattern that holds it more than once)
THAI_DATE_SHAPE = rf"\d{{1,2}}\s*(?:{_THAI_MONTH_ALTERNATION})\s*\d{{4}}"
THAI_DATE = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s*(?P<m>{_THAI_MONTH_ALTERNATION})\s*(?P<y>\d{{4}})(?!\d)")
_BUDDHIST_ERA = 2400


def find_month_day(text: str) -> tuple[int, int] | None:
    """The first "3月14日" / "3월 14일" (no year before it) in ``text`` as (month, day)."""
    match = _MONTH_DAY.search(text)
    return None if match is None else (int(match["m"]), int(match["d"]))


# Zones said in words beside a clock: "(بتوقيت مكة المكرمة)" (Mecca time), "بتوقيت غرينتش" (GMT),
# "日本時間" (Japan time), "北京时间" (Beijing time), "한국시간" (Korea time). Values are IANA names,
# which zones.zone_for takes as they are.
_ZONE_PHRASES = {
    "مكة المكرمة": "Asia/Riyadh", "مكة": "Asia/Riyadh", "السعودية": "Asia/Riyadh", "الرياض": "Asia/Riyadh",
    "غرينتش": "UTC", "غرينيتش": "UTC", "جرينتش": "UTC", "ت.غ": "UTC", "ت غ": "UTC",
    "القدس": "Asia/Jerusalem", "فلسطين": "Asia/Hebron", "غزة": "Asia/Gaza", "القاهرة": "Africa/Cairo",
    "مصر": "Africa/Cairo", "الدوحة": "Asia/Qatar", "قطر": "Asia/Qatar", "الإمارات": "Asia/Dubai",
    "أبوظبي": "Asia/Dubai", "دبي": "Asia/Dubai", "بيروت": "Asia/Beirut", "لبنان": "Asia/Beirut",
    "دمشق": "Asia/Damascus", "سوريا": "Asia/Damascus", "بغداد": "Asia/Baghdad", "العراق": "Asia/Baghdad",
    "الكويت": "Asia/Kuwait", "المغرب": "Africa/Casablanca", "الرباط": "Africa/Casablanca",
    "تونس": "Africa/Tunis", "الجزائر": "Africa/Algiers", "الخرطوم": "Africa/Khartoum",
    "日本時間": "Asia/Tokyo", "北京时间": "Asia/Shanghai", "北京時間": "Asia/Shanghai",
    "台北時間": "Asia/Taipei", "香港時間": "Asia/Hong_Kong", "한국시간": "Asia/Seoul", "한국 시간": "Asia/Seoul",
}  # fmt: skip
_ZONE_PHRASE = re.compile(
    r"(?:(?:ب|)توقيت\s+(?P<ar>"
    + "|".join(
        sorted((k for k in _ZONE_PHRASES if k[0] >= "\u0600" and k[0] <= "\u06ff"), key=len, reverse=True)
    )
    + r")"
    r"|(?<!\w)(?P<gmt>ت\.?\s?غ)(?!\w)"
    r"|(?P<cjk>" + "|".join(k for k in _ZONE_PHRASES if not "\u0600" <= k[0] <= "\u06ff") + r"))"
)
#: The words of those phrases, for a stamp's word list (a stamp may consist of them).
ZONE_PHRASE_WORDS = _ZONE_PHRASE.pattern


def zone_phrase(text: str) -> str | None:
    """The IANA zone a phrase in ``text`` names ("بتوقيت مكة المكرمة": Asia/Riyadh), or None."""
    match = _ZONE_PHRASE.search(text)
    if match is None:
        return None
    if match["gmt"]:
        return "UTC"
    return _ZONE_PHRASES[match["ar"] or match["cjk"]]
