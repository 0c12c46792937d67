"""Workflows over several stages and the renderers: paths in, reports, diffs and catalogues out.

The batch run, the rule catalogue and its example check, the two sides of a diff, and the file
discovery and output helpers they share. Sits above `render`, so no stage imports it.
"""
