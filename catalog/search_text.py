"""How text becomes search words, the same way for the index and for a buyer's query.

`words(text)`: lower case, accents folded ("batík" → "batik"), apostrophes dropped, hyphens split
("kerupuk-udang" → kerupuk, udang), reduplication made one word ("otak2", "otak-otak" → otak),
numbers kept with their units ("500gr", "500 gram" → "500g").

`stem(word)`: an Indonesian root from a dictionary (Sastrawi), accepted only when the word is not
itself a root and the stem is one ("anyaman", "dianyam" → anyam; "kemeja", "keripik" stay).

`query_words(text)`: the words of a query without the filler words buyers add ("kerajinan dari
bambu", "berbahan bambu"), unless nothing else is left.

Every word is made of `a-z`, digits and at most one decimal point, so it is safe inside a raw
`to_tsquery` and PostgreSQL's parser keeps it as one lexeme.
"""

import re
import unicodedata
from functools import cache, lru_cache

# Filler words of queries: never required (dropped unless the query has nothing else).
STOPWORDS = frozenset(
    [
        "dari",
        "yang",
        "berbahan",
        "bahan",
        "terbuat",
        "dibuat",
        "buatan",
        "untuk",
        "dan",
        "atau",
        "dengan",
        "di",
        "ke",
        "pada",
        "dalam",
        "ini",
        "itu",
        "serta",
        "juga",
        "jual",
        "beli",
        "harga",
        "murah",
        "khas",
        "asli",
        "ada",
        "oleh",
        "sebagai",
        "para",
        "of",
        "the",
        "and",
        "or",
        "for",
        "with",
        "from",
        "made",
        "in",
        "a",
        "an",
        "to",
        "by",
        "on",
        "at",
        "is",
    ]
)

# Words Sastrawi turns into an unrelated root although they are not in its dictionary.
NO_STEM = frozenset({"kerajinan", "perawatan", "pengrajin", "perajin", "kerupuk", "keripik"})

# Units written after a number, in their one spelling ("500gr", "500 gram" → "500g").
UNITS = {
    "g": "g", "gr": "g", "gram": "g", "grm": "g", "kg": "kg", "kilo": "kg", "kilogram": "kg",
    "mg": "mg", "ml": "ml", "l": "l", "lt": "l", "ltr": "l", "liter": "l", "litre": "l",
    "cm": "cm", "mm": "mm", "m": "m", "meter": "m", "metre": "m", "oz": "oz", "lb": "lb",
    "pcs": "pcs", "pc": "pcs", "biji": "pcs",
}  # fmt: skip

_GROUP = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*(?:-[a-z0-9]+(?:[.,][0-9]+)*)*")
_REDUPLICATED = re.compile(r"^([a-z]{2,})2$")
_NUMBER_UNIT = re.compile(r"^(\d+(?:\.\d+)?)([a-z]+)$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def fold(text: str) -> str:
    """Lower case without accents or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"['’`´]", "", plain.lower())


def _number(token: str) -> str:
    # "1,5" and "1.5" are one number; "1.000" (thousands) stays "1000".
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        return token.replace(".", "")
    return token.replace(",", ".").rstrip(".")


def _pieces(text: str) -> list[str]:
    out: list[str] = []
    for group in _GROUP.findall(fold(text)):
        parts = [p for p in group.split("-") if p]
        if len(parts) > 1 and len(set(parts)) == 1:  # "otak-otak"
            parts = parts[:1]
        for part in parts:
            redup = _REDUPLICATED.match(part)
            out.append(redup.group(1) if redup else part)
    return out


def words(text: str, *, with_parts: bool = False) -> list[str]:
    """The words of a text in order. A number with its unit becomes one word ("500g"); with
    `with_parts` (the index) the number and the unit follow it as words of their own, so "500"
    and "gram" alone find it too."""
    pieces = _pieces(text)
    out: list[str] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        match = _NUMBER_UNIT.match(piece)
        if match and match.group(2) in UNITS:
            number, unit = _number(match.group(1)), UNITS[match.group(2)]
        elif _NUMBER.match(_number(piece)) and i + 1 < len(pieces) and pieces[i + 1] in UNITS:
            number, unit = _number(piece), UNITS[pieces[i + 1]]
            i += 1
        else:
            out.append(_number(piece) if piece[:1].isdigit() else piece)
            i += 1
            continue
        i += 1
        if "." in number:  # the parser would split "1.5kg": keep the number and the unit
            out += [number, unit]
        else:
            out.append(number + unit)
            if with_parts:
                out += [number, unit]
    return [w for w in out if w and re.fullmatch(r"[a-z0-9]+(?:\.[0-9]+)?", w)]


@cache
def _dictionary() -> frozenset[str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(w.strip() for w in StemmerFactory().get_words() if w.strip())


@cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def is_root(word: str) -> bool:
    return word in _dictionary()


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Indonesian root of a word, or the word itself when it is a root, too short, not a
    plain word, or would become a root it has nothing to do with."""
    if len(word) < 5 or not word.isalpha() or word in NO_STEM or is_root(word):
        return word
    root = _stemmer().stem(word)
    if root != word and len(root) >= 3 and is_root(root):
        return root
    return word


def index_text(text: str, *, indonesian: bool = True) -> str:
    """The words of a text for the index, each followed by its stem when it has one."""
    out: list[str] = []
    for word in words(text, with_parts=True):
        out.append(word)
        if indonesian:
            root = stem(word)
            if root != word:
                out.append(root)
    return " ".join(out)


def query_words(text: str) -> list[str]:
    """The words of a query a match needs (filler words dropped unless they are all there is)."""
    found = words(text)
    kept = [w for w in found if w not in STOPWORDS]
    return kept or found


def normalised(text: str) -> str:
    """The query as the search log keeps it."""
    return " ".join(words(text))[:200]


def phrases(text: str) -> list[str]:
    """Comma-separated phrases, each as its normalised words ("Gula Aren, kripik" →
    ["gula aren", "kripik"])."""
    return [" ".join(words(part)) for part in text.split(",") if words(part)]
