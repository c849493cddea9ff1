"""The staff's search vocabulary, applied to a query when it runs (the index never changes).

- Spelling variants (`SearchVariant`) go both ways: "kripik" finds "keripik" and back.
- Synonyms (`SearchSynonym`) go one way: "cassava" finds "singkong", "singkong" does not find
  what "cassava" alone would. A broad word ("weaving" → tenun, anyaman) stays broad only when
  typed; "tenun" still finds tenun only.

A query becomes groups, one per word (or glossary phrase), AND-ed; each group is an OR of its
alternatives, each alternative a word sequence (AND-ed), each word OR its stem.

Both lists are cached together and dropped whenever staff save or delete an entry
(`catalog.receivers`). `STARTER_*` seed them (migrations 0011 and 0013) for the seeded categories.
"""

import difflib
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection

from catalog.search_text import query_words, stem, words

VOCABULARY_KEY = "catalog:search-vocabulary:v1"
INDEX_WORDS_KEY = "catalog:search-index-words:v2"
INDEX_WORDS_SECONDS = 6 * 3600
MAX_PHRASE = 3

STARTER_VARIANTS = [
    "kripik, keripik", "krupuk, kerupuk", "colour, color", "jewellery, jewelry",
    "grey, gray", "fibre, fiber", "flavour, flavor", "fertiliser, fertilizer",
    "sambel, sambal", "tempe, tempeh", "sutra, sutera", "rotan, rattan", "cabai, cabe",
    "jamu, djamu", "batik, bathik", "sarung, sarong", "gula aren, gula merah",
    "emping, emping melinjo", "dodol, jenang", "rengginang, ranginang",
    # Second starter batch (migration 0013): spellings Indonesians use side by side, and British
    # and American English.
    "coklat, cokelat", "serai, sereh", "asam, asem", "mi, mie", "eceng gondok, enceng gondok",
    "kerudung, krudung", "kopiah, peci", "aluminium, aluminum", "metre, meter",
    "colourful, colorful", "centre, center", "yoghurt, yogurt", "moulded, molded",
    "favourite, favorite", "organise, organize", "catalogue, catalog",
]  # fmt: skip

