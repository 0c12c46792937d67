"""One module per `readiness` subcommand."""
