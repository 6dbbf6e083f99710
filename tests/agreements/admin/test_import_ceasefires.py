"""The admin's ETH/PRIO upload page: the same import, the same report, bad files refused by name."""

from __future__ import annotations

import gzip

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement
from tests.agreements.ethprio.conftest import row, write_file

pytestmark = pytest.mark.django_db

URL = "admin:agreements_agreement_import_ceasefires"


def upload(client: Client, content: bytes, name: str = "ethprio.csv", **extra: object):
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(reverse(URL), {"release": file, **extra})


@pytest.fixture
def client(staff_editor) -> Client:
    client = Client()
    client.force_login(staff_editor)
    return client


def test_an_editor_uploads_the_dataset_and_reads_the_report(client, staff_editor, tmp_path):
    assert (
        "Import the ETH/PRIO ceasefires"
        in client.get(reverse("admin:agreements_agreement_changelist")).content.decode()
    )
    path = write_file(tmp_path / "e.csv", [row()])
    page = upload(client, path.read_bytes()).content.decode()
    assert "1 ceasefires created" in page
    assert Agreement.objects.get().history.first().history_user == staff_editor


def test_a_bad_row_refuses_the_file_unless_the_editor_skips_it(client, tmp_path):
    path = write_file(tmp_path / "e.csv", [row(), row(uniq_id=620078, id=1841, pax_id="x")])
    page = upload(client, path.read_bytes()).content.decode()
    assert "line 3, column pax_id" in page
    assert not Agreement.objects.exists()
    page = upload(client, path.read_bytes(), skip_bad_rows="on").content.decode()
    assert "Skipped line 3, column pax_id" in page
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"name,email\nAlice,a@example.org\n", "not the ETH/PRIO"),
        (gzip.compress(b"cc,cf_id\n"), "gzip"),
    ],
)
def test_a_file_that_is_not_the_dataset_is_refused_on_the_page(client, content, says):
    page = upload(client, content, name="upload.csv").content.decode()
    assert says in page
    assert not Agreement.objects.exists()


def test_only_editors_may_import(db):
    client = Client()
    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get(reverse(URL)).status_code == 403
