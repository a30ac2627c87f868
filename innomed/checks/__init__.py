"""Checks of the site as a whole: links and anchors between generated pages, the menu and
addresses (before the render, so `check` refuses what the build would), and the built HTML
(verify.py, after the render, before the swap)."""
