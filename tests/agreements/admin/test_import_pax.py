"""The admin's PA-X upload page: the same import, the same report."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement
from tests.agreements.pax.conftest import row, write_release
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

URL = "admin:agreements_agreement_import_pax"


def upload(client: Client, content: bytes, name: str = "pax.csv", **options: bool):
    data = {"release": SimpleUploadedFile(name, content, content_type="text/csv"), **options}
    return client.post(reverse(URL), data)


def test_an_editor_uploads_a_release_and_reads_the_report(staff_editor, tmp_path):
    client = Client()
    client.force_login(staff_editor)
    assert "Import a PA-X release" in client.get(reverse("admin:agreements_agreement_changelist")).content.decode()
    path = write_release(tmp_path / "r.csv", [row(1, "One", Part="Government of Sudan"), row(2, "Two", date="x")])
    page = upload(client, path.read_bytes()).content.decode()
    assert "1 row(s) cannot be read: line 3, column Dat" in page
    assert not Agreement.objects.exists()
    page = upload(client, path.read_bytes(), skip_bad_rows=True).content.decode()
    assert "Read 2 rows" in page
    assert "Skipped line 3, column Dat" in page
    assert "Actor created: Government of Sudan [government, SD]" in page
    assert "Report file: " in page
    assert Agreement.objects.get().history.first().history_user == staff_editor


def test_an_older_release_is_refused_on_the_page_unless_forced(staff_editor, tmp_path):
    client = Client()
    client.force_login(staff_editor)
    upload(client, write_release(tmp_path / "new.csv", [row(1, "One", Ver="2")]).read_bytes())
    older = write_release(tmp_path / "old.csv", [row(1, "One, as it was", Ver="1")]).read_bytes()
    assert "is older than the PA-X release imported" in upload(client, older, name="old.csv").content.decode()
    assert "Imported although older" in upload(client, older, name="old.csv", force=True).content.decode()
    assert Agreement.objects.get().title == "One, as it was"


def test_the_page_reads_every_party_cell_again_when_asked(staff_editor, tmp_path):
    client = Client()
    client.force_login(staff_editor)
    content = write_release(tmp_path / "r.csv", [row(16, "Accord", Part="Front for the Liberation of Somewhere")])
    upload(client, content.read_bytes())
    ActorFactory(name="FLS", aliases=["Front for the Liberation of Somewhere"], external_ids={"ucdp": "9"})
    assert "Nothing changed" in upload(client, content.read_bytes()).content.decode()
    page = upload(client, content.read_bytes(), reparse=True).content.decode()
    assert "Parties: 1 created, 1 removed" in page
    assert [s.actor.name for s in Agreement.objects.get().signatories.all()] == ["FLS"]


def test_a_damaged_file_is_refused_on_the_page_naming_its_line(staff_editor, tmp_path):
    client = Client()
    client.force_login(staff_editor)
    data = write_release(tmp_path / "r.csv", [row(1, "Café")]).read_bytes().decode().encode("latin-1")
    page = upload(client, data, name="latin1.csv").content.decode()
    assert "latin1.csv cannot be read, line 2: byte 0xe9" in page
    assert not Agreement.objects.exists()


def test_a_file_that_is_not_pax_is_refused_on_the_page(staff_editor):
    client = Client()
    client.force_login(staff_editor)
    page = upload(client, b"name,email\nAlice,a@example.org\n", name="contacts.csv").content.decode()
    assert "contacts.csv is not a PA-X release" in page
    assert not Agreement.objects.exists()


def test_only_editors_may_import(db):
    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get(reverse(URL)).status_code == 403
