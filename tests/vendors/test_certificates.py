from django.core.files.base import ContentFile
from django.urls import reverse

from tests.factories import CertificationFactory, VendorFactory, VerifiedUserFactory
from vendors.models import VendorMember


def test_the_document_is_served_to_the_team_and_never_on_the_public_profile(client, regions):
    owner = VerifiedUserFactory()
    vendor = VendorFactory(owner=owner)
    certification = CertificationFactory(vendor=vendor, number="ID35110000777")
    certification.document.save("c.pdf", ContentFile(b"%PDF-1.7 halal"))
    url = reverse("dashboard:certification_document", kwargs={"pk": certification.pk})

    public = client.get(vendor.get_absolute_url()).content.decode()
    assert "ID35110000777" in public
    assert url not in public
    assert "certificates/" not in public

    staff = VerifiedUserFactory()
    VendorMember.objects.create(vendor=vendor, user=staff, role="staff")
    client.force_login(staff)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 halal"

    client.force_login(VendorFactory().members.get().user)
    assert client.get(url).status_code == 404
