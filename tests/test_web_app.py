"""Every route of `readiness serve`, and the guard in front of them: Host, token, CSRF, paths."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from engine.web.form import parts
from engine.web.security import Guard, allowed_hosts
from tests.conftest import EXAMPLES, PROFILES
from tests.web_support import (
    BASE,
    PORT,
    Pairs,
    client,
    csrf_of,
    fields_of,
    post_fields,
    sha_of,
    with_values,
)

HOSTILE = "<script>alert(1)</script> & \"quotes\" 'single'"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for example in EXAMPLES:
        shutil.copy(example, tmp_path / example.name)
    return tmp_path


@pytest.fixture
def web(folder: Path) -> TestClient:
    return client(folder)


def test_portfolio_lists_every_profile_with_its_verdict(web: TestClient) -> None:
    page = web.get("/")
    assert page.status_code == 200
    for example in EXAMPLES:
        assert f'href="/p/{example.name}"' in page.text
    assert "GO WITH CONDITIONS" in page.text and "NO-GO" in page.text
    assert "(51/51)" in page.text  # the answered share of trust-misalignment


def test_portfolio_lists_invalid_files_with_their_first_problems(
    web: TestClient, folder: Path
) -> None:
    (folder / "broken.yaml").write_text("schema_version: 1\nprofile:\n  nmae: x\n", "utf-8")
    page = web.get("/").text
    assert "Not valid: 1 problem" in page
    assert "line 3: unknown field &#39;nmae&#39; in profile (did you mean &#39;name&#39;?)" in page


def test_hostile_text_is_escaped_on_every_page(web: TestClient, folder: Path) -> None:
    text = (folder / "county-ready.yaml").read_text("utf-8")
    hostile = re.sub(r"(?m)^  name: .*$", f"  name: {json.dumps(HOSTILE)}", text, count=1)
    (folder / "county-ready.yaml").write_text(hostile, "utf-8")
    (folder / "bad.yaml").write_text(f"schema_version: 1\n{json.dumps(HOSTILE)}: 1\n", "utf-8")
    for url in ("/", "/p/county-ready.yaml", "/p/bad.yaml"):
        page = web.get(url).text
        assert "<script>" not in page, url
        assert "&lt;script&gt;" in page, url


def test_profile_page_is_the_html_report_with_links(web: TestClient) -> None:
    page = web.get("/p/trust-misalignment.yaml")
    assert page.status_code == 200
    assert "GO WITH CONDITIONS" in page.text
    assert 'href="/p/trust-misalignment.yaml/report.md"' in page.text
    assert 'href="/p/trust-misalignment.yaml/edit"' in page.text


def test_reports_download_as_markdown_and_json(web: TestClient) -> None:
    markdown = web.get("/p/trust-misalignment.yaml/report.md")
    assert markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    assert "trust-misalignment.readiness.md" in markdown.headers["content-disposition"]
    assert markdown.text.startswith("# ⚠️ GO WITH CONDITIONS")
    report = web.get("/p/trust-misalignment.yaml/report.json").json()
    assert (report["verdict"], report["profile"]) == ("conditional", "trust-misalignment.yaml")


def test_an_invalid_profile_shows_all_its_problems(web: TestClient, folder: Path) -> None:
    (folder / "broken.yaml").write_text("schema_version: 1\nprofile: [\n", "utf-8")
    page = web.get("/p/broken.yaml")
    assert page.status_code == 422
    assert "not valid YAML" in page.text
    assert web.get("/p/broken.yaml/report.json").status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "/p/../secret.yaml",
        "/p/%2e%2e/secret.yaml",
        "/p/sub/%2e%2e/%2e%2e/secret.yaml",
        "/p/..%2fsecret.yaml",
        "/p//etc/secret.yaml",
        "/p/%2Fetc%2Fsecret.yaml",
        "/p/sub%5c..%5c..%5csecret.yaml",
        "/p/out.yaml",  # a symlink to a file outside the folder
        "/p/pyproject.toml",
        "/p/.hidden.yaml",
        "/p/missing.yaml",
        "/p/../secret.yaml/report.md",
        "/p/out.yaml/report.json",
    ],
)
def test_nothing_outside_the_folder_can_be_read(tmp_path: Path, url: str) -> None:
    inside = tmp_path / "ws"
    (inside / "sub").mkdir(parents=True)
    secret = tmp_path / "secret.yaml"
    secret.write_text("schema_version: 1\nprofile:\n  name: SECRET\n", "utf-8")
    (inside / ".hidden.yaml").write_text("schema_version: 1\n", "utf-8")
    (inside / "pyproject.toml").write_text("x = 1\n", "utf-8")
    os.symlink(secret, inside / "out.yaml")
    page = client(inside).get(url)
    assert page.status_code in (404, 400), page.status_code
    assert "SECRET" not in page.text


def test_unknown_host_is_refused(web: TestClient) -> None:
    assert web.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert web.get("/", headers={"Host": f"rebind.example:{PORT}"}).status_code == 400
    assert web.get("/", headers={"Host": f"localhost:{PORT}"}).status_code == 200


def test_only_get_and_post() -> None:
    assert allowed_hosts("0.0.0.0", 1) is None
    assert allowed_hosts("::1", 5) == frozenset({"[::1]:5", "localhost:5"})


def test_a_remote_workspace_needs_its_token(folder: Path) -> None:
    web = client(folder, token="s3cret")
    assert web.get("/").status_code == 403
    assert web.get("/?token=wrong").status_code == 403
    first = web.get("/p/county-ready.yaml?token=s3cret")
    assert first.status_code == 303 and first.headers["location"] == "/p/county-ready.yaml"
    assert (
        "HttpOnly" in first.headers["set-cookie"]
        and "samesite=strict" in first.headers["set-cookie"].lower()
    )
    assert web.get("/").status_code == 200  # the cookie now carries it
    fresh = client(folder, token="s3cret")
    assert fresh.get("/", headers={"X-Readiness-Token": "s3cret"}).status_code == 200


def test_every_response_forbids_other_origins(web: TestClient) -> None:
    headers = web.get("/").headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert web.put("/").status_code == 405


# Editing, through the real questionnaire form (engine.web.form behind engine.web.seam).


PARTS = [part.slug for part in parts.PARTS]


def _edit(name: str, part: str = "about") -> str:
    return f"/p/{name}/edit/{part}"


def _open(web: TestClient, name: str, part: str = "about") -> Pairs:
    page = web.get(_edit(name, part))
    assert page.status_code == 200
    return fields_of(page.text)


def _save(web: TestClient, url: str, pairs: Pairs, **headers: str) -> int:
    status: int = post_fields(web, url, [*pairs, ("_action", "save")], **headers).status_code
    return status


def test_edit_opens_at_the_first_part(web: TestClient) -> None:
    page = web.get("/p/county-ready.yaml/edit")
    assert page.status_code == 303
    assert page.headers["location"] == "/p/county-ready.yaml/edit/about"
    assert web.get("/p/county-ready.yaml/edit/nowhere").status_code == 404


def test_edit_saves_and_keeps_comments(web: TestClient, folder: Path) -> None:
    pairs = with_values(
        _open(web, "trust-misalignment.yaml"), {"profile.name": "Lakeshore #2: renamed"}
    )
    response = post_fields(web, _edit("trust-misalignment.yaml"), [*pairs, ("_action", "save")])
    assert response.status_code == 303
    assert response.headers["location"] == "/p/trust-misalignment.yaml/edit/about?saved=1"
    assert "Saved." in web.get(response.headers["location"]).text
    text = (folder / "trust-misalignment.yaml").read_text("utf-8")
    assert "  name: 'Lakeshore #2: renamed'\n" in text
    assert text.startswith("# yaml-language-server: $schema=profile.schema.json\n#\n# Example")
    assert "Lakeshore #2: renamed" in web.get("/").text


def test_saving_the_form_unchanged_keeps_the_file(web: TestClient, folder: Path) -> None:
    for example in EXAMPLES:
        before = (folder / example.name).read_bytes()
        for part in PARTS:
            pairs = _open(web, example.name, part)
            assert _save(web, _edit(example.name, part), pairs) == 303
            assert (folder / example.name).read_bytes() == before, (example.name, part)


def test_ticked_boxes_keep_the_files_order(web: TestClient, folder: Path) -> None:
    """The browser sends boxes in the form's order; the file's order is the planner's."""
    path = folder / "county-ready.yaml"
    text = path.read_text("utf-8")
    words = "transparency, racial_equity, community_benefit, privacy_protection, accountability"
    assert f"  guiding_principles: [{words}]\n" in text
    reordered = "  guiding_principles: [accountability, transparency]\n"
    path.write_text(text.replace(f"  guiding_principles: [{words}]\n", reordered), "utf-8")
    pairs = _open(web, "county-ready.yaml", "objectives")
    ticked = [value for name, value in pairs if name == "objectives.guiding_principles"]
    assert ticked == ["transparency", "accountability"]  # the form's order
    pairs.append(("objectives.guiding_principles", "racial_equity"))  # one more box ticked
    assert _save(web, _edit("county-ready.yaml", "objectives"), pairs) == 303
    saved = path.read_text("utf-8")
    assert "  guiding_principles: [accountability, transparency, racial_equity]\n" in saved
    assert saved.replace("[accountability, transparency, racial_equity]", "X") == text.replace(
        f"[{words}]", "X"
    )  # and nothing else changed


