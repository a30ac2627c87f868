"""Reading and models: every content file the registry (registry.py) names, read
(sources.py, reading.py), validated into typed entries (models*.py, validate.py) with editors'
text checks (body_checks.py, html_policy.py, links.py), and gathered into Content and the
Catalog. Pure functions of the files; nothing here writes."""
