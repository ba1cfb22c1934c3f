"""Time stamps as posts print them: whether a short text is nothing but a stamp ("4m ago",
"12.50 BST", "Updated at 12.36 BST", "Heute, 09:12", "2024年3月14日 午後2時5分") or only a day
("Tuesday 14 March"), and the words that say a time is an edit time."""

from __future__ import annotations

import re
from functools import lru_cache

from livetail.extract import nonlatin
from livetail.extract.build import clean_line
from livetail.extract.calendarwords import MONTHS, PORTUGUESE_SHORT_MONTHS, WEEKDAYS, word_alternation
from livetail.extract.relativetime import FOREIGN_RELATIVE, may_be_relative
from livetail.extract.timeparse import has_clock

__all__ = [
    "AT_WORDS",
    "DAY_WORDS",
    "GLUED_AT",
    "INVISIBLE",
    "MORE_PUBLISHED",
    "MORE_UPDATED",
    "UPDATED_WORDS",
    "is_day_line",
    "is_edit_label",
    "is_stamp",
    "is_yesterday",
    "says_updated",
]

_CLOCK = r"\d{1,2}(?:[:.hH]|: (?=[\u09e6-\u09ef]))\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"  # (Bengali "২৩: ৪০")
_MONTH = word_alternation(MONTHS) + r"\.?(?!\w)"
_WEEKDAY = word_alternation(WEEKDAYS) + r"\.?(?!\w)"
#: "Today" and "yesterday" as stamps print them ("Heute, 09:12", "Igår kl. 22.15"), as a pattern.
DAY_WORDS = (
    # (French "hier" only before a comma, "à" or a French clock, "22h15": German "hier" means
    # "here", and "Hier um 20:15 Uhr" or "Hier 20:15 Uhr ZDF" is no stamp)
    r"today|yesterday|heute|gestern|aujourd['’]hui|hier(?=\s*(?:,|à\s|\d{1,2}\s*[hH]\s*\d{2}))|hoy|ayer|oggi|ieri|vandaag|gisteren"
    r"|i\s?dag|i\s?går|tänään|eilen|dzisiaj|dziś|wczoraj|dnes|včera|hoje|ontem|bugün|dün"
    # Estonian, Latvian, Lithuanian, Hungarian (not "ma", "today": Dutch and Finnish pages print
    # Monday so), Croatian and Serbian, Greek, Russian and Ukrainian, Hebrew
    r"|täna|eile|šodien|šiandien|vakar|tegnap|danas|jučer|juče|σήμερα|χθες|χτες"
    r"|сегодня|вчера|сьогодні|вчора|היום|אתמול"
)
_YESTERDAY = ("yesterday", "gestern", "hier", "ayer", "ieri", "gisteren", "igår", "i går", "eilen", "wczoraj",
              "včera", "ontem", "dün", "eile", "vakar", "tegnap", "jučer", "juče", "χθες", "χτες", "вчера",
              "вчора", "אתמול")  # fmt: skip


def is_yesterday(day_word: str) -> bool:
    """Whether a word of :data:`DAY_WORDS` says yesterday (else it says today)."""
    return " ".join(day_word.lower().split()) in _YESTERDAY


#: "Updated" in Polish, Czech, Portuguese, Romanian, Hungarian, the Baltic languages, Turkish, Greek,
#: Russian, Ukrainian, Croatian and Serbian, Slovene, Slovak, Bulgarian, Indonesian, Vietnamese,
#: Thai, Hebrew, Arabic and Persian (ZWNJ is dropped before reading: "به‌روزرسانی" reads "بهروزرسانی")
MORE_UPDATED = (
    r"aktualizacja|zaktualizowano|aktualizováno|atualizado|actualizat|frissítve|uuendatud|atjaunots|papildināts|atnaujinta"
    r"|güncellendi|güncelleme|ενημερώθηκε|ενημέρωση|обновлено|оновлено|ažurirano|ажурирано|posodobljeno|aktualizované|актуализирано"
    r"|актуализирана|обновено|обновена|обновен|diperbarui|diperbaharui|cập\s+nhật|อัปเดต|อัพเดท|อัปเดท|עודכן|بهروزرسانی|به\s+روزرسانی|ویرایش"
    # Arabic "حُدّث" (updated) only with its shadda: bare "حدث" is "event" as often
    r"|حُ?د(?:\u0651\u0650?|\u0650\u0651)ث"
)
#: "At" before a clock in Russian and Ukrainian, Croatian and Serbian, Polish, Slovene, Romanian,
#: Vietnamese, Indonesian and Portuguese ("Обновлено в 00:25", "Ažurirano u 14:05", "Cập nhật lúc
#: 14:05", "Atualizado às 14h05")
AT_WORDS = r"в|о|u|o|ob|la|lúc|pukul|às"
#: Hebrew's "at", glued to the clock by a hyphen or a maqaf ("עודכן ב-21:40")
GLUED_AT = r"ב[-־](?=\d)"
#: "Published" in Croatian and Serbian, Russian, Ukrainian, Bulgarian, Romanian, Indonesian, Hebrew
MORE_PUBLISHED = r"objavljeno|објављено|опубликовано|опубліковано|публикувано|publicat|diterbitkan|פורסם"