@pytest.mark.parametrize("button", ["save", "next", "check"])
def test_a_save_with_problems_writes_nothing_and_shows_them(
    web: TestClient, folder: Path, button: str
) -> None:
    before = (folder / "county-ready.yaml").read_bytes()
    pairs = with_values(_open(web, "county-ready.yaml"), {"profile.prepared_on": "next week"})
    page = post_fields(web, _edit("county-ready.yaml"), [*pairs, ("_action", button)])
    assert page.status_code == (200 if button == "check" else 422)
    errors = page.text.split('id="f-profile.prepared_on--errors"')[1].split("</ul>")[0]
    assert "&#39;next week&#39; is not a" in errors  # the CLI's message, next to the field
    summary = page.text.split('id="error-summary"')[1].split("</ul>")[0]
    assert 'href="#f-profile.prepared_on"' in summary and "&#39;next week&#39;" in summary
    assert "<title>Error: " in page.text and " autofocus" in page.text.split("<ul>")[0]
    assert 'value="next week"' in page.text  # what was typed is there to correct
    assert (folder / "county-ready.yaml").read_bytes() == before


def test_a_problem_in_another_part_does_not_stop_this_one(web: TestClient, folder: Path) -> None:
    """Each part is checked alone: a wrong answer left in the timeline (from a text editor)
    shows there and in the list of parts, and the about part still saves."""
    path = folder / "county-ready.yaml"
    text = path.read_text("utf-8")
    wrong = re.sub(r"(?m)^(    min_duration_days:) .*$", r"\1 three weeks", text, count=1)
    assert wrong != text
    path.write_text(wrong, "utf-8")
    about = web.get(_edit("county-ready.yaml")).text
    assert 'id="error-summary"' not in about and "1 problem" in about  # in the list of parts
    timeline = web.get(_edit("county-ready.yaml", "timeline")).text
    assert 'href="#f-resources.timeline.min_duration_days"' in timeline
    pairs = with_values(_open(web, "county-ready.yaml"), {"profile.prepared_by": "Someone"})
    assert _save(web, _edit("county-ready.yaml"), pairs) == 303
    saved = path.read_text("utf-8")
    assert "  prepared_by: Someone\n" in saved and "min_duration_days: three weeks" in saved


