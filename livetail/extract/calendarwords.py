"""Month and weekday names as live blogs print them, in every language the extractor reads, and
a compact regex alternation of such words (``word_alternation``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["ENGLISH_WEEKDAYS", "MONTHS", "PORTUGUESE_SHORT_MONTHS", "WEEKDAYS", "word_alternation"]

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            # English, then German, French, Spanish, Italian and Dutch names and abbreviations, then
            # Portuguese, Polish, Czech, Turkish, Nordic and Finnish (not "set" or "out": "Set 5"),
            # then Indonesian, Russian and Ukrainian (as dates print them: "23 марта"), then Arabic
            # (the Egyptian and Gulf names, and the Levantine ones that are one word), then
            # Hungarian and Estonian, then Bengali and Hindi (with and without their nukta letters composed)
            "jan january januar jänner janvier janv enero ene gennaio januari"
            " janeiro stycznia styczeń ledna leden ocak tammikuuta января січня يناير január jaanuar জানুয়ারি জানুয়ারী জানুয়ারী জানুয়ারি जनवरी",
            "feb february februar février fevrier févr fevr febrero febbraio februari"
            " fevereiro fev lutego luty února únor şubat helmikuuta февраля лютого فبراير شباط febr február veebruar ফেব্রুয়ারি ফেব্রুয়ারী ফেব্রুয়ারী ফেব্রুয়ারি फ़रवरी फरवरी",
            "mar march märz maerz mrz mars marzo maart março marco marca marzec března březen mart marts"
            " maaliskuuta maret марта березня مارس آذار márc március märts মার্চ मार्च",
            "apr april avril abril aprile abr kwietnia kwiecień dubna duben nisan huhtikuuta апреля квітня أبريل إبريل ابريل نيسان ápr április aprill এপ্রিল अप्रैल",
            "may mai mayo maggio mei maio maja maj května květen mayıs toukokuuta мая травня مايو أيار máj május মে मई",
            "jun june juni juin junio giugno junho czerwca czerwiec června červen haziran kesäkuuta июня червня يونيو يونيه حزيران jún június juuni জুন जून",
            "jul july juli juillet juil julio luglio julho lipca lipiec července červenec temmuz heinäkuuta июля липня يوليو يوليه تموز júl július juuli জুলাই जुलाई",
            "aug august août aout agosto augustus augusti sierpnia sierpień srpna srpen ağustos elokuuta agustus августа серпня أغسطس اغسطس آب augusztus আগস্ট অগস্ট अगस्त",
            "sep sept september septembre septiembre setiembre settembre setembro września wrzesień září"
            " eylül syyskuuta сентября вересня سبتمبر أيلول szept szeptember সেপ্টেম্বর सितंबर सितम्बर",
            "oct october oktober okt octobre octubre ottobre outubro października październik října říjen"
            " ekim lokakuuta октября жовтня أكتوبر اكتوبر október oktoober অক্টোবর অক্টোবর अक्टूबर अक्तूबर",
            "nov november novembre noviembre novembro listopada listopad listopadu kasım marraskuuta ноября листопада نوفمبر নভেম্বর नवंबर नवम्बर",
            "dec december dezember dez décembre decembre déc diciembre dic dicembre dezembro grudnia grudzień"
            " prosince prosinec aralık desember joulukuuta декабря грудня ديسمبر detsember ডিসেম্বর दिसंबर दिसम्बर",
        ),
        start=1,
    )
    for name in names.split()
}
_Trie = dict[str, "_Trie"]


def word_alternation(words: Iterable[str]) -> str:
    """A regex (no groups) matching any of ``words``, longest first, factored by common prefixes:
    ``jan(?:uary|vier|v)?``. An alternation of ~100 month names tried at every position costs
    several times more when each name is its own branch."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        ends = "" in node
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = (
            branches[0]
            if len(branches) == 1
            else "(?:" + "|".join(sorted(branches, key=len, reverse=True)) + ")"
        )
        if not ends:
            return body
        return (body if len(branches) == 1 and len(body) == 1 else f"(?:{body})") + "?"

    return f"(?:{pattern(tree)})"


#: Brazilian papers' dotted dates ("20.jan.2025 às 21h10", Folha): between dots "set", "out" and
#: "ago" are months, which MONTHS leaves out as English words.
PORTUGUESE_SHORT_MONTHS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"], start=1
    )
}

#: English weekdays in ``date.weekday()`` order.
ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS: frozenset[str] = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
        "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
        "segunda-feira", "terça-feira", "terca-feira", "quarta-feira", "quinta-feira", "sexta-feira",
        "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela",
        "pondělí", "úterý", "středa", "čtvrtek", "pátek", "neděle",
        "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "mandag", "tirsdag", "lørdag", "søndag",
        "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai",
        "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
        "понеділок", "вівторок", "середа", "четвер", "п'ятниця", "пʼятниця", "субота", "неділя",
        "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "الاحد",
    }
)  # fmt: skip