_STAMP_PARTS = re.compile(
    # (first: "2024年" is a year, not the hour "20" and a stray "24年")
    r"\d{1,4}\s*(?:分钟|分鐘|秒钟|時間|小时|小時|个小时|個小時|年|月|日|時|时|點|点|分|秒|시간|년|월|일|시|분|초)\s*(?:前|전)?"
    rf"|{_CLOCK}|\d{{1,2}}(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?{_MONTH}(?:,?\s+(?:de\s+)?\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2}"
    # "3/14" only before a clock ("3/14 14:05", "3/14(木) 14:05"): alone, "7/10" is a rating or "1/2" a thread
    r"|\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?(?=\s*(?:[(（][^)）]{1,3}[)）])?\s*\d{1,2}[:.hH]\d{2})|\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b\.?(?:\s+ago)?"
    r"|\bjust now\b|\b(?:updated|published|posted|edited|last|at|from|on|ago|today|yesterday)\b"
    rf"|\b{_WEEKDAY}|(?-i:\(?\b[A-Z]{{2,5}}\b\)?)|\d{{4}}"
    rf"|{FOREIGN_RELATIVE}|\b(?:aktualisiert|update vom|mis à jour|publié|actualizado|publicado|bijgewerkt|aggiornato"
    r"|uppdaterad|opdateret|oppdatert|päivitetty|publicerad|publiceret|publisert|julkaistu|kl|klo|ore|godz"
    rf"|{MORE_UPDATED}|{MORE_PUBLISHED}"
    rf"|uhr|uur|um|am|vom|le|à|el|a las|alle|om|{DAY_WORDS})(?!\w)"
    rf"|\b(?:{AT_WORDS})(?=\s+\d{{1,2}}[:.hH]\d{{2}}(?!\d))"  # (only before a clock: "La 2024", "O 25 de Abril" are no stamps)
    rf"|(?<!\w){GLUED_AT}(?=\d{{1,2}}[:.]\d{{2}}(?!\d))"
    # Portuguese "em" before a date ("Publicado em 14/03/2024 14h05", not "Em 2024"), Folha's "20.jan.2025"
    r"|\bem(?=\s+\d{1,2}[/.]\d{1,2}[/.]\d{2})"
    rf"|\d{{1,2}}\.(?:{'|'.join(PORTUGUESE_SHORT_MONTHS)})\.\d{{4}}"
    r"|(?<=\d)\s?น\.?|(?<=\d\s)น\.?"  # (Thai "14:05 น.", as German "14:05 Uhr")
    r"|(?<=\d)\s?h\.?(?!\w)|(?<=\d\s)h\.?(?!\w)"  # (Spanish "16:58 h")
    # "ago" after an abbreviated unit ("8 min temu", "3 t sitten"), as the pooled languages write it
    r"|(?<=\.|\w)\s(?:temu|geleden|sitten|siden|sedan|önce|fa|tagasi)(?!\w)"
    # Chinese, Japanese, Korean and Arabic: "2024年3月14日 午後2時5分", "3월 14일 14:05", "2:05 م"
    r"|[(（][月火水木金土日월화수목금토일][)）]|[月火水木金土日]曜日?|半|반|午前|午後|午后|上午|下午|晚上|凌晨|오전|오후"
    r"|(?:最後|最后|最終)?更新[于於]?|発表|发布|업데이트|수정|입력|(?<!\w)(?:م|ص|مساءً?|صباحًا?|نشر\s+في|نشر|آخر\s+تحديث|تحديث|تم\s+التحديث)(?!\w)"
    rf"|{nonlatin.ZONE_PHRASE_WORDS}",
    re.IGNORECASE,
)
#: Words that say a time is an edit time ("Updated 18:30", "Aktualisiert am", "Mis à jour à").
UPDATED_WORDS = re.compile(
    r"\b(?:updated?|edited|modified|last update|aktualisiert|update\s+vom|mis\s+à\s+jour|actualizado|bijgewerkt"
    rf"|aggiornato|uppdaterad|opdateret|oppdatert|päivitetty|{MORE_UPDATED}"
    r"|(?:最後|最后|最終)?更新|업데이트|수정|تحديث)",
    re.IGNORECASE,
)


