"""Pagination with a count the caller already has.

Django's `Paginator` counts its object list with `COUNT(*)`; a listing often knows the number
more cheaply (another query that reads fewer rows, a count capped at some limit, a maintained
table). `Paginator.count` is a cached property, which callers used to overwrite by hand before
asking for a page; this says so in one place.
"""

from functools import cached_property

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """`CountedPaginator(products, 24, count=n)`: pages of `products`, `n` of them in all.

    With `capped=True` the count is a floor ("1,000+"): the pages stop there, and
    `paginator.capped` lets the template say so."""

    def __init__(self, object_list, per_page, *, count: int, capped: bool = False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._given_count = max(0, int(count))
        self.capped = capped

    @cached_property
    def count(self) -> int:
        return self._given_count