def test_next_and_previous_save_and_move(web: TestClient, folder: Path) -> None:
    pairs = with_values(_open(web, "county-ready.yaml"), {"profile.prepared_by": "Next"})
    moved = post_fields(web, _edit("county-ready.yaml"), [*pairs, ("_action", "next")])
    assert moved.headers["location"] == _edit("county-ready.yaml", "objectives")
    assert "  prepared_by: Next\n" in (folder / "county-ready.yaml").read_text("utf-8")
    pairs = _open(web, "county-ready.yaml", "objectives")
    back = post_fields(
        web, _edit("county-ready.yaml", "objectives"), [*pairs, ("_action", "previous")]
    )
    assert back.headers["location"] == _edit("county-ready.yaml")
    last = _edit("county-ready.yaml", PARTS[-1])
    done = post_fields(
        web, last, [*_open(web, "county-ready.yaml", PARTS[-1]), ("_action", "report")]
    )
    assert done.headers["location"] == "/p/county-ready.yaml"


def test_a_part_accepts_only_its_own_answers(web: TestClient, folder: Path) -> None:
    before = (folder / "county-ready.yaml").read_bytes()
    pairs = [*_open(web, "county-ready.yaml"), ("objectives.team_agreement", "no")]
    assert _save(web, _edit("county-ready.yaml"), pairs) == 400
    assert (folder / "county-ready.yaml").read_bytes() == before


