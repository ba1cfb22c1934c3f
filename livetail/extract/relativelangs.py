"""Relative times in Russian, Ukrainian, Bulgarian, Serbian, Croatian, Slovene, Slovak, Lithuanian,
Latvian, Estonian, Romanian,
Greek, Hungarian, Vietnamese, Thai, Indonesian and Malay, Filipino, Hebrew, Hindi, Bengali, Tamil,
Urdu and Persian ("5 минут назад", "годину тому", "acum o oră", "prije 22 min", "πριν από 5 λεπτά", "2
órája", "5 phút trước", "5 นาทีที่แล้ว", "5 menit yang lalu", "לפני שעה", "5 मिनट पहले", "৫ মিনিট
আগে", "5 منٹ پہلے", "۵ دقیقه پیش").

Each language is a table entry: the words before or after the amount, its units with their
lengths, its words for "one", the unit forms that say "one" alone ("час назад": an hour ago) and
its "just now". Unlike the older languages in :mod:`livetail.extract.relativetime`, whose units
are one pool, a unit here counts only with its own language's words: Russian "год" is a year and
Ukrainian "год" an hour.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["CUE_WORDS", "HINTS", "PATTERN", "parse", "strip"]


@dataclass(frozen=True)
class Phrasing:
    """How one language (or a few close ones) writes "N units ago"."""

    before: tuple[str, ...] = ()  # words ahead of the amount ("acum", "prije")
    after: tuple[str, ...] = ()  # words after the unit ("назад", "yang lalu"); () with no before: none
    units: Mapping[str, int | None] = field(default_factory=dict)  # seconds; None: coarser than hours
    ones: tuple[str, ...] = ()  # words for "one" before a unit ("o oră", "μία ώρα")
    bare: Mapping[str, int] = field(default_factory=dict)  # forms that say "one" alone: "час", "uro"
    now: tuple[str, ...] = ()  # "just now"
    linker: str = ""  # a word between some amounts and the unit (Romanian "acum 48 de minute")
    unless: str = ""  # a pattern that must not follow: then the words mean "before" or "then"
    spaced: bool = True  # words end where letters do (not Thai, which writes no spaces)

    @property
    def cues(self) -> tuple[str, ...]:
        """Words (case-folded) every phrase of the language holds: the edit comparison's cheap
        test before its pattern."""
        words = (*(f"{w} " for w in self.before), *self.after) or tuple(self.units)  # (Hungarian "5 perce")
        words = (*words, *self.now)
        return tuple(dict.fromkeys(w.casefold() for w in words))


def _units(
    seconds: tuple[str, ...], minutes: tuple[str, ...], hours: tuple[str, ...], coarse: tuple[str, ...]
) -> dict[str, int | None]:
    return {
        **dict.fromkeys(coarse, None),
        **dict.fromkeys(seconds, 1),
        **dict.fromkeys(minutes, 60),
        **dict.fromkeys(hours, 3600),
    }


_MALAY_UNITS = _units(("detik",), ("menit", "minit", "mnt"), ("jam",), ("hari", "minggu", "bulan", "tahun"))

_LANGUAGES: tuple[Phrasing, ...] = (
    # Russian
    Phrasing(
        after=("назад",),
        units=_units(("секунду", "секунды", "секунд", "сек"), ("минуту", "минуты", "минут", "мин"),
                     ("часов", "часа", "час", "ч"),
                     ("день", "дня", "дней", "неделю", "недели", "недель", "месяц", "месяца", "месяцев",
                      "год", "года", "лет")),
        ones=("одну", "один"),
        bare={"полчаса": 1800, "полминуты": 30, "секунду": 1, "минуту": 60, "час": 3600},
        now=("только что",),
    ),
    # Ukrainian
    Phrasing(
        after=("тому",),
        units=_units(("секунду", "секунди", "секунд", "сек"), ("хвилину", "хвилини", "хвилин", "хв"),
                     ("годину", "години", "годин", "год"),
                     ("день", "дні", "днів", "тиждень", "тижні", "тижнів", "місяць", "місяці", "місяців",
                      "рік", "роки", "років")),
        ones=("одну", "один"),
        bare={"півгодини": 1800, "секунду": 1, "хвилину": 60, "годину": 3600},
        now=("щойно",),
    ),
    # Bulgarian
    Phrasing(
        before=("преди",),
        units=_units(("секунди", "секунда", "сек"), ("минути", "минута", "мин"), ("часа", "час", "ч"),
                     ("дни", "ден", "дена", "седмици", "седмица", "месеца", "месец", "години", "година")),
        ones=("една", "един"),
        bare={"половин час": 1800, "минута": 60, "час": 3600},
        now=("току-що",),
    ),
    # Serbian in Cyrillic
    Phrasing(
        before=("пре",),
        units=_units(("секунди", "секунде", "секунду", "сек"), ("минута", "минуте", "минут", "мин"),
                     ("сата", "сати", "сат", "ч"),
                     ("дана", "дан", "недеља", "недеље", "месеци", "месеца", "месец", "година", "године",
                      "годину")),
        ones=("један", "једну"),
        bare={"сат времена": 3600, "пола сата": 1800, "сат": 3600, "минут": 60},
    ),
    # Croatian, Bosnian and Serbian in Latin
    Phrasing(
        before=("prije", "pre"),
        units=_units(("sekundi", "sekunde", "sekundu", "sek"), ("minuta", "minute", "minutu", "min"),
                     ("sati", "sata", "sat", "h"),
                     ("dana", "dan", "tjedana", "tjedna", "tjedan", "sedmica", "sedmice", "nedelja", "nedelje",
                      "mjeseci", "mjeseca", "mjesec", "meseci", "meseca", "mesec", "godina", "godine", "godinu")),
        ones=("jedan", "jednu"),
        bare={"sat vremena": 3600, "pola sata": 1800, "sat": 3600, "minut": 60, "minutu": 60},
    ),
    # Slovene and Slovak
    Phrasing(
        before=("pred",),
        units=_units(("sekundami", "sekundo", "sekundou", "sekund", "sek"),
                     ("minutami", "minuto", "minútami", "minútou", "minut", "min"),
                     ("urami", "urama", "uro", "ur", "hodinami", "hodinou", "hod", "h"),
                     ("dnevi", "dnevoma", "dnem", "tedni", "tednoma", "tednom", "meseci", "mesecema", "mesecem",
                      "leti", "letoma", "letom", "dňami", "dňom", "týždňami", "týždňom", "mesiacmi", "mesiacom",
                      "rokmi", "rokom")),
        ones=("eno", "eden", "jednou", "jednu"),
        bare={"pol ure": 1800, "pol hodinou": 1800, "uro": 3600, "minuto": 60, "hodinou": 3600, "minútou": 60},
    ),
    # Lithuanian, Latvian and Estonian ("prieš 4 min.", "pirms 5 min", "5 min tagasi")
    Phrasing(
        before=("prieš",),
        units=_units(("sekundę", "sekundes", "sekundžių", "sek"), ("minutę", "minutes", "minučių", "min"),
                     ("valandą", "valandas", "valandų", "val"),
                     ("dieną", "dienas", "dienų", "savaitę", "savaites", "savaičių", "mėnesį", "mėnesius",
                      "mėnesių", "metus", "metų")),
        ones=("vieną",),
        bare={"valandą": 3600, "minutę": 60, "pusvalandį": 1800},
        now=("ką tik",),
    ),
    Phrasing(
        before=("pirms",),
        units=_units(("sekundēm", "sekundes", "sek"), ("minūtēm", "minūtes", "min"), ("stundām", "stundas", "st"),
                     ("dienām", "dienas", "nedēļām", "nedēļas", "mēnešiem", "mēneša", "gadiem", "gada")),
        ones=("vienas", "vienu"),
        bare={"stundas": 3600, "minūtes": 60, "pusstundas": 1800},
        now=("tikko",),
    ),
    Phrasing(
        after=("tagasi",),
        units=_units(("sekundit", "sekund", "sek"), ("minutit", "minut", "min"), ("tundi", "tund", "t"),
                     ("päeva", "päev", "nädalat", "nädal", "kuud", "kuu", "aastat", "aasta")),
        ones=("üks", "ühe"),
        bare={"tund": 3600, "minut": 60, "pool tundi": 1800},
        now=("just praegu",),
    ),
    # Romanian
    Phrasing(
        before=("acum",),
        # (not years or months: "care are acum 34 de ani", who is now 34, is an age)
        units=_units(("secunde", "secundă", "secunda", "sec"), ("minute", "minut", "min"),
                     ("ore", "oră", "ora", "h"), ("zile", "zi", "săptămâni", "săptămână")),
        ones=("o", "un"),
        bare={"jumătate de oră": 1800},
        linker="de",  # (from twenty on: "acum 20 de minute")
    ),
    # Greek (capitals drop the accents: "ΠΡΙΝ ΑΠΟ 5 ΛΕΠΤΑ")
    Phrasing(
        before=("πριν από", "πριν απο", "πριν"),
        units=_units(("δευτερόλεπτα", "δευτερόλεπτο", "δευτερολεπτα", "δευτερολεπτο", "δευτ"),
                     ("λεπτά", "λεπτό", "λεπτα", "λεπτο", "λ"), ("ώρες", "ώρα", "ωρες", "ωρα", "ώ"),
                     ("ημέρες", "ημέρα", "ημερες", "ημερα", "μέρες", "μέρα", "μερες", "μερα", "εβδομάδες",
                      "εβδομάδα", "εβδομαδες", "εβδομαδα", "μήνες", "μήνα", "μηνες", "μηνα", "χρόνια", "χρόνο",
                      "χρονια", "χρονο")),
        ones=("ένα", "μία", "μια", "ενα"),
        bare={"μισή ώρα": 1800, "μιση ωρα": 1800},
        now=("μόλις τώρα",),
    ),
    # Hungarian: the unit itself says "ago" ("5 perce"), or the amount is followed by "ezelőtt"
    Phrasing(
        units=_units(("másodperce",), ("perce",), ("órája",), ("napja", "hete", "hónapja", "éve")),
        ones=("egy",),
        bare={"fél órája": 1800},
        now=("épp most",),
    ),
    Phrasing(
        after=("ezelőtt",),
        units=_units(("másodperccel",), ("perccel",), ("órával",), ("nappal", "héttel", "hónappal", "évvel")),
        ones=("egy",),
        bare={"fél órával": 1800},
    ),
    # Vietnamese
    Phrasing(
        after=("trước",),
        units=_units(("giây",), ("phút",), ("giờ", "tiếng"), ("ngày", "tuần", "tháng", "năm")),
        now=("vừa xong",),
        unless=r"\s+khi",  # ("30 phút trước khi": 30 minutes before)
    ),
    # Thai
    Phrasing(
        after=("ที่แล้ว", "ก่อน"),
        units=_units(("วินาที",), ("นาที",), ("ชั่วโมง", "ชม."), ("วัน", "สัปดาห์", "อาทิตย์", "เดือน", "ปี")),
        now=("เมื่อสักครู่",),
        unless="[\u0e00-\u0e7f]",  # ("30 นาทีก่อนตำรวจมาถึง": 30 minutes before the police came)
        spaced=False,
    ),
    # Indonesian and Malay ("lalu" alone also means "then": "3 hari lalu meninggal", 3 days, then died)
    Phrasing(after=("yang lalu",), units=_MALAY_UNITS, bare={"sejam": 3600, "semenit": 60}, now=("baru saja",)),
    Phrasing(after=("lalu",), units=_MALAY_UNITS, bare={"sejam": 3600, "semenit": 60}, unless=r"\s+[^\W\d_]"),
    # Filipino
    Phrasing(
        after=("na ang nakalipas", "ang nakalipas", "nakalipas"),
        units=_units(("segundo", "segundong"), ("minuto", "minutong"), ("oras",),
                     ("araw", "linggo", "buwan", "taon")),
    ),
    # Hebrew
    Phrasing(
        before=("לפני",),
        units=_units(("שניות", "שנייה", "שניה"), ("דקות", "דקה"), ("שעות", "שעה"),
                     ("ימים", "יום", "יומיים", "שבועות", "שבוע", "שבועיים", "חודשים", "חודש", "שנים", "שנה")),
        bare={"חצי שעה": 1800, "רבע שעה": 900, "שעתיים": 7200, "דקותיים": 120, "שעה": 3600, "דקה": 60},
    ),
    # Hindi (Devanagari digits are digits too: "५ मिनट पहले")
    Phrasing(
        after=("पहले",),
        units=_units(("सेकंड", "सेकेंड"), ("मिनट",), ("घंटे", "घंटा", "घण्टे"),
                     ("दिन", "हफ्ते", "हफ़्ते", "सप्ताह", "महीने", "महीना", "साल", "वर्ष")),
        ones=("एक",),
        now=("अभी अभी", "अभी-अभी"),
    ),
    # Bengali
    Phrasing(
        after=("আগে",),
        units=_units(("সেকেন্ড",), ("মিনিট",), ("ঘণ্টা", "ঘন্টা"), ("দিন", "সপ্তাহ", "মাস", "বছর")),
        ones=("এক",),
        now=("এইমাত্র",),
    ),
    # Tamil ("5 நிமிடங்களுக்கு முன்", five minutes ago)
    Phrasing(
        after=("முன்பு", "முன்"),
        units=_units(("வினாடிகளுக்கு", "விநாடிகளுக்கு", "வினாடிக்கு"),
                     ("நிமிடங்களுக்கு", "நிமிடத்துக்கு", "நிமிடத்திற்கு"),
                     ("மணி நேரத்துக்கு", "மணி நேரத்திற்கு", "மணிநேரத்துக்கு", "மணிநேரத்திற்கு"),
                     ("நாட்களுக்கு", "நாளுக்கு", "வாரங்களுக்கு", "மாதங்களுக்கு", "ஆண்டுகளுக்கு")),
    ),
    # Urdu
    Phrasing(
        after=("پہلے", "قبل"),
        units=_units(("سیکنڈ",), ("منٹ",), ("گھنٹے", "گھنٹہ"), ("دن", "ہفتے", "ہفتہ", "مہینے", "ماہ", "سال")),
        ones=("ایک",),
        now=("ابھی ابھی",),
    ),
    # Persian (Persian digits are digits to \d and int())
    Phrasing(
        after=("پیش", "قبل"),
        units=_units(("ثانیه",), ("دقیقه",), ("ساعت",), ("روز", "هفته", "ماه", "سال")),
        bare={"نیم ساعت": 1800},
        now=("لحظاتی پیش", "همین الان"),
        unless=r"\s*از",  # ("۲ ساعت قبل از شروع": 2 hours before the start)
    ),
)  # fmt: skip


def _words(words: Iterable[str]) -> str:
    """An alternation of ``words`` (longest first), each also in its case-folded form: the edit
    comparison matches folded text, where Greek "ώρες" reads "ώρεσ"."""
    forms = {form for word in words for form in (word, word.casefold())}
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(forms, key=len, reverse=True))


def _phrase(lang: Phrasing, *, named: bool) -> str:
    def group(name: str, body: str) -> str:
        return f"(?P<{name}>{body})" if named else f"(?:{body})"

    end = r"(?!\w)" if lang.spaced else ""
    number = r"\d{1,6}" + (rf"|(?:{_words(lang.ones)})\s+" if lang.ones else "")
    linked = rf"(?:\s+{lang.linker})?" if lang.linker else ""
    counted = rf"{group('n', number)}{linked}\s*{group('u', _words(lang.units))}\.?{end}"
    amount = rf"(?:{counted}|{group('bare', _words(lang.bare))}{end})" if lang.bare else counted
    start = r"(?<![\w.])" if lang.spaced else r"(?<![\d.])"
    unless = f"(?!{lang.unless})" if lang.unless else ""
    if lang.before:
        phrase = rf"(?<!\w)(?:{_words(lang.before)})\s+{amount}{unless}"
    elif lang.after:
        phrase = rf"{start}{amount}\s*(?:{_words(lang.after)}){end}{unless}"
    else:
        phrase = rf"{start}{amount}{unless}"
    if lang.now:
        phrase += rf"|{group('now', _words(lang.now))}{end}"
    return phrase


PATTERN = "|".join(f"(?:{_phrase(lang, named=False)})" for lang in _LANGUAGES)
"""These languages' relative times, as one pattern without groups (match it case-insensitively)."""