# English (and other) words → the words the catalogue uses; one way.
STARTER_SYNONYMS = [
    ("cassava", "singkong, ketela"), ("chips", "keripik"), ("chip", "keripik"),
    ("crisps", "keripik"), ("shrimp", "udang"), ("prawn", "udang"), ("prawns", "udang"),
    ("crackers", "kerupuk"), ("cracker", "kerupuk"), ("honey", "madu"),
    ("palm sugar", "gula aren, gula merah"), ("coconut sugar", "gula kelapa"),
    ("coconut", "kelapa"), ("charcoal", "arang"), ("briquettes", "briket"),
    ("briquette", "briket"), ("fish", "ikan"), ("grouper", "kerapu"), ("milkfish", "bandeng"),
    ("lobster", "lobster"), ("bamboo", "bambu"), ("rattan", "rotan"),
    ("weaving", "tenun, anyaman"), ("woven", "tenun, anyaman"), ("basket", "keranjang"),
    ("baskets", "keranjang"), ("cloth", "kain"), ("fabric", "kain"), ("sarong", "sarung"),
    ("shirt", "kemeja"), ("table", "meja"), ("chair", "kursi"), ("furniture", "mebel"),
    ("wood", "kayu"), ("wooden", "kayu"), ("teak", "jati"), ("carving", "ukiran"),
    ("leather", "kulit"), ("bag", "tas"), ("bags", "tas"), ("wallet", "dompet"),
    ("shoes", "sepatu"), ("sandals", "sandal"), ("belt", "sabuk, ikat pinggang"),
    ("coffee", "kopi"), ("tea", "teh"), ("spices", "rempah, bumbu"), ("spice", "rempah, bumbu"),
    ("ginger", "jahe"), ("turmeric", "kunyit"), ("chilli", "cabai, cabe, sambal"),
    ("chili", "cabai, cabe, sambal"), ("sauce", "saus, sambal"), ("corn", "jagung"),
    ("cake", "kue"), ("cakes", "kue"), ("snack", "camilan, makanan ringan"),
    ("snacks", "camilan, makanan ringan"), ("fertilizer", "pupuk"), ("compost", "kompos"),
    ("seeds", "bibit, benih"), ("plants", "tanaman"), ("soap", "sabun"),
    ("essential oil", "minyak atsiri"), ("herbal", "herbal, jamu"),
    ("souvenir", "suvenir, cendera mata"),
    ("gift", "suvenir, cendera mata"), ("jewellery", "perhiasan"), ("silver", "perak"),
    ("silk", "sutra"), ("cotton", "katun"), ("tempeh", "tempe"), ("rice", "beras, nasi"),
    ("flour", "tepung"), ("frozen", "beku"), ("dried", "kering"), ("salted fish", "ikan asin"),
    ("sea cucumber", "teripang"), ("anchovy", "teri"), ("anchovies", "teri"),
    ("key ring", "gantungan kunci"), ("keychain", "gantungan kunci"), ("boat", "perahu"),
    ("miniature", "miniatur"), ("modest wear", "busana muslim"), ("hijab", "jilbab, kerudung"),
    # Second starter batch (migration 0013): the everyday English of the catalogue's categories.
    # Food and drink
    ("banana", "pisang"), ("cheese", "keju"), ("peanut", "kacang, kacang tanah"),
    ("peanuts", "kacang, kacang tanah"), ("nuts", "kacang"), ("cashew", "mete, jambu mete"),
    ("cloves", "cengkeh"), ("clove", "cengkeh"), ("cinnamon", "kayu manis"), ("nutmeg", "pala"),
    ("pepper", "lada, merica"), ("vanilla", "vanili"), ("lemongrass", "serai"),
    ("galangal", "lengkuas"), ("candlenut", "kemiri"), ("tamarind", "asam"),
    ("sugar", "gula"), ("salt", "garam"), ("oil", "minyak"), ("coconut oil", "minyak kelapa"),
    ("soy sauce", "kecap"), ("sweet soy sauce", "kecap manis"), ("shrimp paste", "terasi"),
    ("rice crackers", "rengginang, kerupuk nasi"), ("mushroom", "jamur"), ("chicken", "ayam"),
    ("beef", "daging sapi"), ("goat", "kambing"), ("duck", "bebek, itik"), ("egg", "telur"),
    ("eggs", "telur"), ("salted egg", "telur asin"), ("crab", "kepiting, rajungan"),
    ("squid", "cumi"), ("mango", "mangga"), ("pineapple", "nanas"), ("jackfruit", "nangka"),
    ("fruit", "buah"), ("vegetables", "sayur"), ("chocolate", "cokelat"),
    ("cocoa", "kakao, cokelat"), ("candy", "permen"), ("sweets", "permen, manisan"),
    ("cookies", "kue kering"), ("biscuits", "biskuit, kue kering"), ("bread", "roti"),
    ("noodles", "mi"), ("syrup", "sirup"), ("juice", "jus, sari buah"), ("drink", "minuman"),
    ("drinks", "minuman"), ("milk", "susu"), ("herbal drink", "jamu"), ("spicy", "pedas"),
    ("sweet", "manis"), ("crispy", "renyah"), ("smoked", "asap"), ("shredded", "abon"),
    # Textiles and clothing
    ("headscarf", "jilbab, kerudung"), ("scarf", "syal, selendang"), ("shawl", "selendang"),
    ("tablecloth", "taplak meja"), ("food cover", "tudung saji"), ("dress", "gaun, baju"),
    ("clothes", "pakaian, baju"), ("clothing", "pakaian, busana"), ("t shirt", "kaos"),
    ("jacket", "jaket"), ("trousers", "celana"), ("pants", "celana"), ("cap", "topi, peci"),
    ("hat", "topi"), ("embroidery", "bordir, sulam"), ("embroidered", "bordir, sulam"),
    ("knitted", "rajut"), ("crochet", "rajut"), ("handwoven", "tenun"), ("dyed", "celup"),
    ("natural dye", "pewarna alam"),
    # Crafts and home
    ("broom", "sapu"), ("mat", "tikar"), ("rug", "karpet, permadani"), ("bowl", "mangkuk"),
    ("plate", "piring"), ("spoon", "sendok"), ("cup", "cangkir, gelas"), ("tray", "nampan"),
    ("lamp", "lampu"), ("painting", "lukisan"), ("sculpture", "patung"), ("statue", "patung"),
    ("mask", "topeng"), ("puppet", "wayang"), ("kite", "layang layang"),
    ("pottery", "gerabah, tembikar"), ("ceramic", "keramik"), ("ceramics", "keramik"),
    ("clay", "tanah liat"), ("glass", "kaca"), ("mirror", "cermin"), ("frame", "bingkai"),
    ("box", "kotak"), ("vase", "vas"), ("pillow", "bantal"), ("curtain", "gorden, tirai"),
    ("water hyacinth", "eceng gondok"), ("pandan", "pandan"), ("seagrass", "mendong"),
    ("handicraft", "kerajinan"), ("handicrafts", "kerajinan"), ("crafts", "kerajinan"),
    ("handmade", "buatan tangan, kerajinan"),
    # Jewellery and metal
    ("bracelet", "gelang"), ("necklace", "kalung"), ("ring", "cincin"), ("earrings", "anting"),
    ("brooch", "bros"), ("pearl", "mutiara"), ("gold", "emas"), ("brass", "kuningan"),
    ("copper", "tembaga"), ("iron", "besi"),
]  # fmt: skip


