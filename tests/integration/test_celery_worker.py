import email
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from core.models import OutboundEmail
from core.services import outbox_add
from core.tasks import outbox_send_task, outbox_sweep_task
from tests.integration.worker_tasks import die_once_task
from tests.workers import use_broker, wait_for

pytestmark = pytest.mark.integration


def add_email(to: str) -> OutboundEmail:
    with transaction.atomic():
        return outbox_add(
            kind="test",
            to=[to],
            template="core/email/test",
            context={"name": "Budi"},
            language="id",
        )


def sent(pk: int) -> bool:
    return OutboundEmail.objects.get(pk=pk).status == OutboundEmail.Status.SENT


def outbox_ids(workers) -> list[str]:
    return [
        email.message_from_bytes(path.read_bytes())["X-Expo-Outbox-Id"]
        for path in workers.mail_files()
    ]


def test_worker_sends_an_email_enqueued_after_commit(workers):
    workers.start()
    row = add_email("buyer@example.com")
    wait_for(lambda: sent(row.pk), message="the worker to send the email")
    row.refresh_from_db()
    assert row.attempts == 1
    [path] = workers.mail_files()
    message = email.message_from_bytes(path.read_bytes())
    assert message["To"] == "buyer@example.com"
    assert message["Subject"] == "Pesan percobaan untuk Budi"


def test_email_written_while_redis_is_down_is_delivered_once_it_is_back(workers):
    workers.start()
    broker_url = workers.broker_url
    use_broker("redis://127.0.0.1:1/0")  # nothing listens there: publishing fails
    row = add_email("late@example.com")
    assert OutboundEmail.objects.get(pk=row.pk).status == OutboundEmail.Status.PENDING

    use_broker(broker_url)  # Redis is back; the periodic sweep runs
    OutboundEmail.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    outbox_sweep_task.delay()
    wait_for(lambda: sent(row.pk), message="the sweep to send the email")
    outbox_sweep_task.delay()  # a second sweep finds nothing left to send
    outbox_send_task.delay(email_id=row.pk)
    wait_for(lambda: len(workers.mail_files()) >= 1)
    assert outbox_ids(workers) == [str(row.pk)]


def test_two_workers_send_each_email_exactly_once(workers):
    workers.start("w1")
    workers.start("w2")
    rows = [add_email(f"buyer{i}@example.com") for i in range(12)]
    OutboundEmail.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    for row in rows:  # every email is enqueued three times over, racing on two workers
        outbox_send_task.delay(email_id=row.pk)
        outbox_sweep_task.delay()
    wait_for(
        lambda: OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT).count() == 12,
        message="all twelve emails to be sent",
    )
    wait_for(lambda: len(workers.mail_files()) >= 12)
    assert sorted(outbox_ids(workers)) == sorted(str(row.pk) for row in rows)


def test_a_task_whose_worker_process_dies_is_requeued(workers, tmp_path):
    workers.start()
    marker_dir = tmp_path / "markers"
    marker_dir.mkdir()
    die_once_task.delay(marker_dir=str(marker_dir))
    wait_for(lambda: (marker_dir / "second-run").exists(), message="the re-queued run")
    assert (marker_dir / "first-run").exists()


def test_worker_processes_photos_on_the_images_queue_and_survives_hostile_files(workers):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.images import image_create
    from core.models import Image
    from tests import images

    process = workers.start()
    uploads = {
        "bomb": images.decompression_bomb_bytes(),
        "truncated": images.truncated_jpeg_bytes(),
        "good": images.jpeg_bytes(orientation=6),
    }
    created = {}
    for name, data in uploads.items():
        with transaction.atomic():
            created[name] = image_create(upload=SimpleUploadedFile(f"{name}.jpg", data))

    def all_done():
        return not Image.objects.filter(status=Image.Status.PENDING).exists()

    wait_for(all_done, message="the worker to process three photos")
    statuses = {
        name: Image.objects.values_list("status", "error").get(pk=image.pk)
        for name, image in created.items()
    }
    assert statuses == {
        "bomb": ("failed", "too_large"),
        "truncated": ("failed", "damaged"),
        "good": ("ready", ""),
    }
    assert process.poll() is None  # the worker is still alive