def _stakeholders(pairs: Pairs) -> int:
    return sum(
        n.startswith("environment.stakeholders.") and n.endswith("._entry") for n, _ in pairs
    )


def test_add_and_remove_change_the_form_and_write_nothing(web: TestClient, folder: Path) -> None:
    before = (folder / "county-ready.yaml").read_bytes()
    pairs = _open(web, "county-ready.yaml", "stakeholders")
    url = _edit("county-ready.yaml", "stakeholders")
    added = post_fields(web, url, [*pairs, ("action", "add:environment.stakeholders")])
    assert added.status_code == 200
    assert _stakeholders(fields_of(added.text)) == _stakeholders(pairs) + 1
    removed = post_fields(web, url, [*pairs, ("action", "remove:environment.stakeholders.0")])
    assert removed.status_code == 200
    assert _stakeholders(fields_of(removed.text)) == _stakeholders(pairs) - 1
    assert (folder / "county-ready.yaml").read_bytes() == before


def test_reserved_fields_are_taken_out_by_exact_name(web: TestClient, folder: Path) -> None:
    pairs = _open(web, "county-ready.yaml", "stakeholders")
    assert any(name.endswith("._entry") for name, _ in pairs)  # form controls with `_` parts
    odd = post_fields(
        web,
        _edit("county-ready.yaml", "stakeholders"),
        [*pairs, ("_other", "x"), ("_action", "save")],
    )
    assert odd.status_code == 400  # not one of ours: the form refuses it, nothing is written


def test_what_the_form_cannot_show_is_listed_and_kept(web: TestClient, folder: Path) -> None:
    target = folder / "county-ready.yaml"
    text = target.read_text("utf-8").replace("  use_case:", "  use_csae:", 1)
    target.write_text(text + "extra_notes: kept by hand\n", "utf-8")
    for part in PARTS:  # listed at the top of every part, with its value
        page = web.get(_edit("county-ready.yaml", part))
        assert page.status_code == 200
        assert "extra_notes" in page.text and "kept by hand" in page.text
        assert 'value="rename:profile.use_csae"' in page.text
    pairs = with_values(_open(web, "county-ready.yaml"), {"profile.prepared_by": "Kept"})
    assert _save(web, _edit("county-ready.yaml"), pairs) == 303
    expected = re.sub(r"(?m)^  prepared_by: .*$", "  prepared_by: Kept", text, count=1)
    assert target.read_text("utf-8") == expected + "extra_notes: kept by hand\n"  # all else kept


@pytest.mark.parametrize(
    ("fix", "before", "after"),
    [
        ("rename:profile.use_csae", "  use_csae:", "  use_case:"),
        ("remove:extra_notes", "extra_notes: kept by hand\n", ""),
        (
            "split:objectives.guiding_principles",
            "  guiding_principles: transparency, accountability\n",
            "  guiding_principles:\n    - transparency\n    - accountability\n",
        ),
    ],
)
def test_a_fix_changes_that_one_value(
    web: TestClient, folder: Path, fix: str, before: str, after: str
) -> None:
    target = folder / "county-ready.yaml"
    text = target.read_text("utf-8").replace("  use_case:", "  use_csae:", 1)
    text = re.sub(r"(?m)^  guiding_principles: .*\n", "  guiding_principles: transparency, "
                  "accountability\n", text) + "extra_notes: kept by hand\n"  # fmt: skip
    target.write_text(text, "utf-8")
    response = _save(
        web, _edit("county-ready.yaml"), [*_open(web, "county-ready.yaml"), ("_fix", fix)]
    )
    assert response == 303
    assert target.read_text("utf-8") == text.replace(before, after, 1)