def _phrases(text: str) -> list[tuple[str, ...]]:
    return [tuple(words(part)) for part in text.split(",") if words(part)]


@dataclass
class Vocabulary:
    variants: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    synonyms: dict[tuple[str, ...], set[tuple[str, ...]]] = field(default_factory=dict)


def vocabulary_build(variant_rows, synonym_rows) -> Vocabulary:
    """The lookup tables from the rows (spelling lists; (term, means) pairs)."""
    vocab = Vocabulary()
    for row in variant_rows:
        group = set(_phrases(row))
        for phrase in group:
            if len(phrase) == 1:
                vocab.variants.setdefault(phrase[0], set()).update(group - {phrase})
            else:  # a phrase is looked up like a synonym, both ways within the group
                vocab.synonyms.setdefault(phrase, set()).update(group - {phrase})
    for term, means in synonym_rows:
        key = tuple(words(term))
        if key:
            vocab.synonyms.setdefault(key, set()).update(_phrases(means))
    return vocab


VOCABULARY_SQL = """
SELECT words, NULL FROM catalog_searchvariant
UNION ALL
SELECT term, means FROM catalog_searchsynonym
"""


def vocabulary() -> Vocabulary:
    vocab = cache.get(VOCABULARY_KEY)
    if vocab is None:
        with connection.cursor() as cursor:  # both lists in one query
            cursor.execute(VOCABULARY_SQL)
            rows = cursor.fetchall()
        vocab = vocabulary_build(
            [first for first, means in rows if means is None],
            [(first, means) for first, means in rows if means is not None],
        )
        cache.set(VOCABULARY_KEY, vocab, None)
    return vocab


def vocabulary_changed() -> None:
    cache.delete(VOCABULARY_KEY)


@dataclass(frozen=True)
class Group:
    typed: tuple[str, ...]  # the words as the buyer typed them
    alternatives: tuple[tuple[str, ...], ...]  # each a word sequence; the first is `typed`


def _singular(word: str) -> list[str]:
    forms = [word]
    if len(word) > 3 and word.endswith("es"):
        forms.append(word[:-2])
    if len(word) > 3 and word.endswith("s"):
        forms.append(word[:-1])
    return forms


def _alternatives(typed: tuple[str, ...], vocab: Vocabulary) -> tuple[tuple[str, ...], ...]:
    found: list[tuple[str, ...]] = [typed]
    targets: list[tuple[str, ...]] = []
    if len(typed) == 1:
        found += sorted(vocab.variants.get(typed[0], ()))
        for form in _singular(typed[0]):
            targets += sorted(vocab.synonyms.get((form,), ()))
    else:
        targets += sorted(vocab.synonyms.get(typed, ()))
    for target in targets:  # a synonym's own spellings count too ("chips" → keripik, kripik)
        found.append(target)
        if len(target) == 1:
            found += sorted(vocab.variants.get(target[0], ()))
    return tuple(dict.fromkeys(found))


def query_groups(text: str) -> list[Group]:
    vocab = vocabulary()
    typed = query_words(text)
    groups: list[Group] = []
    i = 0
    while i < len(typed):
        for size in range(MAX_PHRASE, 1, -1):
            phrase = tuple(typed[i : i + size])
            if len(phrase) == size and phrase in vocab.synonyms:
                groups.append(Group(phrase, _alternatives(phrase, vocab)))
                i += size
                break
        else:
            groups.append(Group((typed[i],), _alternatives((typed[i],), vocab)))
            i += 1
    return groups


def _word_or_stem(word: str, weights: str = "") -> str:
    root = stem(word)
    if root != word:
        return f"({word}{weights} | {root}{weights})"
    return f"{word}{weights}"


