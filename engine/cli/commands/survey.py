"""`readiness survey make|import`: the stakeholder survey round trip of ODI Activity 6."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import click

from engine.cli.commands.common import (
    lang_option,
    max_bytes,
    max_bytes_option,
    report_problems,
    say,
)
from engine.errors import EXIT_BAD_INPUT, EXIT_OK, InputError, Problem
from engine.printable import inert_lines, one_line

if TYPE_CHECKING:
    from engine.profile.models import Profile
    from engine.survey.importing import ImportResult
    from engine.survey.stakeholders import Stakeholder


@click.group("survey")
def command() -> None:
    """Survey a stakeholder (ODI Activity 6): make the survey, then import its answers."""


def _load(path: Path, max_bytes: int) -> tuple[str, Profile] | None:
    """The profile's text and model, or None after printing its problems."""
    from engine.profile.loader import Limits, parse_text, read_text
    from engine.profile.validation import validate_tree
    from engine.runtime import collector

    shown = str(path)
    try:
        with collector.paused():
            text = read_text(path, shown, Limits(max_bytes=max_bytes))
            return text, validate_tree(parse_text(text, shown), shown)
    except InputError as error:
        report_problems(error.problems)
        say(f"readiness: {shown} is not a valid profile; fix it first (nothing was written)")
        return None


@command.command("make", short_help="Write a stakeholder's survey (HTML, or an XLSForm).")
@click.argument("profile", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--stakeholder", "name", required=True, metavar="NAME", help="Whom it is for.")
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the survey and, for HTML, its CSV template; made if missing.",
)
@click.option(
    "--ask-name",
    is_flag=True,
    help="Let respondents give a name (optional for them); by default the survey asks for none.",
)
@click.option(
    "--format",
    "form",
    type=click.Choice(["html", "xlsform"]),
    default="html",
    show_default=True,
    help="html: a page to send and a CSV template; xlsform: a form for ODK or KoboToolbox.",
)
@lang_option(
    "the survey page (default: each language the group reads, else English); for an XLSForm, "
    "the language it opens in",
    None,
)
@max_bytes_option
def make(
    profile: Path,
    name: str,
    folder: str,
    ask_name: bool,
    form: str,
    lang: str | None,
    max_bytes: int,
) -> int:
    """Write a stakeholder's survey: survey-NAME.html to send, survey-NAME.csv for survey tools.

    The HTML page works offline (from an e-mail attachment too) and saves each respondent's
    answers as a small CSV file to send back; the CSV template has the same columns. A group
    that lists the languages it reads (`languages: [es]`) gets one page in each
    (survey-NAME.es.html); --lang makes the one page in that language instead.

    --format xlsform writes survey-NAME.xlsx instead, an XLSForm for ODK Central, ODK Collect
    or KoboToolbox, in every language we ship, opening in --lang or the group's first language.
    """
    from engine.survey.stakeholders import at_risk, find, refusal, unknown

    loaded = _load(profile, max_bytes)
    if loaded is None:
        return EXIT_BAD_INPUT
    stakeholder = find(loaded[1], name)
    if stakeholder is None:
        report_problems([Problem(str(profile), 0, 0, f"--stakeholder: {unknown(loaded[1], name)}")])
        return EXIT_BAD_INPUT
    if ask_name and at_risk(loaded[1], stakeholder.name):
        report_problems([Problem(str(profile), 0, 0, refusal(stakeholder.name, "--ask-name"))])
        return EXIT_BAD_INPUT
    files = _survey(loaded[1], stakeholder, ask_name, form, lang)
    return _write(folder, files, profile)


def _survey(
    profile: Profile, stakeholder: Stakeholder, ask_name: bool, form: str, lang: str | None
) -> Mapping[str, str | bytes]:
    """The survey's files in the format asked for, after a warning for each language the group
    reads that we ship no catalogue for."""
    from engine.survey.making import languages, survey_files, xlsform_files

    langs = languages(profile, stakeholder, lang)
    for code in langs.unshipped:
        say(f"readiness: warning: no page in '{code}': no catalogue for it yet ({_shipped()})")
    if form == "xlsform":
        return xlsform_files(profile, stakeholder, ask_name, langs.made[0])
    return survey_files(profile, stakeholder, ask_name, langs.made)


