"""The accessibility helper itself: each check finds the fault it is for on a small page, and passes the
same page once fixed (so a green page test means something)."""

from __future__ import annotations

import pytest

from tests.e2e import a11y

pytestmark = pytest.mark.integration

FOCUS_CSS = "<style>:focus { outline: 3px solid #b04a00; }</style>"


@pytest.mark.parametrize(
    "broken, fixed, check, finding",
    [
        (
            '<input id="q">',
            '<label for="q">Question</label><input id="q">',
            a11y.unlabelled_controls,
            "without an accessible name",
        ),
        (
            "<button></button>",
            '<button aria-label="Send"></button>',
            a11y.unlabelled_controls,
            "without an accessible name",
        ),
        (
            '<p style="color:#999">grey text</p>',
            '<p style="color:#595959">grey text</p>',
            a11y.low_contrast,
            "has contrast",
        ),
        (
            '<div style="background:#0b4f8a"><p style="color:#333">dark on blue</p></div>',
            '<div style="background:#0b4f8a"><p style="color:#fff">white on blue</p></div>',
            a11y.low_contrast,
            "has contrast",
        ),
    ],
)
def test_a_check_finds_its_fault_and_passes_the_fixed_page(page, broken, fixed, check, finding):
    page.set_content(FOCUS_CSS + broken)
    found = check(page)
    assert found and finding in found[0]
    page.set_content(FOCUS_CSS + fixed)
    assert check(page) == []


@pytest.mark.parametrize(
    "html, finding",
    [
        ("<button>one</button><br><button>two</button>", None),
        ('<button>one</button><br><button tabindex="1">two</button>', "focus jumps back"),
        ("<style>button:focus { outline: none; }</style><button>one</button>", "no visible focus"),
    ],
)
def test_focus_order_and_visibility(page, html, finding):
    page.set_content(FOCUS_CSS + html)
    found = a11y.focus_order_problems(a11y.tab_stops(page))
    assert (found == []) if finding is None else any(finding in f for f in found)
