"""Pages in the reader's language: the survey and the report in Spanish and French.

The issue's measures: a survey page in `es` or `fr` keeps none of the English page's fixed
sentences, and a report keeps under 2 % of them (the sources' titles stay as published). The
planner's own texts come from the profile, translated where it gives a translation and marked
as the original where not. Machine formats do not change with the language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from markupsafe import escape

from engine.i18n.catalogue import shipped
from engine.i18n.text import _, language
from engine.survey.labels import code_for
from engine.survey.questions import MET_LABELS, TRUST_LABELS
from tests.conftest import EXAMPLES, PROFILES, ROOT, Run
from tests.page_text import sentences
from tests.survey_support import as_csv, row

Cli = Callable[..., Run]
TODAY = ("--today", "2026-11-23")
LANGS = ("es", "fr")
TENANTS = "Westbay Tenant Network"
OWN = {"es": "Texto del planificador en español", "fr": "Texte du planificateur en français"}


QUOTED = 40  # a report may quote a long answer cut short: its start is enough to know it


def _strings(node: Any) -> Iterator[str]:
    """Every text a profile holds, whole and as its start: what the report may quote."""
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str) and len(node) >= 4:
        yield from (node, node[:QUOTED])


def _load(path: Path) -> dict[str, Any]:
    """A profile as plain data, every scalar a string as written (`yes` stays `yes`)."""
    data: dict[str, Any] = yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)
    return data


def _names() -> tuple[str, ...]:
    """What every language shows as published: the sources' titles and publishers, the rule
    set's name, and the paths of files."""
    ruleset = _load(ROOT / "rules" / "ruleset.yaml")
    sources = ruleset["sources"].values()
    published = [
        " ".join(s[k].split()) for s in sources for k in ("title", "publisher", "url") if k in s
    ]
    titles = ("Nothing to Hide", "Strategic Engagement Planning", "CC BY-SA 4.0")
    return (*published, *titles, ruleset["name"], str(ROOT), "sha256:")


def _translated(data: dict[str, Any], languages: list[str] | None = None) -> dict[str, Any]:
    """The example with every text a survey shows given in Spanish and French too."""
    about = data["profile"]
    about["use_case_translations"] = [{"lang": c, "text": f"{OWN[c]} (1)"} for c in LANGS]
    for practice in data["trust"]["practices"].values():
        practice["translations"] = [
            {"lang": c, "steps": f"{OWN[c]} (2)", "evidence": f"{OWN[c]} (3)"} for c in LANGS
        ]
    for group in data["environment"]["stakeholders"]:
        if group["name"] == TENANTS and languages is not None:
            group["languages"] = languages
    return data


def _example() -> dict[str, Any]:
    return _load(PROFILES / "trust-misalignment.yaml")


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(_translated(_example()), allow_unicode=True), "utf-8")
    return path


def _survey(cli: Cli, profile: Path, folder: Path, *args: str) -> Run:
    return cli("survey", "make", str(profile), "--stakeholder", TENANTS, "-o", str(folder), *args)


def _page(cli: Cli, profile: Path, folder: Path, lang: str) -> str:
    run = _survey(cli, profile, folder / lang, "--lang", lang)
    assert run.code == 0, run.err
    [page] = (folder / lang).glob("*.html")
    return page.read_text("utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_the_survey_keeps_none_of_the_english_pages_sentences(
    cli: Cli, profile: Path, tmp_path: Path, lang: str
) -> None:
    names = (*_strings(_example()["environment"]["stakeholders"]), _example()["profile"]["ids"])
    english = sentences(_page(cli, profile, tmp_path, "en"), names)
    translated = _page(cli, profile, tmp_path, lang)
    assert f'<html lang="{lang}">' in translated
    assert len(english) > 60  # the page's whole text was read
    assert english & sentences(translated, names) == set()


def _report(cli: Cli, path: Path, lang: str) -> str:
    run = cli("assess", str(path), "--format", "html", "--lang", lang, "--fail-on", "never", *TODAY)
    assert run.code == 0, run.err
    return run.out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_report_keeps_under_two_percent_of_the_english_sentences(
    cli: Cli, path: Path, lang: str
) -> None:
    own = (*_strings(_load(path)), *_names())
    english = sentences(_report(cli, path, "en"), own)
    translated = _report(cli, path, lang)
    assert f'<html lang="{lang}">' in translated
    kept = english & sentences(translated, own)
    assert len(kept) / len(english) < 0.02, "\n".join(sorted(kept))


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_dates_and_numbers_are_written_the_languages_way(cli: Cli, lang: str) -> None:
    path = PROFILES / "trust-misalignment.yaml"
    run = cli("assess", str(path), "--lang", lang, "--fail-on", "never", *TODAY)
    assert run.code == 0, run.err
    assert {"es": "23 de noviembre de 2026", "fr": "23 novembre 2026"}[lang] in run.out
    assert "2026-11-23" not in run.out.split("\n", 3)[2]  # the header's date, in words


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_french_puts_a_no_break_space_before_colons_and_semicolons(cli: Cli, fmt: str) -> None:
    path = PROFILES / "decision-already-made.yaml"
    run = cli("assess", str(path), "--format", fmt, "--lang", "fr", "--fail-on", "never", *TODAY)
    assert run.code == 0, run.err
    heading = "PAS PRÊT</span>\u00a0: Cedar" if fmt == "html" else "# ⛔ PAS PRÊT\u00a0: Cedar"
    assert heading in run.out
    label = "<strong>Parties prenantes</strong>" if fmt == "html" else "**Parties prenantes**"
    assert f"{label}\u00a0: " in run.out  # a part's line in the readiness list
    assert "issue\u00a0; les parties" in run.out  # the blockers, one after another
    english = cli("assess", str(path), "--format", fmt, "--fail-on", "never", *TODAY).out
    assert "\u00a0:" not in english and "\u00a0;" not in english


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
def test_machine_formats_are_the_same_in_every_language(cli: Cli, fmt: str) -> None:
    path = str(PROFILES / "trust-misalignment.yaml")
    outputs = {
        cli("assess", path, "--format", fmt, "--lang", lang, "--fail-on", "never", *TODAY).out
        for lang in ("en", *LANGS)
    }
    assert len(outputs) == 1


