"""The assessment: a validated profile and a rule set in, an `Assessment` out (findings with
evidence, the verdict under the waivers, trust alignment, completeness), and the diff of two.

Plain data for the renderers; nothing here formats text for a reader.
"""
