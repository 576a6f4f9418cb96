"""Basic accessibility checks on a live page (Playwright): labels, text contrast, focus order and focus
visibility. Each check returns a list of problems as sentences; a passing page returns ``[]``.

Contrast follows WCAG 2.x relative luminance; 4.5:1 is asked of all text (no large-text allowance), with
the background found by walking up to the first opaque ancestor background (white at the top).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FocusStop", "unlabelled_controls", "low_contrast", "tab_stops", "focus_order_problems", "problems"]

_UNLABELLED = """() => {
  const named = el => (el.labels && [...el.labels].some(l => l.textContent.trim()))
    || (el.getAttribute('aria-label') || '').trim()
    || (el.getAttribute('aria-labelledby') || '').split(/\\s+/).some(id => id && document.getElementById(id)
         && document.getElementById(id).textContent.trim())
    || (el.getAttribute('title') || '').trim()
    || (el.tagName === 'BUTTON' && el.textContent.trim());
  return [...document.querySelectorAll('input, select, textarea, button')]
    .filter(el => el.type !== 'hidden' && el.getClientRects().length && !named(el))
    .map(el => el.outerHTML.slice(0, 120));
}"""

_CONTRAST = """(minimum) => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const blend = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = el => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((under, top) => blend(top, under), [255, 255, 255, 1]);
  };
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const problems = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const el = text.parentElement;
    if (!text.textContent.trim() || seen.has(el) || !el.getClientRects().length) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const back = background(el);
    const fore = blend(parse(style.color), back);
    const [a, b] = [lum(fore), lum(back)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < minimum) problems.push(`${el.tagName.toLowerCase()} "${text.textContent.trim().slice(0, 40)}" `
      + `has contrast ${ratio.toFixed(2)}:1 (${style.color} on rgb(${back.slice(0, 3).map(Math.round)}))`);
  }
  return problems;
}"""

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  return {name: (el.id ? '#' + el.id : el.tagName.toLowerCase()) + ' ' + (el.textContent || el.value || '').trim().slice(0, 30),
          top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left + scrollX, visible,
          key: el.id || el.outerHTML.slice(0, 200)};
}"""


@dataclass(frozen=True)
class FocusStop:
    name: str
    top: float
    bottom: float
    left: float
    visible: bool  # an outline of at least 2 px or a box shadow while focused
    key: str


def unlabelled_controls(page) -> list[str]:
    return [f"form control without an accessible name: {html}" for html in page.evaluate(_UNLABELLED)]


def low_contrast(page, minimum: float = 4.5) -> list[str]:
    return page.evaluate(_CONTRAST, minimum)


def tab_stops(page, limit: int = 60) -> list[FocusStop]:
    """Press Tab from the top of the page until focus leaves the page or comes back around."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops: list[FocusStop] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or (stops and focused["key"] == stops[0].key):
            break
        stops.append(FocusStop(**focused))
    return stops


def focus_order_problems(stops: list[FocusStop], tolerance: float = 4.0) -> list[str]:
    """Each stop must show focus and lie after the previous one in reading order: below it, or on the same
    line (their vertical extents overlap) and not to its left."""
    found = [f"no visible focus on {s.name}" for s in stops if not s.visible]
    for before, after in zip(stops, stops[1:]):
        same_line = after.top < before.bottom - tolerance and before.top < after.bottom - tolerance
        below = after.top >= before.bottom - tolerance
        if not (below or (same_line and after.left >= before.left - tolerance)):
            found.append(f"focus jumps back from {before.name} to {after.name}")
    return found


def problems(page) -> list[str]:
    """All checks; a test asserts ``problems(page) == []`` and sees every finding at once."""
    stops = tab_stops(page)
    if not stops:
        return ["nothing on the page takes keyboard focus"]
    return unlabelled_controls(page) + low_contrast(page) + focus_order_problems(stops)