def test_a_group_gets_a_page_in_each_language_it_reads(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(_translated(_example(), ["es", "fr-CA", "es-MX"])), "utf-8")
    run = _survey(cli, path, tmp_path / "out")
    assert run.code == 0, run.err
    made = sorted(p.name for p in (tmp_path / "out").iterdir())
    stem = "survey-westbay-tenant-network"
    assert made == [f"{stem}.csv", f"{stem}.es.html", f"{stem}.fr.html"]
    only = _survey(cli, path, tmp_path / "one", "--lang", "en")
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == [f"{stem}.csv", f"{stem}.html"]
    assert only.code == 0


def test_a_language_without_a_catalogue_is_named_and_the_others_made(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(_translated(_example(), ["vi", "es"])), "utf-8")
    run = _survey(cli, path, tmp_path / "out")
    assert run.code == 0, run.err
    assert "no page in 'vi'" in run.err and "es (Español)" in run.err
    assert sorted(p.suffixes[-2] for p in (tmp_path / "out").glob("*.html")) == [".es"]


@pytest.mark.parametrize("command", ["assess", "survey"])
def test_an_unknown_language_is_one_line_listing_those_there_are(
    cli: Cli, tmp_path: Path, command: str
) -> None:
    path = str(PROFILES / "trust-misalignment.yaml")
    out = tmp_path / "out"
    if command == "assess":
        run = cli("assess", path, "--lang", "xx", "-o", str(out))
    else:
        run = _survey(cli, Path(path), out, "--lang", "xx")
    assert run.code == 2
    assert run.err.strip().splitlines() == [
        "readiness: error: --lang: no language 'xx'; the languages are: en (English), "
        "es (Español), fr (Français)"
    ]
    assert not out.exists()


def test_untranslated_texts_are_shown_as_written_and_said_to_be(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(_example()), "utf-8")  # no translations at all
    page = _page(cli, path, tmp_path, "es")
    steps = _example()["trust"]["practices"]["legal_compliance"]["steps"]
    assert f'<p lang="en">{escape(steps)}</p>' in page
    assert "inglés" in page  # said in the page's language
    use_case = _example()["profile"]["use_case"]
    assert f'<span lang="en">{escape(use_case)}</span>' in page


def test_next_steps_follow_the_reports_language(cli: Cli, tmp_path: Path) -> None:
    data = _example()
    step = data["trust"]["relationships"][0]["next_steps"][0]
    step["action_translations"] = [{"lang": "es", "text": "Publicar la auditoría"}]
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(data), "utf-8")
    spanish = _report(cli, path, "es")
    assert "Publicar la auditoría" in spanish
    french = _report(cli, path, "fr")
    assert f'<td lang="en">{step["action"]}' in french
    assert "Publicar" not in _report(cli, path, "en")


def test_answers_written_as_labels_of_any_language_import_as_codes(
    cli: Cli, tmp_path: Path
) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_bytes((PROFILES / "trust-misalignment.yaml").read_bytes())
    rows = []
    for trust, met, improved in (  # Spanish, French, and English typed carelessly
        ("Nada", "En parte", "Algo"),
        ("Plutôt bien", "Oui", "Non"),
        ("fully", "NO", "I can\u2019t say"),
    ):
        rows.append(
            row(TENANTS, trust_privacy_security=trust, expectations_privacy_security=met,
                better_able_to_trust=improved)
        )  # fmt: skip
    answers = tmp_path / "answers.csv"
    answers.write_bytes(as_csv(rows, separator=";"))
    run = cli("survey", "import", str(profile), str(answers), *TODAY)
    assert run.code == 0, run.err
    assert "trust_none: 1" in run.out and "trust_medium: 1" in run.out
    assert "trust_high: 1" in run.out
    assert "expectations_partly: 1" in run.out and "expectations_yes: 1" in run.out
    assert "expectations_no: 1" in run.out


def test_no_label_means_two_answers() -> None:
    """Were a label of one language another answer's label in a second, it could not import."""
    for kind, labels in (("trust", TRUST_LABELS), ("expectations", MET_LABELS)):
        for code in shipped():
            with language(code):
                for value, label in labels.items():
                    assert code_for(kind, _(label)) == value, (code, kind, label)
