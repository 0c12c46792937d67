"""What one run of the tool keeps outside its results: the user's cache, and the collector policy.

Below every pipeline stage, so that any stage may cache what it builds or pause the collector
while it builds; it imports nothing heavy, so that `readiness --version` stays instant.
"""
