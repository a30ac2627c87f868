"""Pure functions from Content to page data (listings, entry pages, feeds, redirects, key
figures), and the Jinja templates (templates/, escaped by default) that turn it into the
staged markdown. site.py gathers every page and file of the site."""
