"""Courses, podcast, news and tools: same error format as projects, pages and feeds."""

import feedparser
import pytest
from bs4 import BeautifulSoup

from innomed.generate.feeds import news_feed, podcast_feed
from innomed.generate.site import generate_site
from innomed.model.errors import ContentErrors
from innomed.pipeline import load_content

from conftest import PNG_BYTES, run_build_py, write, write_bytes, write_project

SERIES = """\
---
title: Serien
summary: Om serien.
author: InnoMed
owner_name: InnoMed
owner_email: post@example.no
category: Health & Fitness
subcategory: Medicine
image: {file: bilder/omslag.png, alt: Seriens omslag}
---
Serien.
"""

EPISODE = """\
---
number: {number}
title: Episode {number}
summary: Om episode {number}.
guests:
  - name: Kari Nordmann
    role: Prosjektleder
    organisation: Sola kommune
{extra}---
Beskrivelse.
"""

COURSE = """\
---
title: Kurset
summary: Om kurset.
status: Tilgjengelig
available_from: "2025"
modules: [{modules}]
---
*Kursbeskrivelse.*
"""

MODULE = """\
---
title: Modul {name}
goals: [Forstå {name}]
minutes: {minutes}
---
Innhold.
"""


def errors(root):
    with pytest.raises(ContentErrors) as caught:
        load_content(root)
    return caught.value.errors


@pytest.mark.unit
def test_course_modules_in_order_with_totals_and_steps(scratch):
    write(scratch, "courses/kurset/index.md", COURSE.format(modules="b, a"))
    write(scratch, "courses/kurset/a.md", MODULE.format(name="a", minutes=20))
    write(scratch, "courses/kurset/b.md", MODULE.format(name="b", minutes=25))
    content = load_content(scratch)
    [course] = content.courses
    assert [m.slug for m in course.children] == ["b", "a"] and course.total_minutes == 45
    pages = {p.path: p.text for p in generate_site(content, scratch) if hasattr(p, "text")}
    first, last = pages["kurs/kurset/b.md"], pages["kurs/kurset/a.md"]
    assert "Modul 1 av 2 · 25 min" in first and 'href="../a/" rel="next"' in first
    assert "Modul 2 av 2" in last and 'href="../b/" rel="prev"' in last
    assert "Til sammen 45 min." in pages["kurs/kurset/index.md"]


@pytest.mark.unit
def test_course_errors_name_file_line_and_field(scratch):
    write(scratch, "courses/kurset/index.md", COURSE.format(modules="a, mangler"))
    write(scratch, "courses/kurset/a.md", MODULE.format(name="a", minutes="tjue"))
    write(scratch, "courses/kurset/glemt.md", MODULE.format(name="glemt", minutes=5))
    found = {(e.path, e.line, e.field) for e in errors(scratch)}
    assert ("courses/kurset/index.md", 6, "modules[1]") in found
    assert ("courses/kurset/a.md", 4, "minutes") in found
    assert ("courses/kurset/glemt.md", 1, "modules") in found


@pytest.mark.unit
def test_live_course_needs_modules(scratch):
    write(scratch, "courses/kurset/index.md", COURSE.format(modules=""))
    [error] = errors(scratch)
    assert error.path == "courses/kurset/index.md" and "moduler" in error.message


@pytest.mark.unit
def test_episode_errors(scratch):
    write(scratch, "podcast/index.md", SERIES)
    write(scratch, "podcast/01-a.md", EPISODE.format(number=1, extra="duration: 90 min\n"))
    write(
        scratch,
        "podcast/02-b.md",
        EPISODE.format(
            number=1,
            extra=("audio: {url: http://usikker.no/a.mp3, type: audio/mpeg, length: 10}\n"),
        ),
    )
    found = {(e.path, e.line, e.field): e.message for e in errors(scratch)}
    assert "er ikke en varighet" in found[("podcast/01-a.md", 9, "duration")]
    assert "https://" in found[("podcast/02-b.md", 9, "audio.url")]


@pytest.mark.unit
def test_duplicate_episode_numbers(scratch):
    write(scratch, "podcast/index.md", SERIES)
    write_bytes(scratch, "podcast/bilder/omslag.png", PNG_BYTES)
    write(scratch, "podcast/01-a.md", EPISODE.format(number=1, extra=""))
    write(scratch, "podcast/01-b.md", EPISODE.format(number=1, extra=""))
    [error] = errors(scratch)
    assert (error.path, error.line, error.field) == ("podcast/01-b.md", 2, "number")
    assert "podcast/01-a.md" in error.message


