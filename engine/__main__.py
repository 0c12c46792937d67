"""Allows `python -m engine`, for CI and tests where no console script is on PATH."""

from engine.cli.main import main

raise SystemExit(main())
