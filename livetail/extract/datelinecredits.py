"""Reporters named in a dateline that opens a post, as East Asian agencies and papers print it:
Taiwan's Central News Agency, "（中央社記者李晴宇、陳怡君花蓮縣3日電）" (reporters, place, day),
and Nikkei, "【ワシントン=中村亮】" (place, reporter). The dateline stays the post's text, as an
English "MOSCOW (AP) —" does; only the names are read from it."""

from __future__ import annotations

import re

__all__ = ["dateline_names"]

_KANJI_NAME = r"[\u4e00-\u9fff々]{2,4}"
_NAMES = rf"(?P<names>{_KANJI_NAME}(?:、{_KANJI_NAME})*)"
# Where CNA files from: Taiwan's cities and counties, and the bureaus abroad it datelines most.
# (The list tells the last name from the place: names of two and of three characters both occur.)
_CNA_PLACES = (
    "台北", "臺北", "新北", "桃園", "台中", "臺中", "台南", "臺南", "高雄", "基隆", "新竹", "苗栗", "彰化", "南投",
    "雲林", "嘉義", "屏東", "宜蘭", "花蓮", "台東", "臺東", "澎湖", "金門", "連江", "馬祖", "華盛頓", "紐約",
    "東京", "北京", "上海", "香港", "倫敦", "巴黎", "柏林", "首爾", "新德里", "曼谷", "雅加達", "馬尼拉", "河內",
    "吉隆坡", "新加坡", "莫斯科", "布魯塞爾", "日內瓦", "舊金山", "洛杉磯", "休士頓", "芝加哥", "多倫多",
    "溫哥華", "雪梨", "墨爾本", "耶路撒冷", "華沙", "羅馬", "馬德里", "維也納",
)  # fmt: skip
_CNA = re.compile(
    rf"[（(]中央社(?:駐\S{{1,6}}?特派員|記者){_NAMES}(?:{'|'.join(_CNA_PLACES)})[縣市]?\d{{1,2}}日(?:專|綜合外電)?電[）)]"
)
# Nikkei: a place, "=", the reporter; not an agency's credit ("【ロンドン=共同】")
_NIKKEI = re.compile(rf"【[^【】=＝]{{1,12}}[=＝]{_NAMES}】")
_AGENCIES = frozenset({"共同", "時事", "共同通信", "時事通信", "新華社", "ロイター", "聯合", "中央社"})
# (a desk or a paper, no one's name: "米州総局", "人民日報")
_NOT_A_NAME_ENDS = ("社", "局", "報", "部", "所", "省", "庁", "院", "会")
# The post's first text, past any opening tags but a quote's or a caption's, and its first
# paragraph's outside them (after a photo's caption)
_OPENING = re.compile(r"\A(?:\s*<(?!(?:blockquote|q|figcaption|figure)\b)[^<>]*>)*\s*")
_PARAGRAPH = re.compile(r"<p(?:\s[^<>]*)?>\s*")
_QUOTING = ("blockquote", "q", "figcaption")


def dateline_names(markup: str) -> list[str]:
    """The reporters a dateline opening ``markup`` (a post's body as HTML), or its first
    paragraph, names; [] if none. Never a quoted story's dateline, nor a caption's."""
    if "中央社" not in markup and "【" not in markup:
        return []
    starts = [m.end() for m in (_OPENING.match(markup), _first_own_paragraph(markup)) if m is not None]
    for at in dict.fromkeys(starts):
        for pattern in (_CNA, _NIKKEI):
            match = pattern.match(markup, at)
            if match is not None:
                names = match["names"].split("、")
                if any(name in _AGENCIES or name.endswith(_NOT_A_NAME_ENDS) for name in names):
                    return []
                return names
    return []


def _first_own_paragraph(markup: str) -> re.Match[str] | None:
    """The first ``<p>`` not inside a quote or a caption (their tags before it all closed)."""
    for match in _PARAGRAPH.finditer(markup):
        before = markup[: match.start()]
        if all(len(re.findall(rf"<{tag}\b", before)) == before.count(f"</{tag}>") for tag in _QUOTING):
            return match
    return None
