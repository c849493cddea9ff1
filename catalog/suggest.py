"""Suggestions as the buyer types in the search box: products, categories, regencies and
businesses whose names have words starting with what was typed ("kri sin" → "Kripik singkong").

At most four queries, each answered from an index or the cache: public products and verified
businesses through their partial GIN indexes on the words of their names
(`catalog_product_name_words`, `vendors_vendor_name_words`, prefix search `word:*`), categories
from the cached tree, regencies with public products from a list cached for ten minutes.
Nothing depends on the visitor, so the fragment is cached like any public page.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.cache import cache
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.http import urlencode

from catalog.models import Product
from catalog.selectors import category_tree
from core.models import Regency
from vendors.models import Vendor

LIMIT = 8
# Per source, so that one kind cannot fill the list; products take what the others leave.
PER_SOURCE = {"category": 2, "regency": 2, "business": 2}
MIN_LETTERS = 2
MAX_WORDS = 5
MAX_WORD_LENGTH = 40
REGENCIES_KEY = "catalog:suggest:regencies"
REGENCIES_SECONDS = 600
# Words regency names start with: typing "kab" alone should not suggest all 416 of them.
REGENCY_KINDS = {"kabupaten", "kota", "administrasi"}

# Product and business names as words, for prefix search. The same expressions are indexed
# (see the models' Meta.indexes): the query must repeat them exactly for the index to answer.
PRODUCT_NAME_WORDS = SearchVector("name_id", "name_en", config="simple")
VENDOR_NAME_WORDS = SearchVector("name", config="simple")


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "product", "category", "regency" or "business"
    label: str
    url: str
    detail: str = ""


def _fold(word: str) -> str:
    """The word without accents: "batík" → "batik"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def query_words(text: str) -> list[str]:
    """The typed words, lower case, letters and digits only (nothing else reaches SQL)."""
    words = re.findall(r"[^\W_]+", (text or "")[:200].lower())
    return [w[:MAX_WORD_LENGTH] for w in words][:MAX_WORDS]


def _prefix_tsquery(words: list[str]) -> SearchQuery:
    # Each word is a prefix of some word of the name; an accented word also matches unaccented.
    terms = []
    for word in words:
        folded = _fold(word)
        terms.append(f"({word}:* | {folded}:*)" if folded != word else f"{word}:*")
    return SearchQuery(" & ".join(terms), config="simple", search_type="raw")


def _matches(words: list[str], text: str) -> bool:
    """Every typed word starts some word of `text` (accents ignored)."""
    name_words = [_fold(w) for w in re.findall(r"[^\W_]+", text.lower())]
    return all(any(n.startswith(_fold(w)) for n in name_words) for w in words)


def _starts(words: list[str], text: str) -> bool:
    return _fold(text.lower()).startswith(_fold(words[0]))


def _catalogue_url(**params) -> str:
    return f"{reverse('catalog:list')}?{urlencode(params)}"


def _categories(words: list[str]) -> list[Suggestion]:
    found = []
    for top in category_tree():
        for category in [top, *top.subcategories]:
            if _matches(words, category.name_id) or _matches(words, category.name_en):
                url = _catalogue_url(category=category.slug)
                detail = top.name if category is not top else ""
                suggestion = Suggestion("category", category.name, url, detail)
                found.append((not _starts(words, category.name), suggestion))
    found.sort(key=lambda pair: pair[0])
    return [s for _, s in found[: PER_SOURCE["category"]]]


def regencies_with_products() -> list[tuple[str, str, str]]:
    """(name, slug, province name) of the regencies where some public product is made."""

    def load():
        has_products = Exists(Product.objects.public().filter(vendor__regency=OuterRef("pk")))
        return [
            (r.name, r.slug, r.province.name)
            for r in Regency.objects.filter(has_products).select_related("province")
        ]

    return cache.get_or_set(REGENCIES_KEY, load, REGENCIES_SECONDS)


def _regencies(words: list[str]) -> list[Suggestion]:
    found = []
    for name, slug, province in regencies_with_products():
        # "Kabupaten Lamongan" is found by "lam" and "kab lam", not by "kab" alone.
        significant = " ".join(w for w in name.split() if w.lower() not in REGENCY_KINDS)
        if _matches(words, name) and any(_matches([w], significant) for w in words):
            found.append(Suggestion("regency", name, _catalogue_url(regency=slug), province))
    found.sort(key=lambda s: len(s.label))
    return found[: PER_SOURCE["regency"]]


def _businesses(words: list[str], tsquery: SearchQuery) -> list[Suggestion]:
    vendors = (
        Vendor.objects.alias(words=VENDOR_NAME_WORDS)
        .filter(status=Vendor.Status.VERIFIED, words=tsquery)
        .alias(
            first=Case(
                When(name__istartswith=words[0], then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("regency")
        .only("name", "slug", "regency__name")
        .order_by("first", Length("name"), "pk")[: PER_SOURCE["business"]]
    )
    return [
        Suggestion("business", v.name, v.get_absolute_url(), v.regency.name if v.regency else "")
        for v in vendors
    ]


def _products(words: list[str], tsquery: SearchQuery, limit: int) -> list[Suggestion]:
    products = (
        Product.objects.alias(words=PRODUCT_NAME_WORDS)
        .filter(is_public=True, words=tsquery)
        .alias(
            first=Case(
                When(
                    Q(name_id__istartswith=words[0]) | Q(name_en__istartswith=words[0]),
                    then=Value(0),
                ),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .only("name_id", "name_en", "slug")
        .order_by("first", "-featured", Length("name_id"), "-pk")[:limit]
    )
    return [Suggestion("product", p.name, p.get_absolute_url()) for p in products]


def long_enough(text: str) -> bool:
    """Whether anything is suggested for `text`: two letters or digits at least."""
    return sum(len(w) for w in query_words(text)) >= MIN_LETTERS


def suggestions(text: str, *, limit: int = LIMIT) -> list[Suggestion]:
    """Up to `limit` suggestions for what was typed: categories, products, businesses, regencies.

    Nothing for fewer than two letters or digits.
    """
    if not long_enough(text):
        return []
    words = query_words(text)
    tsquery = _prefix_tsquery(words)
    categories = _categories(words)
    regencies = _regencies(words)
    businesses = _businesses(words, tsquery)
    products = _products(words, tsquery, limit - len(categories) - len(regencies) - len(businesses))
    return [*categories, *products, *businesses, *regencies][:limit]
