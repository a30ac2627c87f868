"""The podcast RSS feed (Apple Podcasts / Spotify) and the news Atom feed.

Both are byte-identical when rebuilt from the same content: every date comes from front
matter, never from the clock.
"""

from __future__ import annotations

import datetime as dt

# isort: off
import feedgen.feed  # noqa: F401  (must load before feedgen.ext.podcast: lxml 6 quirk)
import feedgen.ext.podcast  # noqa: F401  (registers the iTunes extension)

# isort: on
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from innomed.generate.sections import guest_text
from innomed.model.content import Content
from innomed.model.dates import partial_date_start
from innomed.model.pages import Page, url_of
from innomed.model.registry import TYPES, ContentType, asset_path, feed_file, url_for

PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"


class PodcastIndexExtension(BaseExtension):
    """Declares the Podcasting 2.0 namespace on the channel."""

    def extend_ns(self):
        return {"podcast": PODCAST_NAMESPACE}


class PodcastIndexEntryExtension(BaseEntryExtension):
    """`<podcast:transcript url=... type=...>` per episode (feedgen has no such extension)."""

    def __init__(self):
        self.transcript_url = None
        self.transcript_type = "text/plain"

    def transcript(self, url: str, mime_type: str = "text/plain") -> None:
        self.transcript_url, self.transcript_type = url, mime_type

    def extend_rss(self, item):
        if self.transcript_url:
            element = etree.SubElement(item, f"{{{PODCAST_NAMESPACE}}}transcript")
            element.set("url", self.transcript_url)
            element.set("type", self.transcript_type)
        return item


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def without_clock(feed: FeedGenerator, newest: dt.date | None) -> None:
    """feedgen stamps 'now' as lastBuildDate; use the newest content date or leave it out."""
    if newest:
        feed.lastBuildDate(midnight(newest))
    else:
        feed._FeedGenerator__rss_lastBuildDate = None  # no public way to unset it


def podcast_feed(content: Content, site_url: str) -> str | None:
    with_audio = [e for e in content.episodes if e.meta.audio]
    if content.series is None or not with_audio:
        return None  # an empty feed would be a dead end for subscribers
    series = content.series.meta
    base = site_url.rstrip("/")
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension(
        "podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension, atom=False
    )
    feed.title(series.title)
    feed.description(series.summary)
    feed.language("no" if series.lang == "nb" else "nn")
    feed.link(href=f"{base}/podcast/", rel="alternate")
    feed.podcast.itunes_author(series.author)
    if series.owner_email:  # feedgen (and Apple) want both; never invent an address
        feed.podcast.itunes_owner(name=series.owner_name, email=series.owner_email)
    feed.podcast.itunes_explicit("yes" if series.explicit else "no")
    feed.podcast.itunes_category(series.category, series.subcategory)
    feed.podcast.itunes_summary(series.summary)
    if series.image:
        image_url = f"{base}/{asset_path(content.series, series.image.file)}"
        feed.podcast.itunes_image(image_url)
        feed.image(url=image_url, title=series.title, link=f"{base}/podcast/")
    # feedgen prepends each entry: add oldest first so the file lists newest first.
    for episode in reversed(with_audio):
        meta = episode.meta
        url = base + url_for(episode)
        entry = feed.add_entry()
        entry.guid(url, permalink=True)
        entry.title(meta.title)
        entry.link(href=url)
        guests = "; ".join(guest_text(g) for g in meta.guests)
        entry.description(meta.summary + (f" Med {guests}." if guests else ""))
        entry.enclosure(meta.audio.url, str(meta.audio.length), meta.audio.type)
        if meta.date:
            entry.pubDate(midnight(meta.date))
        if meta.duration:
            entry.podcast.itunes_duration(meta.duration)
        entry.podcast.itunes_episode(meta.number)
        if meta.transcript:
            entry.podcastindex.transcript(f"{base}/{asset_path(episode, meta.transcript)}")
    dates = [e.meta.date for e in with_audio if e.meta.date]
    without_clock(feed, max(dates, default=None))
    return feed.rss_str(pretty=True).decode("utf-8")


def news_feed(content: Content, site_url: str) -> str | None:
    return atom_feed(
        content,
        TYPES["news"],
        site_url,
        "InnoMed – aktuelt",
        "Nyheter fra InnoMed, nasjonalt kompetansenettverk for behovsdrevet innovasjon.",
    )


def atom_feed(
    content: Content, content_type: ContentType, site_url: str, title: str, subtitle: str
) -> str | None:
    """An Atom feed of a type's entries, newest first as the type orders them."""
    entries = content.of(content_type.name)
    if not entries:
        return None
    base = site_url.rstrip("/")
    listing = url_of(content_type.required("listing"))
    feed = FeedGenerator()
    feed.id(f"{base}{listing}")
    feed.title(title)
    feed.subtitle(subtitle)
    feed.language("nb")
    feed.link(href=f"{base}/{content_type.required('feed')}", rel="self")
    feed.link(href=f"{base}{listing}", rel="alternate")
    feed.author(name="InnoMed")
    stamps = []
    for entry_source in reversed(entries):
        meta = entry_source.meta
        url = base + url_for(entry_source)
        # Atom wants a time for every entry. A day the source gives is used as is; a year or
        # a month alone is never turned into an invented "1 January": then the entry carries
        # only `updated`, the day the article last changed here (front matter, else git).
        date = getattr(meta, "date", None) or ""
        day = dt.date.fromisoformat(date) if len(date) == 10 else None
        changed = getattr(meta, "updated", None) or day
        changed = changed or content.file_dates.get(entry_source.source.rel)
        changed = changed or (partial_date_start(date) if date else dt.date(1970, 1, 1))
        entry = feed.add_entry()
        entry.id(url)
        entry.title(meta.title)
        entry.link(href=url, rel="alternate")
        if summary := getattr(meta, "summary", None):
            entry.summary(summary)
        if day:
            entry.published(midnight(day))
        entry.updated(midnight(changed))
        stamps.append(changed)
    feed.updated(midnight(max(stamps)))
    return feed.atom_str(pretty=True).decode("utf-8")


def generate_feeds(content: Content, site_url: str) -> list:
    items: list = []
    podcast = podcast_feed(content, site_url)
    if podcast:
        items.append(Page(feed_file("podcast"), podcast, origin=TYPES["podcast"].folder))
    news = news_feed(content, site_url)
    if news:
        items.append(Page(feed_file("news"), news, origin=TYPES["news"].folder))
    for content_type in TYPES.values():  # any other type with a `feed` in the registry
        if content_type.feed and content_type.name not in ("news", "podcast"):
            title = content_type.listing_title or content_type.noun.capitalize()
            text = atom_feed(content, content_type, site_url, f"InnoMed – {title.lower()}", title)
            if text:
                items.append(Page(content_type.feed, text, origin=content_type.folder))
    return items
