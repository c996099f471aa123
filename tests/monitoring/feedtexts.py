"""Feeds in each format, written the way publishers serve them, for the local web."""

from xml.sax.saxutils import escape


def rss(items: list[tuple[str, str]], *, title: str = "Test news") -> str:
    """RSS 2.0: (guid and link, title) per item."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(u)}</link><guid>{escape(u)}</guid>"
        f"<pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>"
        for u, t in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link>{entries}</channel></rss>"
    )


def rss091(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(u)}</link></item>" for u, t in items
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC '
        '"-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        f'<rss version="0.91"><channel><title>Old news</title>{entries}</channel></rss>'
    )


def rdf(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f'<item rdf:about="{escape(u)}"><title>{escape(t)}</title><link>{escape(u)}</link></item>'
        for u, t in items
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://example.org/">'
        f"<title>RDF news</title></channel>{entries}</rdf:RDF>"
    )


def atom(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<entry><id>tag:example.org,2026:{escape(u)}</id><title>{escape(t)}</title>"
        f'<link href="{escape(u)}"/><updated>2026-11-30T10:00:00Z</updated></entry>'
        for u, t in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom news</title><id>tag:example.org,2026:feed</id>{entries}</feed>"
    )


def json_feed(items: list[tuple[str, str]]) -> str:
    import json

    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "JSON news",
            "items": [
                {"id": u, "url": u, "title": t, "date_published": "2026-11-30T10:00:00Z"}
                for u, t in items
            ],
        }
    )


def news_sitemap(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<url><loc>{escape(u)}</loc><news:news><news:publication><news:name>Example"
        f"</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>2026-11-30T10:00:00Z</news:publication_date>"
        f"<news:title>{escape(t)}</news:title></news:news></url>"
        for u, t in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>'
    )


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']><rss version="2.0"><channel><title>&lol9;</title></channel></rss>'
)
