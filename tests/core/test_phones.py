import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.phones import phone_normalize


@pytest.mark.parametrize(
    "typed",
    ["0812 3456 7890", "081234567890", "0812-3456-7890", "+62 812-3456-7890", "62 812 3456 7890"],
)
def test_indonesian_numbers_are_stored_in_e164(typed):
    assert phone_normalize(typed) == "+6281234567890"


def test_a_foreign_number_with_its_country_code_is_kept_whatever_the_default_region():
    assert phone_normalize("+974 5555 0000") == "+97455550000"
    assert phone_normalize("+31 6 12345678", default_region="QA") == "+31612345678"


def test_a_local_number_is_read_in_the_given_region():
    assert phone_normalize("5555 0000", default_region="QA") == "+97455550000"
    assert phone_normalize("06 12345678", default_region="NL") == "+31612345678"


def test_without_a_region_the_country_code_is_required():
    with pytest.raises(ValidationError):
        phone_normalize("5555 0000", default_region=None)
    assert phone_normalize("+974 5555 0000", default_region=None) == "+97455550000"


@pytest.mark.parametrize(
    "typed", ["12ab", "0812", "+62 812 3456 7890 1234 5678", "tel", "+999 1234"]
)
def test_garbage_is_refused_with_a_translated_example(typed):
    with pytest.raises(ValidationError) as refused:
        phone_normalize(typed)
    assert refused.value.code == "invalid_phone"
    with translation.override("en"):
        assert refused.value.messages == ["Enter a valid phone number, for example 0812 3456 7890."]
    with translation.override("id"):
        assert refused.value.messages == [
            "Masukkan nomor telepon yang benar, contoh: 0812 3456 7890."
        ]


def test_the_example_follows_the_region():
    with pytest.raises(ValidationError) as refused:
        phone_normalize("12ab", default_region="QA")
    with translation.override("en"):
        assert refused.value.messages == ["Enter a valid phone number, for example +974 3312 3456."]
