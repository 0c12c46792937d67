"""A stakeholder's survey in the workspace: downloads, the upload through the guard, the write.

Every POST passes the same guard as the editor's (CSRF, Origin, bounded body); the write keeps
comments, refuses a profile that changed since the preview and answers it did not show, and
everything uploaded is escaped on the page.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from engine.survey.questions import columns
from engine.web.security import MAX_BODY
from tests.conftest import PROFILES
from tests.survey_support import MAINTENANCE, WESTBAY, as_csv, row
from tests.web_support import client, csrf_of

NAME = "trust-misalignment.yaml"
PAGE = f"/p/{NAME}/survey?" + urlencode({"stakeholder": WESTBAY})
IMPORT = f"/p/{NAME}/survey/import?" + urlencode({"stakeholder": WESTBAY})
HOSTILE = "<script>alert(1)</script>\x1b[31m"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(PROFILES / NAME, tmp_path / NAME)
    return tmp_path


@pytest.fixture
def web(folder: Path) -> TestClient:
    return client(folder)


def _answers(*people: dict[str, str]) -> bytes:
    return as_csv(list(people) or [row(WESTBAY, trust_privacy_security="low")])


def _upload(web: TestClient, data: bytes, filename: str = "answers.csv", **fields: str) -> str:
    csrf = csrf_of(web.get(PAGE).text)
    sent = web.post(IMPORT, data={"_csrf": csrf, **fields}, files=[("answers", (filename, data))])
    assert sent.status_code in (200, 422), sent.text
    return sent.text


def _write_form(page: str) -> dict[str, str]:
    start = page.index("/survey/write")
    form = page[page.rindex("<form", 0, start) : page.index("</form>", start)]
    fields = dict(re.findall(r'name="(_[a-z]+)" value="([^"]*)"', form))
    action = re.search(r'action="([^"]+)"', form)
    assert action is not None
    return {**{k: html.unescape(v) for k, v in fields.items()}, "_to": html.unescape(action[1])}


def test_every_stakeholder_has_a_page(web: TestClient) -> None:
    listing = web.get(f"/p/{NAME}/surveys")
    assert listing.status_code == 200
    for name in (WESTBAY, MAINTENANCE, "Bayside Community Health Alliance"):
        assert html.escape(name, quote=False) in listing.text
    assert "4 responses, imported on 2026-11-20" in listing.text
    page = web.get(PAGE)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    assert f'href="/p/{NAME}/surveys"' in web.get(f"/p/{NAME}").text  # from the report page


def test_the_downloads_are_the_files_make_writes(web: TestClient) -> None:
    query = urlencode({"stakeholder": WESTBAY})
    survey = web.get(f"/p/{NAME}/survey.html?{query}")
    assert survey.status_code == 200
    assert survey.headers["content-disposition"] == (
        'attachment; filename="survey-westbay-tenant-network.html"'
    )
    assert 'name="respondent"' not in survey.text
    # Westbay could be harmed if identified (2.8b): no name is asked, whatever the query says.
    named = web.get(f"/p/{NAME}/survey.html?{query}&ask_name=1")
    assert 'name="respondent"' not in named.text and "Your safety comes first" in named.text
    other = urlencode({"stakeholder": MAINTENANCE})
    named = web.get(f"/p/{NAME}/survey.html?{other}&ask_name=1")
    assert 'name="respondent"' in named.text
    template = web.get(f"/p/{NAME}/survey.csv?{query}")
    assert template.content == as_csv([], bom=True)
    assert template.text.removeprefix("\ufeff").strip() == ",".join(columns())


def test_an_unknown_stakeholder_or_file_is_refused(web: TestClient) -> None:
    assert web.get(f"/p/{NAME}/survey?stakeholder=Nobody").status_code == 404
    assert web.get("/p/../etc/passwd.yaml/survey?stakeholder=x").status_code == 404


def test_an_upload_without_the_token_is_refused(web: TestClient, folder: Path) -> None:
    before = (folder / NAME).read_bytes()
    sent = web.post(IMPORT, files=[("answers", ("a.csv", _answers()))])
    assert sent.status_code == 403
    forged = web.post(
        IMPORT,
        data={"_csrf": csrf_of(web.get(PAGE).text)},
        files=[("answers", ("a.csv", _answers()))],
        headers={"Origin": "http://evil.example"},
    )
    assert forged.status_code == 403
    assert (folder / NAME).read_bytes() == before


def test_an_upload_over_the_bound_is_refused(web: TestClient) -> None:
    csrf = csrf_of(web.get(PAGE).text)
    big = _answers() + b"x" * MAX_BODY
    sent = web.post(IMPORT, data={"_csrf": csrf}, files=[("answers", ("a.csv", big))])
    assert sent.status_code == 413


def test_import_shows_the_change_then_writes_it(web: TestClient, folder: Path) -> None:
    before = (folder / NAME).read_text("utf-8")
    page = _upload(web, _answers())
    assert (folder / NAME).read_text("utf-8") == before  # nothing written yet
    assert "+      survey:" in page and "Westbay Tenant Network: 1 response" in page
    form = _write_form(page)
    sent = web.post(form.pop("_to"), data={**form, "_csrf": csrf_of(page)})
    assert sent.status_code == 303 and sent.headers["location"] == PAGE
    after = (folder / NAME).read_text("utf-8")
    assert "# Set by the Partnership board in 2025; compliance and security first.\n" in after
    assert "1 response" in web.get(PAGE).text


def test_problems_are_listed_escaped_and_nothing_changes(web: TestClient, folder: Path) -> None:
    before = (folder / NAME).read_bytes()
    bad = _answers(row(WESTBAY, trust_privacy_security=HOSTILE, rank_legal_compliance=12))
    page = _upload(web, bad, filename=f"{HOSTILE}.csv")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31m.csv:2:" in page
    assert "&#39;12&#39; is not a place from 1 to 10" in page
    assert (folder / NAME).read_bytes() == before


def test_answers_for_another_stakeholder_are_refused_here(web: TestClient) -> None:
    page = _upload(web, _answers(row(MAINTENANCE, trust_privacy_security="low")))
    assert "this row answers for &#39;Bayside Housing Authority maintenance staff&#39;" in page


def test_respondents_words_are_shown_escaped_and_never_written(
    web: TestClient, folder: Path
) -> None:
    page = _upload(web, _answers(row(WESTBAY, comment=HOSTILE, trust_legal_compliance="high")))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31m" in page
    form = _write_form(page)
    web.post(form.pop("_to"), data={**form, "_csrf": csrf_of(page)})
    assert "alert" not in (folder / NAME).read_text("utf-8")


def test_a_profile_changed_since_the_preview_is_not_overwritten(
    web: TestClient, folder: Path
) -> None:
    page = _upload(web, _answers())
    edited = (folder / NAME).read_text("utf-8") + "# an edit made meanwhile\n"
    (folder / NAME).write_text(edited, "utf-8")
    form = _write_form(page)
    sent = web.post(form.pop("_to"), data={**form, "_csrf": csrf_of(page)})
    assert sent.status_code == 409
    assert (folder / NAME).read_text("utf-8") == edited


@pytest.mark.parametrize(
    "tamper",
    [
        lambda text: text.replace('"responses":1', '"responses":"many"'),
        lambda text: text.replace(WESTBAY, MAINTENANCE),
        lambda text: "[" * 5000,
    ],
    ids=["bad-count", "another-stakeholder", "deep"],
)
def test_tampered_answers_are_not_written(web: TestClient, folder: Path, tamper: object) -> None:
    before = (folder / NAME).read_bytes()
    page = _upload(web, _answers())
    form = _write_form(page)
    assert callable(tamper)
    form["_aggregates"] = tamper(form["_aggregates"])
    sent = web.post(form.pop("_to"), data={**form, "_csrf": csrf_of(page)})
    assert sent.status_code == 400
    assert (folder / NAME).read_bytes() == before


def test_a_group_at_risk_is_offered_no_name_asking_and_keeps_none(web: TestClient) -> None:
    """Westbay could be harmed if identified (2.8b): no named survey, no keep-names box, and a
    forged request to keep names is refused with nothing written."""
    page = web.get(PAGE).text
    assert "ask_name" not in page and "keep_respondents" not in page
    assert "could be harmed if its members were identified" in page
    other = web.get(f"/p/{NAME}/survey?" + urlencode({"stakeholder": MAINTENANCE})).text
    assert "ask_name=1" in other and 'name="keep_respondents"' in other
    people = row(WESTBAY, respondent="Resident 1", trust_privacy_security="low")
    refused = _upload(web, as_csv([people]), keep_respondents="1")
    assert "--keep-respondents: &#39;Westbay Tenant Network&#39; could be harmed" in refused