def _write(folder: str, files: Mapping[str, str | bytes], profile: Path) -> int:
    from engine.workflows.output import OutputError, write_documents

    try:
        write_documents(folder, files, [str(profile)])
    except OutputError as error:
        report_problems([error.problem])
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        say("readiness: interrupted; nothing was written")
        return EXIT_BAD_INPUT
    written = " and ".join(str(Path(folder) / file) for file in files)
    xlsform = any(file.endswith(".xlsx") for file in files)
    then = "upload the form to ODK or KoboToolbox" if xlsform else "send the survey"
    say(f"readiness: wrote {written}; {then}, then `readiness survey import`")
    return EXIT_OK


def _shipped() -> str:
    from engine.i18n.catalogue import names

    return "the languages are " + ", ".join(f"{c} ({n})" for c, n in names().items())


@command.command("import", short_help="Import answer files into the profile (shows the change).")
@click.argument("profile", type=click.Path(dir_okay=False, path_type=Path))
@click.argument(
    "responses", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@click.option("--write", is_flag=True, help="Apply the change to PROFILE (else only show it).")
@click.option(
    "--keep-respondents",
    is_flag=True,
    help="Keep the respondents' names (the respondent column) in the profile; by default none.",
)
@click.option(
    "--comments",
    is_flag=True,
    help="Also print what respondents wrote (their words are never written to the profile).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Record the import as made on this date (YYYY-MM-DD), for reproducible files.",
)
@max_bytes("a profile or answer file")
def import_(
    profile: Path,
    responses: tuple[Path, ...],
    write: bool,
    keep_respondents: bool,
    comments: bool,
    today: dt.datetime | None,
    max_bytes: int,
) -> int:
    """Import answer files (saved surveys, or CSVs with the template's columns) into PROFILE.

    Several respondents of one stakeholder are aggregated (see the README); the change is
    printed as a diff, and written, keeping comments and key order, only with --write. Any
    problem in any file stops the import with nothing written.
    """
    from engine.survey.importing import import_answers, read_tables

    loaded = _load(profile, max_bytes)
    if loaded is None:
        return EXIT_BAD_INPUT
    text, model = loaded
    date = today.date() if today else dt.date.today()
    try:
        tables = read_tables(responses, max_bytes)
        result = import_answers(
            text, model, str(profile), tables, today=date, keep_respondents=keep_respondents
        )
    except InputError as error:
        report_problems(error.problems)
        say(f"readiness: nothing imported; fix the answers above and run again ({profile})")
        return EXIT_BAD_INPUT
    _show(result, str(profile), comments)
    return _finish(result, profile, write)


def _show(result: ImportResult, shown: str, comments: bool) -> None:
    click.echo(inert_lines(result.diff(shown)), nl=False)
    if comments and result.comments:
        click.echo("\nWhat respondents wrote (never written to the profile):")
        for comment in result.comments:
            click.echo(one_line(f"- {comment.stakeholder}, {comment.about}: {comment.text}"))
    for line in result.notes + result.summaries():
        say(f"readiness: {line}")


def _finish(result: ImportResult, profile: Path, write: bool) -> int:
    from engine.survey.importing import ChangedMeanwhileError, write_profile

    if result.after == result.before:
        say(f"readiness: {profile} already holds these answers; nothing to write")
        return EXIT_OK
    if not write:
        say(f"readiness: nothing written; add --write to apply this change to {profile}")
        return EXIT_OK
    try:
        write_profile(profile, result.before, result.after)
    except (ChangedMeanwhileError, OSError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        report_problems([Problem(str(profile), 0, 0, f"not written: {reason}")])
        return EXIT_BAD_INPUT
    say(f"readiness: wrote {profile}")
    return EXIT_OK
