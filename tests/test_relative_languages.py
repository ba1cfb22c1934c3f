"""Relative times in the languages of :mod:`livetail.extract.relativelangs` (Russian, Ukrainian,
Bulgarian, Serbian, Croatian, Slovene, Slovak, Romanian, Greek, Hungarian, Vietnamese, Thai,
Indonesian, Filipino, Hebrew, Persian): read as times, taken out of the edit comparison, and a
page that prints them keeps its uids when it is fetched again later."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from livetail.extract.engine import extract
from livetail.extract.normalise import normalise_for_compare
from livetail.extract.relativetime import parse_relative
from livetail.extract.stampwords import is_stamp
from livetail.model import Document

MINUTE, HOUR = 60, 3600


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("5 минут назад", 5 * MINUTE),
        ("час назад", HOUR),
        ("Обновлено 2 часа назад", 2 * HOUR),
        ("полчаса назад", 30 * MINUTE),
        ("5 хвилин тому", 5 * MINUTE),
        ("годину тому", HOUR),
        ("2 год тому", 2 * HOUR),  # Ukrainian "год" is an hour...
        ("1 год назад", None),  # ...and Russian "год" a year
        ("преди 5 минути", 5 * MINUTE),
        ("преди час", HOUR),
        ("пре 3 сата", 3 * HOUR),
        ("acum 5 minute", 5 * MINUTE),
        ("acum o oră", HOUR),
        ("Acum 2 zile", None),
        ("prije 22 min", 22 * MINUTE),
        ("prije sat vremena", HOUR),
        ("pre 5 minuta", 5 * MINUTE),
        ("pred 5 minutami", 5 * MINUTE),
        ("pred uro", HOUR),
        ("pred 2 hodinami", 2 * HOUR),
        ("πριν από 5 λεπτά", 5 * MINUTE),
        ("ΠΡΙΝ ΑΠΟ 2 ΩΡΕΣ", 2 * HOUR),
        ("5 perce", 5 * MINUTE),
        ("egy órája", HOUR),
        ("5 perccel ezelőtt", 5 * MINUTE),
        ("5 phút trước", 5 * MINUTE),
        ("2 giờ trước", 2 * HOUR),
        ("5 นาทีที่แล้ว", 5 * MINUTE),
        ("2 ชั่วโมงที่แล้ว", 2 * HOUR),
        ("10 วินาทีที่แล้ว", 10),
        ("5 menit yang lalu", 5 * MINUTE),
        ("2 jam lalu", 2 * HOUR),
        ("5 minuto ang nakalipas", 5 * MINUTE),
        ("לפני 5 דקות", 5 * MINUTE),
        ("לפני שעתיים", 2 * HOUR),
        ("۵ دقیقه پیش", 5 * MINUTE),
        ("2 ساعت پیش", 2 * HOUR),
        ("5 मिनट पहले", 5 * MINUTE),  # Hindi
        ("२ घंटे पहले", 2 * HOUR),  # (in Devanagari digits)
        ("एक घंटा पहले", HOUR),
        ("৫ মিনিট আগে", 5 * MINUTE),  # Bengali
        ("5 நிமிடங்களுக்கு முன்", 5 * MINUTE),  # Tamil
        ("1 மணி நேரத்துக்கு முன்", HOUR),
        ("5 منٹ پہلے", 5 * MINUTE),  # Urdu
        ("3 گھنٹے پہلے", 3 * HOUR),
        ("только что", 0),
        ("5 дней назад", None),
    ],
)
def test_relative_times_in_more_languages(text: str, seconds: int | None) -> None:
    assert parse_relative(text) == (None if seconds is None else timedelta(seconds=seconds))
    assert is_stamp(text)


@pytest.mark.parametrize(
    "text",
    [
        "Тому що вони пішли",  # "because they left": no amount before "тому"
        "Pre 1990 nobody knew",
        "acumulat 5 minute",  # not the word "acum"
        "prijem 5 min",
        "5 kilometres ago",
        "Jam session 5 lalu",
    ],
)
def test_lookalikes_are_no_relative_time(text: str) -> None:
    assert parse_relative(text) is None
    assert not is_stamp(text)


# Each language's "N units ago" with the unit's length in seconds.
_TEMPLATES = [
    ("{n} минут назад", MINUTE),
    ("{n} часов назад", HOUR),
    ("{n} хвилин тому", MINUTE),
    ("преди {n} минути", MINUTE),
    ("acum {n} minute", MINUTE),
    ("prije {n} sati", HOUR),
    ("pred {n} minutami", MINUTE),
    ("πριν από {n} ώρες", HOUR),
    ("{n} órája", HOUR),
    ("{n} phút trước", MINUTE),
    ("{n} นาทีที่แล้ว", MINUTE),
    ("{n} jam yang lalu", HOUR),
    ("לפני {n} דקות", MINUTE),
    ("{n} ثانیه پیش", 1),
    ("{n} मिनट पहले", MINUTE),
    ("{n} ঘণ্টা আগে", HOUR),
    ("{n} منٹ پہلے", MINUTE),
]


@given(st.sampled_from(_TEMPLATES), st.integers(1, 999), st.integers(1, 999))
def test_any_amount_reads_right_and_never_changes_the_compared_text(
    template: tuple[str, int], first: int, second: int
) -> None:
    phrase, unit = template
    assert parse_relative(phrase.format(n=first)) == timedelta(seconds=first * unit)
    # A badge inside a post's text changes between fetches; the text compared for edits does not.
    before = normalise_for_compare(f"Пожар в центре. {phrase.format(n=first)} Сообщили власти.")
    after = normalise_for_compare(f"Пожар в центре. {phrase.format(n=second)} Сообщили власти.")
    assert before == after == normalise_for_compare("Пожар в центре. Сообщили власти.")


_POSTED = [datetime(2026, 3, 1, 11, 52, tzinfo=UTC), datetime(2026, 3, 1, 11, 5, tzinfo=UTC)]
_AGO = {
    "ru": lambda m: f"{m} минут назад" if m < 60 else f"{m // 60} часа назад",
    "ro": lambda m: f"acum {m} minute" if m < 60 else f"acum {m // 60} ore",
    "hr": lambda m: f"prije {m} min" if m < 60 else f"prije {m // 60} sata",
    "el": lambda m: f"πριν από {m} λεπτά" if m < 60 else f"πριν από {m // 60} ώρες",
    "vi": lambda m: f"{m} phút trước" if m < 60 else f"{m // 60} giờ trước",
    "he": lambda m: f"לפני {m} דקות" if m < 60 else f"לפני {m // 60} שעות",
    "hi": lambda m: f"{m} मिनट पहले" if m < 60 else f"{m // 60} घंटे पहले",
}


def _page(lang: str, now: datetime) -> bytes:
    posts = "".join(
        f'<div class="post"><span class="time">{_AGO[lang](int((now - at).total_seconds()) // 60)}</span>'
        f"<h3>Заголовок {k}: {html.escape(lang)}</h3><p>Текст новости номер {k}, без изменений.</p></div>"
        for k, at in enumerate(_POSTED)
    )
    return f'<html lang="{lang}"><body><main>{posts}</main></body></html>'.encode()


@pytest.mark.parametrize("lang", sorted(_AGO))
def test_a_page_read_again_later_keeps_its_uids_and_times(lang: str) -> None:
    """Fetched at 12:00 and again at 12:20, the same posts print other relative times ("55
    minutes ago" becomes "1 hour ago": the later fetch knows the older post's time only to the
    hour, and the store keeps the first reading); the uids stay the same."""
    results = []
    for now in (datetime(2026, 3, 1, 12, 0, tzinfo=UTC), datetime(2026, 3, 1, 12, 20, tzinfo=UTC)):
        document = Document(
            content=_page(lang, now), content_type="text/html; charset=utf-8", url="https://news.example/live"
        )
        results.append(extract(document, reference=now))
    first, later = results
    assert [u.title for u in first.updates] == [f"Заголовок {k}: {lang}" for k in range(2)]
    assert [u.published for u in first.updates] == _POSTED
    assert [u.uid for u in later.updates] == [u.uid for u in first.updates]
    assert [u.fingerprint for u in later.updates] == [u.fingerprint for u in first.updates]
    assert later.updates[0].published == _POSTED[0]


@pytest.mark.parametrize(
    "text",
    [
        "Victima, care are acum 34 de ani, a fost transportată la spital.",  # Romanian: "is now 34"
        "Pasien dirawat selama 3 hari lalu meninggal dunia.",  # Indonesian "lalu": "then"
        "Warga menunggu 5 jam lalu dievakuasi.",
        "Hai đội ra sân 30 phút trước khi trận đấu bắt đầu.",  # Vietnamese "trước khi": "before"
        "۲ ساعت قبل از شروع مسابقه",  # Persian "قبل از": "before"
        "30 นาทีก่อนตำรวจมาถึง",  # Thai: "30 minutes before the police came"
    ],
)
def test_phrases_that_only_look_like_relative_times_stay_in_the_compared_text(text: str) -> None:
    digits = [c for c in text if c.isdigit()]
    compared = normalise_for_compare(text)
    assert [c for c in compared if c.isdigit()] == digits  # (a corrected number is an edit)
