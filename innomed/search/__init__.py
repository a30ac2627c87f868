"""The site's own static search: what each page offers it (front.py, as front matter), and
the index written from the rendered pages (index.py, pages.py, text.py)."""