def test_a_fix_waits_while_the_page_has_a_problem(web: TestClient, folder: Path) -> None:
    target = folder / "county-ready.yaml"
    text = target.read_text("utf-8").replace("  use_case:", "  use_csae:", 1)
    target.write_text(text, "utf-8")
    pairs = with_values(_open(web, "county-ready.yaml"), {"profile.prepared_on": "soon"})
    page = post_fields(
        web, _edit("county-ready.yaml"), [*pairs, ("_fix", "rename:profile.use_csae")]
    )
    assert page.status_code == 422 and 'href="#f-profile.prepared_on"' in page.text
    assert 'value="rename:profile.use_csae"' in page.text  # still offered, nothing written
    assert target.read_text("utf-8") == text


def test_a_file_without_sections_is_not_opened(web: TestClient, folder: Path) -> None:
    (folder / "list.yaml").write_text("- one\n- two\n", "utf-8")
    page = web.get(_edit("list.yaml"))
    assert page.status_code == 422 and 'name="_sha"' not in page.text


@pytest.mark.parametrize(
    "change",
    ["no token", "wrong token", "other session", "cross origin", "cross referer", "json body"],
)
def test_csrf_refuses_and_writes_nothing(web: TestClient, folder: Path, change: str) -> None:
    before = (folder / "county-ready.yaml").read_bytes()
    pairs = with_values(_open(web, "county-ready.yaml"), {"profile.name": "changed"})
    headers: dict[str, str] = {}
    if change == "no token":
        pairs = [(name, value) for name, value in pairs if name != "_csrf"]
    elif change == "wrong token":
        pairs = with_values(pairs, {"_csrf": "0" * 64})
    elif change == "other session":
        web.cookies.clear()
    elif change == "cross origin":
        headers["Origin"] = "http://evil.example"
    elif change == "cross referer":
        headers["Referer"] = "http://evil.example/page"
    if change == "json body":
        status = web.post(_edit("county-ready.yaml"), json=dict(pairs)).status_code
        assert status == 415
    else:
        assert _save(web, _edit("county-ready.yaml"), pairs, **headers) == 403
    assert (folder / "county-ready.yaml").read_bytes() == before


def test_same_origin_post_with_origin_header_is_accepted(web: TestClient) -> None:
    assert (
        _save(web, _edit("county-ready.yaml"), _open(web, "county-ready.yaml"), Origin=BASE) == 303
    )


def test_a_file_changed_meanwhile_is_not_overwritten(web: TestClient, folder: Path) -> None:
    target = folder / "county-ready.yaml"
    pairs = with_values(_open(web, "county-ready.yaml"), {"profile.name": "Mine"})
    theirs = target.read_text("utf-8").replace("# ", "# THEIRS ", 1)
    target.write_text(theirs, "utf-8")
    page = post_fields(web, _edit("county-ready.yaml"), [*pairs, ("_action", "save")])
    assert page.status_code == 409
    assert "THEIRS" in page.text and "  name: Mine" in page.text
    assert target.read_text("utf-8") == theirs
    csrf = dict(pairs)["_csrf"]
    overwrite = {"_csrf": csrf, "_sha": sha_of(page.text), "_choice": "overwrite"}
    ours = page.text.split('name="_text" value="')[1].split('"')[0]
    overwrite["_text"] = html.unescape(ours).replace("\n", "\r\n")  # as browsers send it
    assert web.post("/p/county-ready.yaml/resolve", data=overwrite).status_code == 303
    assert "  name: Mine\n" in target.read_text("utf-8")
    assert "# THEIRS " in target.read_text("utf-8")  # their comment survives ours


