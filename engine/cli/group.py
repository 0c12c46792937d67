"""The `readiness` command group: parse arguments, run a command, turn every outcome into an
exit code.

Commands live in `engine.cli.commands`, one module each, and each is imported only when it runs
(or when `--help` lists them): a command's module brings its own options and helpers, and a cold
`validate` has no use for `survey`'s or `serve`'s.
"""

from __future__ import annotations

import importlib
import io

import click

from engine import __version__
from engine.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, EngineUnavailableError
from engine.printable import inert_lines, one_line
from engine.runtime import cache

ISSUES_URL = "https://github.com/ids-readiness/ids-readiness/issues"

# Each is `command` in the module of its name in `engine.cli.commands`.
COMMANDS = ("assess", "diff", "init", "questions", "rules", "schema", "serve", "survey", "validate")


class _Commands(click.Group):
    """The commands by name, each module imported on first use (click's lazy-group pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Click suggests a close name from the commands it has loaded, which here are none."""
        name = args[0] if args else ""
        if name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            from difflib import get_close_matches  # noqa: PLC0415 - only for a misspelling

            close = get_close_matches(name, COMMANDS)
            hint = f" Did you mean {close[0]!r}?" if len(close) == 1 else ""
            hint = f" (Possible commands: {', '.join(close)})" if len(close) > 1 else hint
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = importlib.import_module(f"engine.cli.commands.{cmd_name}").command
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="readiness", message="%(prog)s %(version)s"
)
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the cache of compiled templates, rule sets and validators "
    f"(also: {cache.NO_CACHE}=1).",
)
def readiness(debug: bool, no_cache: bool) -> None:
    """Is an Integrated Data System ready to engage its stakeholders about data and privacy?

    Exit codes: 0 all good; 1 an assessment reached the --fail-on verdict; 2 bad usage, an invalid
    profile or rule set; 3 an internal error (a bug).
    """
    cache.set_enabled(not no_cache)


def run(args: list[str]) -> int:
    """The exit code of `readiness ARGS...`; every error becomes one, none is raised."""
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
