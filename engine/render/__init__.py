"""Renderers: an Assessment (or a rule set) in, text out. No decisions are made here."""
