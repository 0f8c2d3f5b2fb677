"""Helpers of `sieb.metadata`, one module per kind of evidence.

`tags` reads `<meta>`/`<link>`/`<html lang>` (and holds the tables of which keys give which field),
`jsonld` reads JSON-LD, `dates` turns candidate strings into ISO 8601, `authors` parses bylines and
rejects names that are not people, `fields` cleans titles, languages and URLs. The public entry
point is `sieb.metadata.extract_metadata`.
"""