@pytest.mark.unit
def test_news_and_tool_errors(scratch):
    write(
        scratch,
        "content/aktuelt/sak.md",
        "---\ntitle: Sak\ndate: 2026-02-30\nsummary: Kort.\nrelated_projects: [ukjent]\n---\n"
        "Se [prosjektet](prosjekt:ukjent).\n",
    )
    write(scratch, "content/verktoy/mal.md", "---\ntitle: Mal\nsummary: Kort.\n---\nTekst.\n")
    found = {(e.path, e.line, e.field): e.message for e in errors(scratch)}
    assert "finnes ikke i kalenderen" in found[("content/aktuelt/sak.md", 3, "date")]
    assert "how_to_get" in found[("content/verktoy/mal.md", 1, "front matter")]


@pytest.mark.unit
def test_broken_internal_link_and_related_project(scratch):
    write(
        scratch,
        "content/aktuelt/sak.md",
        "---\ntitle: Sak\ndate: 2026-02\nsummary: Kort.\nrelated_projects: [ukjent]\n---\n"
        "Tekst.\n\nSe [prosjektet Ukjent](prosjekt:ukjent).\n",
    )
    found = {(e.line, e.field): e.message for e in errors(scratch)}
    assert "'ukjent'" in found[(5, "related_projects[0]")]
    assert "ingen prosjekt med adressen 'ukjent'" in found[(9, "lenke")]


@pytest.mark.unit
def test_podcast_feed_with_audio_transcript_and_determinism(scratch):
    write(scratch, "podcast/index.md", SERIES)
    write_bytes(scratch, "podcast/bilder/omslag.png", PNG_BYTES)
    write(scratch, "podcast/transkripsjoner/a.md", "# Transkripsjon\n\nKari: Hei.\n")
    write(
        scratch,
        "podcast/01-a.md",
        EPISODE.format(
            number=1,
            extra=(
                'date: 2026-01-15\nduration: "42:30"\n'
                "audio: {url: https://lyd.example.no/a.mp3, type: audio/mpeg, length: 12345}\n"
                "transcript: transkripsjoner/a.md\n"
            ),
        ),
    )
    write(scratch, "podcast/02-b.md", EPISODE.format(number=2, extra=""))
    content = load_content(scratch)
    assert [w.split(":")[0] for w in content.podcast_warnings] == ["podcast/02-b.md"]
    xml = podcast_feed(content, "https://innomed.no")
    assert xml == podcast_feed(content, "https://innomed.no")  # byte-identical
    feed = feedparser.parse(xml)
    assert not feed.bozo and len(feed.entries) == 1  # episode 2 has no audio
    [entry] = feed.entries
    assert entry.enclosures[0].href == "https://lyd.example.no/a.mp3"
    assert entry.enclosures[0].length == "12345"
    assert entry.id == "https://innomed.no/podcast/01-a/"
    assert entry.itunes_episode == "1" and entry.itunes_duration == "0:42:30"
    channel = BeautifulSoup(xml, "xml").rss.channel
    assert channel.find("itunes:owner").find("itunes:email").get_text() == "post@example.no"
    assert channel.find("lastBuildDate").get_text().startswith("Thu, 15 Jan 2026")
    assert channel.find("itunes:image")["href"] == "https://innomed.no/podcast/bilder/omslag.png"
    transcript = channel.item.find("podcast:transcript")
    assert transcript["url"] == "https://innomed.no/podcast/transkripsjoner/01-a.txt"
    pages = {p.path: p for p in generate_site(content, scratch)}
    assert (
        '<audio controls preload="none" src="https://lyd.example.no/a.mp3">'
        in pages["podcast/01-a.md"].text
    )
    assert "Kari: Hei." in pages["podcast/01-a.md"].text
    assert "podcast/transkripsjoner/01-a.txt" in pages


@pytest.mark.unit
def test_no_podcast_feed_without_audio_and_no_incomplete_feed(scratch):
    write(
        scratch,
        "podcast/index.md",
        SERIES.replace("image: {file: bilder/omslag.png, alt: Seriens omslag}\n", ""),
    )
    write(scratch, "podcast/01-a.md", EPISODE.format(number=1, extra=""))
    content = load_content(scratch)
    assert podcast_feed(content, "https://innomed.no") is None and not content.podcast_warnings
    write(
        scratch,
        "podcast/02-b.md",
        EPISODE.format(
            number=2,
            extra=("audio: {url: https://lyd.example.no/b.mp3, type: audio/mpeg, length: 1}\n"),
        ),
    )
    with pytest.raises(ContentErrors) as problem:
        load_content(scratch)
    [error] = problem.value.errors
    assert (error.path, error.field) == ("podcast/index.md", "image")


