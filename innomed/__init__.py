"""The InnoMed site generator. One subpackage per stage; imports only flow down this list
(tests/test_architecture.py keeps it so):

- speed/     the parallel map the page-by-page steps use on large sites (cores.py)
- model/     read and validate: sources, the registry of content types, models, vocabularies,
             entries, the catalog, editors' text checks, mkdocs.yml and data/ settings
- checks/    what the generated site may not do: links, anchors, menu, addresses, built HTML
- search/    the static search: what a page offers it, the index written after the render
- cms/       /admin/ (Decap CMS): its generated configuration and JSON Schemas
- generate/  pure functions from content to page data, and the Jinja templates
- render/    stage the pages, render with MkDocs, verify, swap into site/
- pipeline.py  the build, narrated step by step
- preview/   the live preview (`serve`) and its one shortcut, incremental rendering
- cli.py     the command line
"""
