"""The InnoMed site generator: read -> validate -> catalog -> generate -> stage -> render."""