_PARSERS = tuple((lang, re.compile(_phrase(lang, named=True), re.IGNORECASE)) for lang in _LANGUAGES)


def parse(text: str) -> tuple[bool, dt.timedelta | None]:
    """Whether ``text`` is wholly one of these languages' relative times, and how long ago it says
    (None when coarser than hours)."""
    for lang, parser in _PARSERS:
        match = parser.fullmatch(text.strip())
        if match is None:
            continue
        if match["now"] if lang.now else False:
            return True, dt.timedelta(0)
        if lang.bare and match["bare"]:
            return True, dt.timedelta(seconds=_lookup(lang.bare, match["bare"]) or 0)
        seconds = _lookup(lang.units, match["u"])
        if seconds is None:
            return True, None
        number = match["n"].strip()
        return True, dt.timedelta(seconds=seconds * (int(number) if number.isdigit() else 1))
    return False, None


def _lookup(table: Mapping[str, int | None], word: str) -> int | None:
    """``table``'s value for ``word`` as the text writes it (any case, spacing or folding)."""
    wanted = " ".join(word.casefold().split()).rstrip(".")
    return next((v for k, v in table.items() if k.casefold().rstrip(".") == wanted), None)


#: Words one of these languages' relative times without a digit always holds (relativetime's
#: RELATIVE_HINTS): "час назад", "acum o oră", "לפני שעה", "egy perce", and every "just now".
HINTS = (
    "назад", "тому", "преди", "пре ", "prije", "pre sat", "pre pola", "pre jed", "pred ", "acum ", "πριν",
    "órája", "egy perce", "ezelőtt", "lalu", "nakalipas", "לפני", "پیش", "पहले", "আগে", "پہلے", "முன்",
    *dict.fromkeys(word for lang in _LANGUAGES for word in lang.now),
)  # fmt: skip


def strip(folded: str, found: frozenset[str]) -> str:
    """Case-folded text without these languages' relative times, each put as a space: the edit
    comparison's step for them. ``found`` holds the words of :data:`CUE_WORDS` that stand in the
    text; each language's own small pattern runs only where its words stand, so an Italian
    "sempre" costs a look for a Croatian "pre" phrase, not for every language's."""
    for _order, pattern in sorted({entry for word in found for entry in _PATTERNS_BY_CUE.get(word, ())}):
        folded = pattern.sub(" ", folded)
    return folded


def _lang_cues() -> dict[str, list[tuple[int, re.Pattern[str]]]]:
    by_cue: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
    for order, lang in enumerate(_LANGUAGES):
        pattern = re.compile(_phrase(lang, named=False))
        for cue in lang.cues:
            by_cue.setdefault(cue, []).append((order, pattern))
    return by_cue


# (ordered by language: the removals run in one order whatever the set's)
_PATTERNS_BY_CUE = _lang_cues()
#: Words (case-folded) one of which every phrase of these languages holds.
CUE_WORDS = tuple(_PATTERNS_BY_CUE)
