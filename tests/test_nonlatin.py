"""Clocks, dates and relative times in Chinese, Japanese, Korean and Arabic, and the zone a page
means by a clock printed without one (its host's country)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from livetail.extract.engine import extract
from livetail.extract.normalise import normalise_for_compare
from livetail.extract.stampwords import is_stamp
from livetail.extract.timelabel import time_label
from livetail.extract.timeparse import find_clock, parse_relative
from livetail.extract.zones import host_zone
from livetail.model import Document


@pytest.mark.parametrize(
    ("text", "hour", "minute", "day", "month_day"),
    [
        ("2024年3月14日 14時05分", 14, 5, date(2024, 3, 14), None),
        ("3月14日 14時05分", 14, 5, None, (3, 14)),
        ("3月14日(木) 午後2時5分", 14, 5, None, (3, 14)),
        ("午前9時30分", 9, 30, None, None),
        ("午後0時15分", 12, 15, None, None),
        ("午前0時15分", 0, 15, None, None),
        ("2時半", 2, 30, None, None),
        ("下午2:05", 14, 5, None, None),
        ("上午11:40", 11, 40, None, None),
        ("2024年3月14日 14:05", 14, 5, date(2024, 3, 14), None),
        ("14点05分", 14, 5, None, None),
        ("2024/03/14 14:05", 14, 5, date(2024, 3, 14), None),
        ("2024년 3월 14일 14:05", 14, 5, date(2024, 3, 14), None),
        ("3월 14일 오후 2시 5분", 14, 5, None, (3, 14)),
        ("오전 9시 30분", 9, 30, None, None),
        ("١٤:٠٥", 14, 5, None, None),  # Arabic-Indic digits
        ("2:05 م", 14, 5, None, None),  # masa'an: afternoon
        ("10:15 ص", 10, 15, None, None),  # sabahan: morning
        ("12:30 م", 12, 30, None, None),
        ("14 مارس 2024 - 14:05", 14, 5, date(2024, 3, 14), None),
        ("١٤ مارس ٢٠٢٤، ١٤:٠٥", 14, 5, date(2024, 3, 14), None),
    ],
)
def test_clocks_and_dates(
    text: str, hour: int, minute: int, day: date | None, month_day: tuple[int, int] | None
) -> None:
    clock = find_clock(text)
    assert clock is not None, text
    assert (clock.hour, clock.minute, clock.date, clock.month_day) == (hour, minute, day, month_day)
    assert clock.printed.isascii()  # the uid's time is canonical, whatever the script


@pytest.mark.parametrize(
    "text",
    [
        "3点建议",  # three points of a plan: an hour alone needs a morning or afternoon word
        "14時",
        "震度5強",
        "10年前",  # ten years ago: no clock
        "الساعة",
        "2024年",
    ],
)
def test_not_clocks(text: str) -> None:
    assert find_clock(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("منذ 5 دقائق", timedelta(minutes=5)),
        ("منذ دقيقة", timedelta(minutes=1)),
        ("منذ دقيقتين", timedelta(minutes=2)),  # a dual: two minutes
        ("منذ ساعة", timedelta(hours=1)),
        ("منذ ساعتين", timedelta(hours=2)),
        ("قبل ٣ ساعات", timedelta(hours=3)),
        ("منذ لحظات", timedelta(0)),
        ("منذ يومين", None),  # two days: coarser than hours
        ("5分钟前", timedelta(minutes=5)),
        ("5分前", timedelta(minutes=5)),
        ("3時間前", timedelta(hours=3)),
        ("2个小时前", timedelta(hours=2)),
        ("30秒前", timedelta(seconds=30)),
        ("刚刚", timedelta(0)),
        ("たった今", timedelta(0)),
        ("2天前", None),
        ("5분 전", timedelta(minutes=5)),
        ("3시간 전", timedelta(hours=3)),
        ("방금", timedelta(0)),
        ("10時5分前", None),  # five to ten, not five minutes ago
    ],
)
def test_relative_times(text: str, expected: timedelta | None) -> None:
    assert parse_relative(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024年3月14日 14時05分",
        "3月14日(木) 午後2時5分",
        "3월 14일(목) 14:05",
        "2:05 م",
        "14:05 (بتوقيت مكة المكرمة)",
        "الخميس 14 مارس 2024",
        "منذ 5 دقائق",
        "5分钟前",
        "更新 15:20",
    ],
)
def test_stamps(text: str) -> None:
    assert is_stamp(text)


@pytest.mark.parametrize("text", ["首相が会見 14時05分", "3点建议", "وصل الوزير 2:05 م"])
def test_not_stamps(text: str) -> None:
    assert not is_stamp(text)


@pytest.mark.parametrize(
    ("text", "hour", "relative"),
    [
        ("3月14日 14時05分", 14, None),
        ("오후 2시 5분", 14, None),
        ("2:05 م", 14, None),
        ("منذ 5 دقائق", None, timedelta(minutes=5)),
        ("5分钟前", None, timedelta(minutes=5)),
    ],
)
def test_time_labels(text: str, hour: int | None, relative: timedelta | None) -> None:
    label = time_label(text)
    assert label is not None
    assert (label.clock.hour if label.clock else None, label.relative) == (hour, relative)


def test_relative_phrases_are_not_edits() -> None:
    assert normalise_for_compare("منذ 5 دقائق قال المتحدث") == normalise_for_compare(
        "منذ 6 دقائق قال المتحدث"
    )
    assert normalise_for_compare("5分钟前 消息") == normalise_for_compare("7分钟前 消息")
    assert normalise_for_compare("3시간 전 속보") == normalise_for_compare("4시간 전 속보")


@given(st.integers(0, 23), st.integers(0, 59))
def test_every_cjk_clock_reads_back(hour: int, minute: int) -> None:
    for text in (f"{hour}時{minute:02d}分", f"{hour}시 {minute}분", f"{hour}点{minute}分"):
        clock = find_clock(text)
        assert clock is not None and (clock.hour, clock.minute) == (hour, minute), text
    twelve, half = hour % 12 or 12, "午後" if hour >= 12 else "午前"
    clock = find_clock(f"{half}{twelve}時{minute}分")
    assert clock is not None and (clock.hour, clock.minute) == (hour, minute)
    arabic = find_clock(f"{twelve}:{minute:02d} {'م' if hour >= 12 else 'ص'}")
    assert arabic is not None and (arabic.hour, arabic.minute) == (hour, minute)


@given(
    st.text(
        alphabet="0123456789年月日時分秒点時間前半午後前上下오후전분시초년월일منذدقائقساعة :/()", max_size=40
    )
)
def test_non_latin_text_never_raises(text: str) -> None:
    clock = find_clock(text)
    assert clock is None or (0 <= clock.hour <= 23 and 0 <= clock.minute <= 59)
    parse_relative(text)
    is_stamp(text)
    time_label(text)


# --- whole pages --------------------------------------------------------------------------------

_NHK_STYLE = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>地震 ライブ</title></head><body>
<nav><a href="/">ニュース</a> <a href="/live">ライブ</a></nav>
<div class="live-list">
<article class="live-item"><div class="live-time"><time>3月14日 14時05分</time></div>
<h3>首相が会見 被害状況を説明</h3><p>首相は午後、官邸で記者会見し、被害状況について説明しました。</p></article>
<article class="live-item"><div class="live-time"><time>3月14日 13時40分</time></div>
<h3>新幹線 運転見合わせ続く</h3><p>東北新幹線は全線で運転を見合わせています。</p></article>
<div class="ad">広告</div>
<article class="live-item"><div class="live-time"><time>3月14日 午後1時12分</time></div>
<h3>気象庁 津波注意報を解除</h3><p>気象庁は、午後1時すぎ、津波注意報をすべて解除しました。</p></article>
<article class="live-item"><div class="live-time"><time>3月13日 23時50分</time></div>
<h3>各地の震度</h3><p>震度5強を観測したのは宮城県の各地です。</p></article>
</div></body></html>"""


