"""REDIS_URL names a Redis server and, optionally, the first of the two databases this site uses.

`redis://host:6379` → broker in database 0, cache in database 1 (the defaults);
`redis://host:6379/4` → broker in database 4, cache in database 5.
"""

from urllib.parse import urlsplit, urlunsplit


def redis_db(url: str) -> int | None:
    """The database number in `url`, or None when it names none."""
    path = urlsplit(url).path.strip("/")
    if not path:
        return None
    if not path.isdigit():
        raise ValueError(f"REDIS_URL must end in a database number, not {path!r}: {url}")
    return int(path)


def redis_url_with_db(url: str, db: int) -> str:
    """`url` with its database number (if any) replaced by `db`; the query string is kept."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))


def redis_server_url(url: str) -> str:
    """`url` without a database number."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", parts.query, ""))


def redis_broker_and_cache_urls(url: str) -> tuple[str, str]:
    first = redis_db(url) or 0
    return redis_url_with_db(url, first), redis_url_with_db(url, first + 1)
