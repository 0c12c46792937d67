"""The local web workspace (`readiness serve`): what a browser sees, above the CLI's stages."""
