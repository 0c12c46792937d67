"""What one run of the tool keeps outside its results: the cache beside the package (with the
pydantic validators kept in it), and the collector policy.

Below every pipeline stage, so that any stage may cache what it builds or pause the collector
while it builds. `cache` and `collector` import nothing heavy, so that `readiness --version`
stays instant; `validators` imports pydantic, and only stages that use pydantic import it.
"""