#: For ``str.translate`` before reading a stamp: no-break spaces are spaces; zero-width spaces and
#: joiners, direction marks (a right-to-left page writes "&rlm;14:05&rlm;"), the byte-order mark
#: and soft hyphens are nothing.
INVISIBLE = {
    0x00A0: " ", 0x202F: " ", 0x00AD: None, 0x200B: None, 0x200C: None, 0x200D: None, 0x200E: None,
    0x200F: None, 0x2060: None, 0xFEFF: None, 0x202A: None, 0x202B: None, 0x202C: None, 0x202D: None,
    0x202E: None, 0x2066: None, 0x2067: None, 0x2068: None, 0x2069: None,
}  # fmt: skip

_DIGIT_OR_NOW = re.compile(r"\d|just now", re.IGNORECASE)
_STAMP_GLUE = re.compile(
    r"[\s,.:;|·•()\-–—/،、（）【】：]+"
)  # (with the Arabic comma, the CJK comma, parentheses and colon)


@lru_cache(maxsize=8192)
def is_stamp(text: str) -> bool:
    """Whether a short text is only a time stamp: "4m ago", "12.50 BST", "Updated at 12.36 BST"."""
    text = clean_line(text if text.isascii() else text.translate(INVISIBLE))
    if not text or len(text) > 60:
        return False
    if not _DIGIT_OR_NOW.search(text) and not may_be_relative(text.lower()):
        return False
    rest = _STAMP_PARTS.sub(" ", text)
    return not _STAMP_GLUE.sub("", rest)


def says_updated(stamp_text: str) -> bool:
    """Whether a stamp's text says it is an edit time: an "updated" word before its time ("Updated
    14:40", "(수정 2024-12-03 23:58)") or, as Japanese and Chinese print it, after it ("16時40分更新")."""
    text = stamp_text.strip(" ([（【)]）】")
    return UPDATED_WORDS.match(text) is not None or text.endswith(_UPDATED_AFTER)


_UPDATED_AFTER = ("更新", "更新了", "업데이트", "수정")


@lru_cache(maxsize=8192)
def is_edit_label(line: str) -> bool:
    """Whether a short line says only that its post was edited, with no time: "Updated",
    "(ažurirano)", "Ενημερώθηκε". A label, never a post's title or text."""
    word = line.strip(" :!()[]\xa0")
    return 0 < len(word) <= _EDIT_LABEL_MAX and UPDATED_WORDS.fullmatch(word) is not None


_EDIT_LABEL_MAX = 30


def is_day_line(text: str) -> bool:
    """Whether a short line says nothing but a day (weekday, date, glue words): a day separator
    between posts or a day group's heading. "Background: the 7 October floods" is a heading about a
    day, not a day's heading; never with a time of day, "updated" or "posted"."""
    return (
        0 < len(text) <= _DAY_LINE_MAX
        and is_stamp(text)  # (first: it is remembered, and rejects a line without a digit at once)
        and not has_clock(text)
        and not UPDATED_WORDS.search(text)
        and not _POSTED.search(text)
    )


_DAY_LINE_MAX = 60
# "Posted 18 September 2024" under a post dates that post, not the ones after it.
_POSTED = re.compile(
    r"\b(?:posted|published|publié|publicado|veröffentlicht|gepubliceerd|pubblicato)\b", re.I
)
