import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.utils import translation

from expo.admin import BoothScoreInline
from expo.models import Booth, BoothScore
from expo.services import booth_score, booth_score_delete
from tests.factories import BoothFactory, VerifiedUserFactory


def score(booth, curator, value):
    return BoothScore.objects.create(
        booth=booth, curator=curator, originality=value, quality_capacity=value,
        packaging=value, legality=value,
    )  # fmt: skip


def row(index, obj, value, delete=False):
    data = {
        f"scores-{index}-id": str(obj.pk),
        f"scores-{index}-booth": str(obj.booth_id),
        f"scores-{index}-comment": "",
        **{
            f"scores-{index}-{field}": str(value)
            for field in ("originality", "quality_capacity", "packaging", "legality")
        },
    }
    if delete:
        data[f"scores-{index}-DELETE"] = "on"
    return data


def test_a_curator_saves_only_their_own_score_and_cannot_delete_anothers(rf, regions):
    booth = BoothFactory(status=Booth.Status.APPLIED)
    alice = VerifiedUserFactory(is_staff=True, is_superuser=True)
    bob = VerifiedUserFactory(is_staff=True, is_superuser=True)
    own, others = score(booth, alice, 3), score(booth, bob, 4)
    request = rf.post("/")
    request.user = alice
    formset_class = BoothScoreInline(Booth, admin.site).get_formset(request, booth)
    data = {
        "scores-TOTAL_FORMS": "2",
        "scores-INITIAL_FORMS": "2",
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "20",
        **row(0, own, 5),
        **row(1, others, 1, delete=True),
    }
    formset = formset_class(data, instance=booth, prefix="scores")
    assert formset.is_valid(), formset.errors
    admin.site._registry[Booth].save_formset(request, None, formset, change=True)

    own.refresh_from_db()
    others.refresh_from_db()
    assert (own.originality, own.legality) == (5, 5)
    assert (others.originality, others.legality) == (4, 4)  # Bob's score is untouched


def admin_request(rf, user):
    request = rf.post("/")
    request.user = user
    request._messages = CookieStorage(request)
    return request


def scores_formset(request, booth, *rows):
    formset_class = BoothScoreInline(Booth, admin.site).get_formset(request, booth)
    data = {
        "scores-TOTAL_FORMS": str(len(rows)),
        "scores-INITIAL_FORMS": str(len(rows)),
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "20",
    }
    for index, (obj, value) in enumerate(rows):
        data.update(row(index, obj, value))
    return formset_class(data, instance=booth, prefix="scores")


def test_the_admin_refuses_to_change_another_curators_score_and_says_so(rf, regions):
    booth = BoothFactory(status=Booth.Status.APPLIED)
    alice = VerifiedUserFactory(is_staff=True, is_superuser=True)
    bob = VerifiedUserFactory(is_staff=True, is_superuser=True)
    others = score(booth, bob, 4)
    request = admin_request(rf, alice)
    formset = scores_formset(request, booth, (others, 2))
    assert formset.is_valid(), formset.errors

    with translation.override("en"):
        admin.site._registry[Booth].save_formset(request, None, formset, change=True)

    others.refresh_from_db()
    assert (others.originality, others.curator) == (4, bob)
    assert [str(m) for m in get_messages(request)] == [
        "Each curator's score is their own: only they can change it."
    ]


def test_the_admin_refuses_a_score_out_of_range(rf, regions):
    booth = BoothFactory(status=Booth.Status.APPLIED)
    alice = VerifiedUserFactory(is_staff=True, is_superuser=True)
    own = score(booth, alice, 3)
    request = admin_request(rf, alice)
    formset = scores_formset(request, booth, (own, 6))

    assert not formset.is_valid()
    own.refresh_from_db()
    assert own.originality == 3


def test_a_new_score_in_the_admin_replaces_the_curators_own_row(rf, regions):
    booth = BoothFactory(status=Booth.Status.APPLIED)
    alice = VerifiedUserFactory(is_staff=True, is_superuser=True)
    score(booth, alice, 3)
    request = admin_request(rf, alice)
    formset_class = BoothScoreInline(Booth, admin.site).get_formset(request, booth)
    data = {
        "scores-TOTAL_FORMS": "1",
        "scores-INITIAL_FORMS": "0",
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "20",
        "scores-0-booth": str(booth.pk),
        "scores-0-comment": "Rapi",
        **{
            f"scores-0-{field}": "5"
            for field in ("originality", "quality_capacity", "packaging", "legality")
        },
    }
    formset = formset_class(data, instance=booth, prefix="scores")
    assert formset.is_valid(), formset.errors

    admin.site._registry[Booth].save_formset(request, None, formset, change=True)

    only = BoothScore.objects.get(booth=booth)
    assert (only.curator, only.average, only.comment) == (alice, 5, "Rapi")


def test_a_curator_cannot_score_or_delete_in_another_curators_name(regions):
    booth = BoothFactory(status=Booth.Status.APPLIED)
    alice, bob = VerifiedUserFactory(is_staff=True), VerifiedUserFactory(is_staff=True)
    bobs = score(booth, bob, 4)
    with pytest.raises(ValidationError) as refused:
        booth_score(booth=booth, curator=bob, by=alice, originality=1, quality_capacity=1,
                    packaging=1, legality=1)  # fmt: skip
    assert refused.value.code == "not_own"
    with pytest.raises(ValidationError):
        booth_score_delete(score=bobs, by=alice)
    bobs.refresh_from_db()
    assert bobs.originality == 4


def test_the_booth_form_cannot_change_a_decision(rf, regions):
    """Approving numbers the booth and emails the business: only the actions decide."""
    booth = BoothFactory(status=Booth.Status.APPLIED)
    request = admin_request(rf, VerifiedUserFactory(is_staff=True, is_superuser=True))
    booth_admin = admin.site._registry[Booth]
    form_class = booth_admin.get_form(request, booth, change=True)
    assert "status" not in form_class.base_fields
    assert "status" in booth_admin.get_readonly_fields(request, booth)
