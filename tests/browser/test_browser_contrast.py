"""Tabs and code stay legible in both themes, measured as WCAG contrast ratios.

For every tab label (chosen or not), the text of every tab panel and every
piece of highlighted code, the colour Chromium computes for the text is set
against the background it actually sits on (the first opaque background up
the tree, with any translucent ones in between laid over it). Hidden tab
panels are measured too: a reader will open them. Every page is measured, on
the visit the tour of every page makes in each theme.
"""

import functools
import re

import pytest

# The colours are measured on the tour of every page (tour.py, its COLOURS
# script), which pytest-timeout counts in the first test that uses it.
# Each theme's tour is its own xdist group (see conftest.py), so the two run side by side.
pytestmark = pytest.mark.timeout(300)

MIN_CONTRAST = 4.5  # WCAG 2 AA for body-size text

NUMBER = r"\s*([\d.]+%?)\s*"


def parse_colour(css):
    """An ``rgb()``/``rgba()`` or ``color(srgb ...)`` value as (r, g, b, alpha), channels 0-1."""
    match = re.fullmatch(rf"rgba?\({NUMBER},{NUMBER},{NUMBER}(?:,{NUMBER})?\)", css)
    if match:
        r, g, b, a = match.groups()
        return (float(r) / 255, float(g) / 255, float(b) / 255, float(a) if a is not None else 1.0)
    match = re.fullmatch(r"color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: / ([\d.]+))?\)", css)
    if match:
        r, g, b, a = match.groups()
        return (float(r), float(g), float(b), float(a) if a is not None else 1.0)
    raise ValueError(f"cannot read the colour {css!r}")


def over(top, bottom):
    """*top* laid over the opaque *bottom*."""
    alpha = top[3]
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], bottom[:3], strict=True)) + (1.0,)


def luminance(colour):
    def linear(channel):
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground, background):
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def backdrop(backgrounds, canvas):
    """The opaque colour behind an element, given its backgrounds innermost first."""
    base = parse_colour(canvas)
    if base[3] < 1:
        base = (1.0, 1.0, 1.0, 1.0)  # the browser's own canvas
    layers = []
    for css in backgrounds:
        layer = parse_colour(css)
        if layer[3] == 0:
            continue
        layers.append(layer)
        if layer[3] == 1:
            break
    for layer in reversed(layers):
        base = over(layer, base)
    return base


def measure(sample):
    return measure_colours(sample["color"], tuple(sample["backgrounds"]), sample["canvas"])


# Most of the tens of thousands of samples share their colours.
@functools.cache
def measure_colours(color, backgrounds, canvas):
    background = backdrop(backgrounds, canvas)
    text = over(parse_colour(color), background)
    return contrast(text, background), text, background


def hex_colour(colour):
    return "#" + "".join(f"{round(c * 255):02x}" for c in colour[:3])


def test_the_contrast_arithmetic():
    black, white = parse_colour("rgb(0, 0, 0)"), parse_colour("rgb(255, 255, 255)")
    assert contrast(black, white) == pytest.approx(21)
    assert contrast(white, white) == pytest.approx(1)
    # The grey that is just dark enough for white: a well-known WCAG pair.
    assert contrast(white, parse_colour("rgb(118, 118, 118)")) == pytest.approx(4.54, abs=0.01)
    half_black = parse_colour("rgba(0, 0, 0, 0.5)")
    assert backdrop(["rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0.5)"], "rgb(255, 255, 255)")[:3] == pytest.approx(
        over(half_black, white)[:3]
    )


def test_tabs_and_code_are_legible(tour):
    failures, measured, kinds = [], 0, set()
    for path in tour.colours_json:
        for sample in tour.colour_samples(path):
            ratio, text, background = measure(sample)
            measured += 1
            kinds.add(sample["kind"].split(" (")[0])
            if ratio < MIN_CONTRAST:
                failures.append(
                    f"  {path}: {sample['kind']} {sample['text']!r}: {ratio:.2f} "
                    f"({hex_colour(text)} on {hex_colour(background)})"
                )
    assert {"tab", "code"} <= kinds, f"nothing to measure of { ({'tab', 'code'} - kinds) } on any page"
    summary = f"{len(failures)} of {measured} texts below {MIN_CONTRAST}:1 in the {tour.theme} theme"
    assert not failures, summary + ":\n" + "\n".join(failures)
