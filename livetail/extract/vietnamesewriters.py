"""Two or three Vietnamese writers joined by " - ", as VnExpress signs a post ("Gia Chính - Minh
Cương"). The same shape is a writer and the province filed from ("Đức Hùng - Nghệ An"), a route
("Hà Nội - Hải Phòng") or a match ("Việt Nam - Thái Lan"): a part that is a place makes it none."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["joined_writers"]

# Letters only Vietnamese writes (and its tone marks on vowels)
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
# names of two to four words, two or three of them joined by " - "
_JOINED = re.compile(r"[^\W\d_]\w*(?: [^\W\d_]\w*){1,3}(?: - [^\W\d_]\w*(?: [^\W\d_]\w*){1,3}){1,2}")
# Provinces and cities (the 63 of before 2025, and the big cities' everyday names), the countries
# a match or a summit line names, and the papers a line credits as sources
_NOT_WRITERS = frozenset(
    unicodedata.normalize("NFC", place)
    for place in (
        "Hà Nội", "TP HCM", "Hồ Chí Minh", "Sài Gòn", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "An Giang", "Vũng Tàu",
        "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước",
        "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai",
        "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa",
        "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An",
        "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
        "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thanh Hoá",
        "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
        "Nha Trang", "Đà Lạt", "Hạ Long", "Phú Quốc", "Hội An", "Sa Pa",
        "Việt Nam", "Thái Lan", "Trung Quốc", "Hàn Quốc", "Nhật Bản", "Triều Tiên", "Ấn Độ", "Đài Loan",
        # papers credited as sources
        "Thanh Niên", "Tuổi Trẻ", "Dân Trí", "Lao Động", "Người Lao Động", "Tiền Phong", "Nhân Dân", "Tin Tức",
    )
)  # fmt: skip


def joined_writers(line: str) -> list[str] | None:
    """The writers of a Vietnamese line of names joined by " - "; None when it is no such line."""
    if " - " not in line or _VIETNAMESE.search(line) is None or _JOINED.fullmatch(line) is None:
        return None
    parts = line.split(" - ")
    if any(unicodedata.normalize("NFC", part) in _NOT_WRITERS for part in parts):
        return None
    return parts
