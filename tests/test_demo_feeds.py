"""The demo site's feed and news sitemap list each bundled article under its own headline."""

from __future__ import annotations

import re
from html import unescape

from newsgraph.api import read_articles
from newsgraph.demo import demo_dir
from newsgraph.demo.feeds import FEED_FILES, SITEMAP_FILES, demo_routes
from newsgraph.model import Article


def test_the_demo_listings_title_each_article_with_its_headline() -> None:
    routes = demo_routes("http://demo.invalid")
    feed = routes["/feeds/world.xml"][1].decode()
    sitemap = routes["/sitemap-news.xml"][1].decode()
    listed = [unescape(t) for t in re.findall(r"<item><title>(.*?)</title>", feed)]
    listed += [unescape(t) for t in re.findall(r"<news:title>(.*?)</news:title>", sitemap)]
    headlines = {
        a.origin.rsplit("/", 1)[-1]: a.title
        for a in read_articles([demo_dir()])
        if isinstance(a, Article) and a.origin
    }
    expected = [headlines[name] for name in (*FEED_FILES, *SITEMAP_FILES)]
    assert all(t and len(t.split()) >= 4 for t in expected)
    assert set(expected) <= set(listed)
    assert not {"Home", "Asia", "Menu"} & set(listed)