def tsquery_texts(groups: list[Group], *, weights: str = "") -> list[tuple[str, str]]:
    """For each group, a raw tsquery for the `simple` words and one for `english` (stems of the
    typed words: "baskets" finds "basket"). With `weights` ("A", "AB"), each word matches only
    there (":A" is the name: what the product is)."""
    suffix = f":{weights}" if weights else ""
    out = []
    for group in groups:
        simple = " | ".join(
            "(" + " & ".join(_word_or_stem(w, suffix) for w in alternative) + ")"
            for alternative in group.alternatives
        )
        english = " & ".join(f"{w}{suffix}" for w in group.typed)
        out.append((simple, english))
    return out


# --- Typos ----------------------------------------------------------------------------------

INDEX_WORDS_SQL = """
SELECT word, ndoc FROM ts_stat(
    'SELECT search_vector FROM catalog_product WHERE is_public', 'AB'
) WHERE word ~ '^[a-z]{3,}$'
UNION ALL
SELECT regexp_split_to_table(lower(concat_ws(' ', name_id, name_en)), '[^a-z]+'), 0
FROM catalog_category
"""
MAX_CORRECTIONS = 3  # corrected queries tried, best first, when the query finds nothing
NEAR_PER_WORD = 3


def index_words(*, refresh: bool = False) -> dict[str, int]:
    """The words of public products' names and categories, each with how many products have it
    (cached for hours: a typo's nearest word needs no fresher list). `refresh` rebuilds the list
    (the beat task `index_words_warm_task` does, before it expires: ~1 s at 100,000 products
    that no visitor's empty search should pay)."""
    found = None if refresh else cache.get(INDEX_WORDS_KEY)
    if found is None:
        found = {}
        with connection.cursor() as cursor:
            cursor.execute(INDEX_WORDS_SQL)
            for word, products in cursor.fetchall():
                if word:
                    found[word] = max(products, found.get(word, 0))
        cache.set(INDEX_WORDS_KEY, found, INDEX_WORDS_SECONDS)
    return found


def _known(word: str, known: Mapping[str, int], vocab: Vocabulary) -> bool:
    """A word of the catalogue or of the vocabulary (even with no product yet: "udang" is a
    category and a synonym's target, never a typo for "bandeng")."""
    return (
        word in known
        or stem(word) in known
        or word in vocab.variants
        or any((form,) in vocab.synonyms for form in _singular(word))
        or any(word in target for targets in vocab.synonyms.values() for target in targets)
    )


def _nearest(word: str, known: Mapping[str, int], candidates: list[str]) -> list[str]:
    """The known words nearest to `word`, best first: the closest spelling, and between equally
    close ones the word more products have ("batk" is "batik" before "batok")."""
    near = [c for c in candidates if abs(len(c) - len(word)) <= 2]
    matcher = difflib.SequenceMatcher(b=word)
    scored = []
    for candidate in near:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < 0.75 or matcher.quick_ratio() < 0.75:
            continue
        ratio = matcher.ratio()
        if ratio >= 0.75:
            scored.append((round(ratio, 2), known.get(candidate, 0), candidate))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
    return [candidate for *_, candidate in scored[:NEAR_PER_WORD]]


def corrections(text: str) -> list[str]:
    """Queries to try instead of one that found nothing, best first (at most MAX_CORRECTIONS):
    each unknown word replaced by one of its nearest known words. Empty when no word is unknown
    or none has a near word."""
    known = index_words()
    vocab = vocabulary()
    candidates = sorted(
        set(known) | set(vocab.variants) | {k[0] for k in vocab.synonyms if len(k) == 1}
    )
    options: list[list[str]] = []
    for word in query_words(text):
        if len(word) < 4 or not word.isalpha() or _known(word, known, vocab):
            options.append([word])
        else:
            options.append(_nearest(word, known, candidates) or [word])
    if all(len(o) == 1 and o[0] == w for o, w in zip(options, query_words(text), strict=True)):
        return []
    # Combinations in order of how far down each word's list they reach (the best of each first).
    combos = sorted(
        itertools.product(*[list(enumerate(o)) for o in options]),
        key=lambda combo: (sum(i for i, _ in combo), [i for i, _ in combo]),
    )
    return [" ".join(w for _, w in combo) for combo in combos[:MAX_CORRECTIONS]]


def corrected(text: str) -> str | None:
    """The best correction of a query (`corrections`), or None."""
    found = corrections(text)
    return found[0] if found else None