def test_a_japanese_page_on_a_jp_host_is_read_in_tokyo_time() -> None:
    document = Document(
        content=_NHK_STYLE.encode(),
        content_type="text/html; charset=utf-8",
        url="https://www3.nhk.or.jp/news/live/",
        date=datetime(2024, 3, 14, 5, 30, tzinfo=UTC),  # 14:30 in Tokyo
    )
    result = extract(document)
    assert [(u.title, u.published) for u in result.updates] == [
        ("首相が会見 被害状況を説明", datetime(2024, 3, 14, 5, 5, tzinfo=UTC)),
        ("新幹線 運転見合わせ続く", datetime(2024, 3, 14, 4, 40, tzinfo=UTC)),
        ("気象庁 津波注意報を解除", datetime(2024, 3, 14, 4, 12, tzinfo=UTC)),
        ("各地の震度", datetime(2024, 3, 13, 14, 50, tzinfo=UTC)),
    ]
    assert all("3月" not in u.text and "広告" not in u.text for u in result.updates)


_ARABIC_STYLE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>تغطية مباشرة</title></head>
<body><div class="liveblog">
<div class="post"><span class="date">منذ 5 دقائق</span><h2>وزير الخارجية يصل إلى القاهرة</h2>
<p>وصل وزير الخارجية إلى القاهرة في زيارة تستمر يومين لبحث التطورات.</p></div>
<div class="post"><span class="date">منذ 25 دقيقة</span><h2>ارتفاع حصيلة الضحايا</h2>
<p>أعلنت وزارة الصحة ارتفاع حصيلة الضحايا إلى أكثر من مئة شخص.</p></div>
<div class="post"><span class="date">منذ ساعتين</span><h2>انقطاع الكهرباء في عدة مناطق</h2>
<p>أفادت مصادر محلية بانقطاع التيار الكهربائي عن عدة مناطق في المدينة.</p></div>
<div class="post"><span class="date">١١:٤٠ ص</span><h2>بدء الاجتماع الطارئ</h2>
<p>بدأ الاجتماع الطارئ لوزراء الخارجية العرب صباح اليوم.</p></div>
</div></body></html>"""


def test_an_arabic_page_with_relative_times_and_a_morning_clock() -> None:
    document = Document(
        content=_ARABIC_STYLE.encode(),
        content_type="text/html; charset=utf-8",
        url="https://www.example.com/live",
        date=datetime(2024, 3, 14, 13, 0, tzinfo=UTC),
    )
    result = extract(document)
    assert [(u.title, u.published) for u in result.updates] == [
        ("وزير الخارجية يصل إلى القاهرة", datetime(2024, 3, 14, 12, 55, tzinfo=UTC)),
        ("ارتفاع حصيلة الضحايا", datetime(2024, 3, 14, 12, 35, tzinfo=UTC)),
        ("انقطاع الكهرباء في عدة مناطق", datetime(2024, 3, 14, 11, 0, tzinfo=UTC)),
        ("بدء الاجتماع الطارئ", datetime(2024, 3, 14, 11, 40, tzinfo=UTC)),
    ]
    assert not any("منذ" in u.text for u in result.updates)


# --- the host's country -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "zone"),
    [
        ("https://www.spiegel.de/live", "Europe/Berlin"),
        ("https://www.bbc.co.uk/news/live/x", "Europe/London"),
        ("https://www.irishtimes.ie/live", "Europe/Dublin"),
        ("https://www.ndtv.in/live", "Asia/Kolkata"),
        ("https://www3.nhk.or.jp/news/", "Asia/Tokyo"),
        ("https://WWW.LEMONDE.FR./live", "Europe/Paris"),
        ("https://www.theguardian.com/live", None),
        ("https://www.abc.net.au/news/live", None),  # Australia spans several zones
        ("https://news.example.co/live", None),
        ("file:///tmp/page.html", None),
    ],
)
def test_host_zone(url: str, zone: str | None) -> None:
    assert host_zone(url) == zone


def _german(url: str) -> Document:
    page = """<html lang="de"><body><div class="ticker">
    <div class="entry"><span class="zeit">14:05 Uhr</span><h3>Regierung tagt</h3><p>Das Kabinett ist zusammengetreten.</p></div>
    <div class="entry"><span class="zeit">13:40 Uhr</span><h3>Bahn stellt Verkehr ein</h3><p>Der Fernverkehr ruht bis zum Abend.</p></div>
    </div></body></html>"""
    return Document(
        content=page.encode(),
        content_type="text/html; charset=utf-8",
        url=url,
        date=datetime(2024, 1, 10, 14, 30, tzinfo=UTC),
    )


def test_a_clock_without_a_zone_on_a_de_page_is_berlin_time_unless_the_source_says_otherwise() -> None:
    on_de = extract(_german("https://www.tagesschau.de/ticker"))
    assert [u.published for u in on_de.updates] == [
        datetime(2024, 1, 10, 13, 5, tzinfo=UTC),  # 14:05 in Berlin in winter
        datetime(2024, 1, 10, 12, 40, tzinfo=UTC),
    ]
    on_com = extract(_german("https://www.example.com/ticker"))
    assert [u.published for u in on_com.updates] == [
        datetime(2024, 1, 10, 14, 5, tzinfo=UTC),
        datetime(2024, 1, 10, 13, 40, tzinfo=UTC),
    ]
    configured = extract(_german("https://www.tagesschau.de/ticker"), timezone="UTC")
    assert [u.published for u in configured.updates] == [u.published for u in on_com.updates]


def test_the_uid_does_not_depend_on_the_zone() -> None:
    # The uid hashes the time as printed: reading it in another zone moves no uid.
    on_de = extract(_german("https://www.tagesschau.de/ticker"))
    configured = extract(_german("https://www.tagesschau.de/ticker"), timezone="UTC")
    assert [u.uid for u in on_de.updates] == [u.uid for u in configured.updates]
