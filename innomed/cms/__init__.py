"""Editing in the browser (/admin/, Decap CMS): its configuration, generated from the registry,
models and vocabularies (decap.py), and the JSON Schemas for editors' tools (schemas.py)."""
