"""Pages and stamps from the fourteenth probe and the known gaps left by the thirteenth (December
2026): Portuguese and Hebrew stamps, and guards from the review of the rules they led to. Each
test names what the page does that tripped the extractor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from builders import extract_page

from livetail.extract.stampwords import is_stamp, says_updated
from livetail.extract.timelabel import is_time_label, time_label

_BRT = timezone(timedelta(hours=-3))


@pytest.mark.parametrize(
    "stamp",
    [
        "Atualizado às 14:05",  # G1, Folha, UOL
        "Atualizado às 14h05",
        "Publicado às 14h05",
        "Publicado em 14/03/2024 14h05",
        "Atualizado em 14/03/2024 14h05",
        "14/03/2024 14h05",
        "20.jan.2025 às 14h05",  # Folha's dateline
        "עודכן ב-21:40",  # Haaretz, Ynet: "updated at", the "at" glued to the clock
        "פורסם ב-21:40",
        "עודכן ב־21:40",  # (the Hebrew maqaf)
    ],
)
def test_portuguese_and_hebrew_stamps_are_stamps_and_labels(stamp: str) -> None:
    assert is_stamp(stamp)
    assert is_time_label(stamp)


def test_portuguese_and_hebrew_edit_times_follow_the_posts_own() -> None:
    for line, clock, edited in (
        ("14h05 Atualizado às 15h10", (14, 5), (15, 10)),
        ("21:30 עודכן ב-21:40", (21, 30), (21, 40)),
    ):
        label = time_label(line)
        assert label is not None and label.clock is not None and label.edited is not None
        assert (label.clock.hour, label.clock.minute) == clock
        assert (label.edited.hour, label.edited.minute) == edited
    assert says_updated("Atualizado às 14:05") and not says_updated("Publicado às 14h05")


@pytest.mark.parametrize(
    "line",
    [
        "Em 2024, o governo anunciou",  # a sentence, not a stamp
        "Em 14 cidades",
        "ב-2024",
        "às vezes",
    ],
)
def test_the_glue_words_alone_are_no_stamp(line: str) -> None:
    assert not is_stamp(line)
    assert not is_time_label(line)


def test_an_inline_portuguese_blog_of_publicado_as_lines() -> None:
    # G1 and UOL in an article body: "<p><strong>Publicado às 14h05</strong></p>" over each post's
    # paragraphs, an edit in an <em> beside it. "às" was no stamp word: no strategy found a post.
    posts = [
        ("16h40", "A Defesa Civil emitiu alerta para a zona sul da capital. Moradores devem evitar áreas de risco.", " <em>Atualizado às 16h52</em>"),
        ("15h10", "O rio transbordou na altura da ponte das Bandeiras. O trânsito foi desviado.", ""),
        ("14h05", "Congonhas suspendeu pousos por 40 minutos por causa do temporal. Voos foram desviados.", ""),
    ]  # fmt: skip
    body = "".join(
        f"<p><strong>Publicado às {at}</strong>{edit}</p><p>{text}</p>" for at, text, edit in posts
    )
    page = (
        '<html lang="pt-BR"><body><h1>AO VIVO: temporal em São Paulo</h1>'
        f'<article class="content">{body}</article></body></html>'
    )
    updates = extract_page(page, datetime(2024, 3, 14, 22, 0, tzinfo=UTC), "America/Sao_Paulo")
    assert [u.published for u in updates] == [
        datetime(2024, 3, 14, 16, 40, tzinfo=_BRT),
        datetime(2024, 3, 14, 15, 10, tzinfo=_BRT),
        datetime(2024, 3, 14, 14, 5, tzinfo=_BRT),
    ]
    assert [u.modified for u in updates] == [datetime(2024, 3, 14, 16, 52, tzinfo=_BRT), None, None]
    assert [u.text for u in updates] == [text for _, text, _ in posts]
