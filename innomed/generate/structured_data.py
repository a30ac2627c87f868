"""schema.org JSON-LD for search engines: Article, NewsArticle, PodcastEpisode, Course.

Pure functions: entry in, JSON text out. The theme prints it in <head> (theme/main.html).
"""

from __future__ import annotations

import json

PUBLISHER = {"@type": "Organization", "name": "InnoMed", "url": "https://innomed.no/"}


def as_json(data: dict) -> str:
    # "<" escaped so the JSON can never close the surrounding <script> element.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def project_jsonld(project, url: str) -> str:
    meta = project.meta
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": meta.title,
        "description": meta.summary,
        "inLanguage": meta.lang,
        "url": url,
        "publisher": PUBLISHER,
    }
    if meta.owner:
        data["about"] = meta.owner
    if meta.published:
        data["datePublished"] = meta.published.isoformat()
    if meta.updated:
        data["dateModified"] = meta.updated.isoformat()
    return as_json(data)


def news_jsonld(entry, url: str) -> str:
    meta = entry.meta
    return as_json(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": meta.title,
            "description": meta.summary,
            "inLanguage": meta.lang,
            "url": url,
            "publisher": PUBLISHER,
            "author": PUBLISHER,
        }
        # An article written for the site from a document has no publication date to give.
        | ({} if meta.written_from else {"datePublished": meta.date})
    )


def episode_jsonld(episode, series_title: str, url: str, series_url: str) -> str:
    meta = episode.meta
    data = {
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "name": meta.title,
        "description": meta.summary,
        "episodeNumber": meta.number,
        "inLanguage": meta.lang,
        "url": url,
        "partOfSeries": {"@type": "PodcastSeries", "name": series_title, "url": series_url},
    }
    if meta.date:
        data["datePublished"] = meta.date.isoformat()
    if meta.guests:
        data["actor"] = [{"@type": "Person", "name": guest.name} for guest in meta.guests]
    if meta.audio:
        data["associatedMedia"] = {
            "@type": "MediaObject",
            "contentUrl": meta.audio.url,
            "encodingFormat": meta.audio.type,
        }
    if meta.duration:
        hours, minutes, seconds = (int(x) for x in meta.duration.split(":"))
        data["timeRequired"] = f"PT{hours}H{minutes}M{seconds}S"
    return as_json(data)


def course_jsonld(course, url: str) -> str:
    meta = course.meta
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": meta.title,
        "description": meta.summary,
        "inLanguage": meta.lang,
        "url": url,
        "provider": PUBLISHER,
        # No isAccessibleForFree: no source says what the courses cost or who may take them
        # beyond the projects InnoMed coaches.
    }
    if course.total_minutes:
        data["timeRequired"] = f"PT{course.total_minutes}M"
    if meta.outcomes:
        data["teaches"] = list(meta.outcomes)
    return as_json(data)
