from buyers.models import Favourite
from catalog.models import Product
from tests.factories import ProductFactory, VendorFactory
from vendors.models import Vendor


def test_toggle_without_javascript_saves_and_redirects_back_to_next(buyer_client, buyer, product):
    response = buyer_client.post(
        "/en/me/favourites/toggle/", {"kind": "product", "id": product.pk, "next": "/en/me/"}
    )
    assert response["Location"] == "/en/me/"
    assert list(Favourite.objects.filter(user=buyer.user).values_list("product", flat=True)) == [
        product.pk
    ]
    page = buyer_client.get("/en/me/favourites/").content.decode()
    assert "Saved to your favourites." in page
    assert "Woven ikat sarong" in page
    assert 'aria-pressed="true"' in page


def test_toggle_twice_removes_it(buyer_client, buyer, product):
    for _ in range(2):
        buyer_client.post("/en/me/favourites/toggle/", {"kind": "product", "id": product.pk})
    assert not Favourite.objects.filter(user=buyer.user).exists()
    assert "No saved products yet." in buyer_client.get("/en/me/favourites/").content.decode()


def test_htmx_toggle_returns_only_the_button_in_its_new_state(buyer_client, buyer):
    vendor = VendorFactory(name="Tenun Parengan")
    response = buyer_client.post(
        "/en/me/favourites/toggle/",
        {"kind": "vendor", "id": vendor.pk, "next": "/en/"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<form class="favourite"')
    assert 'aria-pressed="true"' in html
    assert "Saved to your favourites." in html  # announced to screen readers
    assert "<html" not in html
    assert Favourite.objects.get(user=buyer.user).vendor == vendor


def test_unpublished_product_or_unverified_vendor_cannot_be_saved(buyer_client, buyer):
    draft = ProductFactory(status=Product.Status.DRAFT)
    suspended = VendorFactory(status=Vendor.Status.SUSPENDED)
    assert (
        buyer_client.post(
            "/en/me/favourites/toggle/", {"kind": "product", "id": draft.pk}
        ).status_code
        == 404
    )
    assert (
        buyer_client.post(
            "/en/me/favourites/toggle/", {"kind": "vendor", "id": suspended.pk}
        ).status_code
        == 404
    )
    assert (
        buyer_client.post("/en/me/favourites/toggle/", {"kind": "shop", "id": 1}).status_code == 404
    )
    assert not Favourite.objects.exists()


def test_toggle_refuses_get_and_anonymous(client, product):
    assert client.get("/en/me/favourites/toggle/").status_code == 405
    response = client.post("/en/me/favourites/toggle/", {"kind": "product", "id": product.pk})
    assert response["Location"].startswith("/en/accounts/login/")
    assert not Favourite.objects.exists()


def test_offsite_next_falls_back_to_the_favourites_page(buyer_client, product):
    response = buyer_client.post(
        "/en/me/favourites/toggle/",
        {"kind": "product", "id": product.pk, "next": "//evil.example/"},
    )
    assert response["Location"] == "/en/me/favourites/"


def test_favourite_list_query_count_does_not_grow(
    buyer_client, buyer, django_assert_max_num_queries
):
    for _ in range(3):
        Favourite.objects.create(user=buyer.user, product=ProductFactory())
    with django_assert_max_num_queries(12) as few:
        buyer_client.get("/en/me/favourites/")
    for _ in range(12):
        Favourite.objects.create(user=buyer.user, product=ProductFactory())
        Favourite.objects.create(user=buyer.user, vendor=VendorFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = buyer_client.get("/en/me/favourites/").content.decode()
    assert page.count('class="favourite"') == 27


def render_buttons(user, products) -> str:
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import RequestFactory
    from django.utils import translation

    request = RequestFactory().get("/en/products/?q=ikat")
    request.user = user or AnonymousUser()
    template = Template(
        "{% load buyer_actions %}{% for p in products %}{% favourite_button p %}"
        '<a href="{% inquiry_url product=p %}">ask</a>{% endfor %}'
    )
    with translation.override("en"):
        return template.render(Context({"request": request, "products": products}))


def test_buttons_for_other_pages_read_the_favourites_once(buyer, django_assert_num_queries):
    products = ProductFactory.create_batch(5)
    Favourite.objects.create(user=buyer.user, product=products[2])
    with django_assert_num_queries(1):
        html = render_buttons(buyer.user, products)
    assert html.count('aria-pressed="true"') == 1
    assert html.count('aria-pressed="false"') == 4
    assert 'name="next" value="/en/products/?q=ikat"' in html
    assert f'href="/en/me/inquiries/new/?product={products[0].pk}"' in html


def test_anonymous_visitors_get_a_sign_in_link_instead(db):
    html = render_buttons(None, [ProductFactory()])
    assert "Sign in to save" in html
    assert "/accounts/login/?next=/en/products/%3Fq%3Dikat" in html
    assert "<form" not in html


def test_vendor_profile_offers_the_favourite_toggle_and_the_inquiry(buyer_client, buyer):
    vendor = VendorFactory(name="Tenun Parengan", slug="tenun-parengan")
    page = buyer_client.get("/en/vendors/tenun-parengan/").content.decode()
    assert f'<input type="hidden" name="id" value="{vendor.pk}">' in page
    assert 'name="next" value="/en/vendors/tenun-parengan/"' in page
    assert f'href="/en/me/inquiries/new/?vendor={vendor.pk}"' in page
    buyer_client.post(
        "/en/me/favourites/toggle/",
        {"kind": "vendor", "id": vendor.pk, "next": "/en/vendors/tenun-parengan/"},
    )
    page = buyer_client.get("/en/vendors/tenun-parengan/").content.decode()
    assert 'aria-pressed="true"' in page
