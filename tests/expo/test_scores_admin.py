from django.contrib import admin

from expo.admin import BoothScoreInline
from expo.models import Booth, BoothScore
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
