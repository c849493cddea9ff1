"""A paginator told its count pages by it and never counts the list itself."""

import pytest

from catalog.models import Product
from core.paging import CountedPaginator
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_a_counted_paginator_pages_by_the_given_count_without_a_count_query(
    regions, django_assert_num_queries
):
    for _ in range(5):
        ProductFactory()
    products = Product.objects.order_by("pk")
    paginator = CountedPaginator(products, 2, count=5)
    with django_assert_num_queries(1):  # the page's rows only: no COUNT(*)
        page = paginator.get_page(3)
        shown = list(page.object_list)
    assert paginator.num_pages == 3
    assert shown == list(products)[4:]
    assert page.has_next() is False
    assert paginator.capped is False


def test_a_capped_count_stops_the_pages_at_the_cap(regions, django_assert_num_queries):
    for _ in range(5):
        ProductFactory()
    paginator = CountedPaginator(Product.objects.order_by("pk"), 2, count=4, capped=True)
    with django_assert_num_queries(1):
        page = paginator.get_page(99)  # past the last page: the last one, as Paginator does
        assert len(page.object_list) == 2
    assert page.number == 2
    assert paginator.capped is True
    assert paginator.get_page("x").number == 1
