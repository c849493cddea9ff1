"""Measures of a page's layout shared by the browser tests."""


def scroll_width(page) -> int:
    """The page's width once laid out with its stylesheet (a click's new page may be in the DOM
    before the stylesheet has loaded, and unstyled pictures are wide)."""
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth")
