"""Renderers: an Assessment (or a rule set) in, text out. No decisions are made here."""

# Every report format `readiness assess --format` accepts. Kept here, in a module that imports
# nothing, so the CLI can validate the option without loading the renderers.
FORMATS = ("markdown", "json", "html", "sarif", "github", "junit")