def test_a_conflict_can_be_saved_as_a_copy(web: TestClient, folder: Path) -> None:
    csrf = csrf_of(web.get(_edit("county-ready.yaml")).text)
    text = (folder / "county-ready.yaml").read_text("utf-8")
    copy = {"_csrf": csrf, "_choice": "copy", "_text": text, "_path": "mine.yaml"}
    response = web.post("/p/county-ready.yaml/resolve", data=copy)
    assert response.status_code == 303 and response.headers["location"] == "/p/mine.yaml"
    assert (folder / "mine.yaml").read_text("utf-8") == text
    again = web.post("/p/county-ready.yaml/resolve", data=copy)
    assert again.status_code == 409  # never over an existing file


def test_new_profile_starts_from_the_template(web: TestClient, folder: Path) -> None:
    page = web.get("/new")
    assert page.status_code == 200 and 'name="_path"' in page.text
    changes = {"_path": "fresh.yaml", "profile.name": "Fresh start"}
    pairs = with_values(fields_of(page.text), changes)
    made = post_fields(web, "/new", [*pairs, ("_action", "next")])
    assert made.status_code == 303 and made.headers["location"] == _edit("fresh.yaml", "objectives")
    text = (folder / "fresh.yaml").read_text("utf-8")
    assert "  name: Fresh start\n" in text and "# ids-readiness engagement profile" in text
    again = post_fields(web, "/new", [*pairs, ("_action", "save")])
    assert again.status_code == 422  # exists now: refused, not replaced
    assert 'href="#new-path"' in again.text.split('id="error-summary"')[1]


@pytest.mark.parametrize("name", ["../escape.yaml", "/tmp/abs.yaml", "x.txt", "sub/x.yaml"])
def test_new_profile_names_stay_inside_the_folder(web: TestClient, folder: Path, name: str) -> None:
    pairs = with_values(fields_of(web.get("/new").text), {"_path": name})
    assert _save(web, "/new", pairs) == 422
    assert not (folder.parent / "escape.yaml").exists() and not Path("/tmp/abs.yaml").exists()


def test_a_symlink_out_cannot_be_written(tmp_path: Path) -> None:
    inside = tmp_path / "ws"
    inside.mkdir()
    outside = tmp_path / "victim.yaml"
    shutil.copy(PROFILES / "county-ready.yaml", outside)
    os.symlink(outside, inside / "link.yaml")
    web = client(inside)
    assert web.get("/p/link.yaml/edit").status_code == 404
    assert web.get(_edit("link.yaml")).status_code == 404
    csrf = csrf_of(web.get("/new").text)
    fields = {"_csrf": csrf, "_text": "schema_version: 1\n", "_choice": "overwrite", "_sha": ""}
    assert web.post("/p/link.yaml/resolve", data=fields).status_code == 404
    assert outside.read_bytes() == (PROFILES / "county-ready.yaml").read_bytes()


def test_without_the_form_module_there_are_no_edit_routes(folder: Path) -> None:
    web = client(folder, form=None)
    assert web.get("/new").status_code == 404
    assert web.get("/p/county-ready.yaml/edit").status_code == 404
    assert web.get(_edit("county-ready.yaml")).status_code == 404
    assert 'href="/p/county-ready.yaml/edit"' not in web.get("/p/county-ready.yaml").text


def test_guard_csrf_is_bound_to_the_session() -> None:
    guard = Guard(None)
    assert guard.csrf("a") != guard.csrf("b")
    assert guard.csrf("a") != Guard(None).csrf("a")  # a new secret per run


def test_a_file_made_hostile_after_opening_is_refused_not_read(
    web: TestClient, folder: Path
) -> None:
    """Between opening the form and saving, the file becomes one the loader refuses: the save
    shows the loader's problem and writes nothing (the writer never parses what it refuses)."""
    pairs = _open(web, "county-ready.yaml")
    hostile = "schema_version: 1\nprofile: " + "[" * 5_000 + "]" * 5_000 + "\n"
    (folder / "county-ready.yaml").write_text(hostile, "utf-8")
    page = post_fields(web, _edit("county-ready.yaml"), [*pairs, ("_action", "save")])
    assert page.status_code == 422
    assert "nested" in page.text or "deep" in page.text
    assert (folder / "county-ready.yaml").read_text("utf-8") == hostile
