"""The `readiness` command: parse arguments, run a command, turn every outcome into an exit code.

Commands live in `engine.cli.commands`, one module each, and import the heavy libraries only
when they run, so that `readiness --version` and `--help` stay instant.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

import click

from engine import __version__
from engine.cli.commands import (
    assess,
    diff,
    init,
    questions,
    rules,
    schema,
    serve,
    survey,
    validate,
)
from engine.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, EngineUnavailableError
from engine.printable import inert_lines, one_line
from engine.runtime import cache, collector

ISSUES_URL = "https://github.com/ids-readiness/ids-readiness/issues"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="readiness", message="%(prog)s %(version)s"
)
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the cache of compiled templates and rule sets "
    f"(also: {cache.NO_CACHE}=1).",
)
def readiness(debug: bool, no_cache: bool) -> None:
    """Is an Integrated Data System ready to engage its stakeholders about data and privacy?

    Exit codes: 0 all good; 1 an assessment reached the --fail-on verdict; 2 bad usage, an invalid
    profile or rule set; 3 an internal error (a bug).
    """
    cache.set_enabled(not no_cache)


readiness.add_command(validate.command)
readiness.add_command(assess.command)
readiness.add_command(diff.command)
readiness.add_command(init.command)
readiness.add_command(schema.command)
readiness.add_command(questions.command)
readiness.add_command(rules.command)
readiness.add_command(serve.command)
readiness.add_command(survey.command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raise), as tests and `__main__` expect.

    With no `argv` this is the program itself (the console script, `python -m engine`), which
    exits next: what setup builds is frozen (`collector.setup`), and the collector is spared its
    pass over everything loaded at exit (`spare_exit`).
    """
    if argv is None:
        collector.run_as_program()
    code = _run(list(sys.argv[1:] if argv is None else argv))
    if argv is None:
        collector.spare_exit()
    return code


def _run(args: list[str]) -> int:
    try:
        result = readiness.main(args=args, prog_name="readiness", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        shown = io.StringIO()
        error.show(file=shown)  # usage errors quote arguments, which may hold anything
        click.echo(inert_lines(shown.getvalue()), err=True, nl=False)
        return EXIT_BAD_INPUT
    except click.exceptions.Abort:
        click.echo("readiness: interrupted", err=True)
        return EXIT_BAD_INPUT
    except EngineUnavailableError as error:
        click.echo(one_line(f"readiness: error: {error}"), err=True)
        return EXIT_INTERNAL
    except Exception as error:  # the last line of defence: a bug, never bad input
        if "--debug" in args:
            import traceback  # noqa: PLC0415 - only here: it costs every other run milliseconds

            traceback.print_exc()
        name = type(error).__name__
        message = (
            f"readiness: internal error ({name}: {error}). This is a bug; please report it at "
            f"{ISSUES_URL} (run again with --debug for the traceback)."
        )
        click.echo(one_line(message), err=True)
        return EXIT_INTERNAL
    return int(result) if isinstance(result, int) else EXIT_OK