@pytest.mark.unit
def test_news_feed_is_atom_newest_first(scratch):
    for slug, day in (("eldre", "2025-11"), ("nyere", "2026-02-03")):
        write(
            scratch,
            f"content/aktuelt/{slug}.md",
            f"---\ntitle: Sak {slug}\ndate: {day}\nsummary: Kort.\n---\nTekst.\n",
        )
    content = load_content(scratch)
    feed = feedparser.parse(news_feed(content, "https://innomed.no"))
    assert feed.version == "atom10"
    assert [e.link for e in feed.entries] == [
        "https://innomed.no/aktuelt/nyere/",
        "https://innomed.no/aktuelt/eldre/",
    ]
    assert feed.feed.updated.startswith("2026-02-03")


@pytest.mark.build
def test_sections_build_with_projects_linked(scratch):
    write_project(scratch, "prosjekt-alfa", title="Prosjekt Alfa")
    write(
        scratch,
        "content/verktoy/mal.md",
        "---\ntitle: Mal\nsummary: Kort.\ndownloads:\n  - title: Malen\n    file: filer/mal.csv\n"
        "related_projects: [prosjekt-alfa]\n---\n## Hva er verktøyet til?\n\nTekst.\n",
    )
    write(scratch, "content/verktoy/filer/mal.csv", "Steg;Aktør\n1;Kommune\n")
    result = run_build_py(scratch, "build")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((scratch / "site/verktoy/mal/index.html").read_text(), "html.parser")
    download = soup.find("a", string="Malen")
    assert download["href"] == "../filer/mal.csv"
    size = len("Steg;Aktør\n1;Kommune\n".encode())
    assert download.parent.get_text() == f"Malen (CSV, {size} byte)"
    assert (scratch / "site/verktoy/filer/mal.csv").read_text() == "Steg;Aktør\n1;Kommune\n"
    assert soup.find("a", string="Prosjekt Alfa")["href"] == "../../prosjekt/prosjekt-alfa/"


@pytest.mark.unit
def test_partial_dates_sort_by_what_they_say_and_feeds_invent_no_day(scratch):
    """A year or a month alone is not 1 January: an item from '2025' is not put behind one
    from June 2025, and the feed gives it no published day the source does not give."""
    for slug, day in (("juni", "2025-06-20"), ("hoest", "2025"), ("mars", "2025-03")):
        write(
            scratch,
            f"content/aktuelt/{slug}.md",
            f'---\ntitle: Sak {slug}\ndate: "{day}"\nsummary: Kort.\n---\nTekst.\n',
        )
    content = load_content(scratch)
    assert [n.slug for n in content.news] == ["hoest", "juni", "mars"]
    feed = feedparser.parse(news_feed(content, "https://innomed.no"))
    published = {e.link.rsplit("/", 2)[1]: e.get("published") for e in feed.entries}
    assert published["juni"].startswith("2025-06-20")
    assert published["hoest"] is None and published["mars"] is None
    page = {p.path: p.text for p in generate_site(content, scratch) if hasattr(p, "text")}
    assert "Publisert 2025" in page["aktuelt/hoest.md"]
    assert "Publisert mars 2025" in page["aktuelt/mars.md"]


@pytest.mark.unit
def test_entries_without_a_source_are_named_by_check(scratch):
    write(
        scratch,
        "content/aktuelt/uten.md",
        "---\ntitle: Uten kilde\ndate: 2025-06-01\nsummary: Kort.\n---\nTekst.\n",
    )
    write(
        scratch,
        "content/aktuelt/med.md",
        "---\ntitle: Med kilde\ndate: 2025-06-01\n"
        'summary: Kort.\nsource: ["Årsrapport 2025, del 2.3"]\n---\nTekst.\n',
    )
    unsourced = load_content(scratch).unsourced
    assert any(w.startswith("content/aktuelt/uten.md: source: mangler") for w in unsourced)
    assert not any(w.startswith("content/aktuelt/med.md") for w in unsourced)
