from core.models import Province, Regency
from core.services import regions_load


def test_data_migration_loads_every_province_and_regency(db):
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Regency.objects.filter(kind=Regency.Kind.KABUPATEN).count() == 416
    assert Regency.objects.filter(kind=Regency.Kind.KOTA).count() == 98


def test_lamongan_and_malang_have_their_kemendagri_codes_and_slugs(db):
    lamongan = Regency.objects.select_related("province").get(code="35.24")
    assert lamongan.name == "Kabupaten Lamongan"
    assert lamongan.slug == "kabupaten-lamongan"
    assert lamongan.kind == Regency.Kind.KABUPATEN
    assert lamongan.province.name == "Jawa Timur"
    assert Regency.objects.get(slug="kota-malang").code == "35.73"


def test_regions_load_is_idempotent(db):
    Regency.objects.filter(code="35.24").update(name="Renamed")
    assert regions_load() == (38, 514)
    assert Regency.objects.count() == 514
    assert Regency.objects.get(code="35.24").name == "Kabupaten Lamongan"


def test_every_regency_belongs_to_the_province_of_its_code(db):
    mismatched = [
        r.code for r in Regency.objects.select_related("province") if r.code[:2] != r.province.code
    ]
    assert mismatched == []
