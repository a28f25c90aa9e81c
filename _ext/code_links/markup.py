"""Links put into the HTML that Pygments made of a code block, by the characters of its text.

Pygments writes the text of a block, escaped, between tags: a token is a
``<span class="...">`` around its text, or its bare text. Walking the
``<pre>`` and counting the characters of the text between tags gives each
token's place in the block's text; a name to link that is exactly one token
gets an ``<a>`` around its span. Only tags are added: the text of the
``<pre>``, which is what the copy button copies, stays the block's text.

Where the walk finds text that is not the block's (a line-number column, a
lexer that changed the text), the block is left as it was: no link is better
than a link on the wrong name.
"""

import html
import re

PIECES = re.compile(r"<[^>]*>|[^<]+")
SPAN_OPEN = re.compile(r"<span class=\"[^\"]*\">$")
PRE_OPEN = re.compile(r"<pre\b[^>]*>")
PRE_CLOSE = "</pre>"


def add_links(highlighted, text, links, css_class):
    """*highlighted* (Pygments' HTML of *text*) with a link on each (start, end, href) of *links*."""
    pre = PRE_OPEN.search(highlighted)
    if pre is None or not links:
        return highlighted
    wanted = {(start, end): href for start, end, href in links}
    out, offset, closing = [highlighted[: pre.end()]], 0, False
    for match in PIECES.finditer(highlighted, pre.end()):
        piece = match.group()
        if piece.startswith("<"):
            if piece == PRE_CLOSE:
                out.append(highlighted[match.start() :])
                return "".join(out)
            if closing:
                if piece != "</span>":
                    return highlighted  # not one token after all
                piece += "</a>"
                closing = False
            out.append(piece)
            continue
        raw = html.unescape(piece) if "&" in piece else piece
        if not matches(text, offset, raw):
            return highlighted
        href = wanted.get((offset, offset + len(raw)))
        offset += len(raw)
        if href is None:
            out.append(piece)
            continue
        opening = f'<a class="{css_class}" href="{html.escape(href)}">'
        if out and SPAN_OPEN.match(out[-1]):
            out[-1] = opening + out[-1]  # around the token's span, so the span keeps its colour
            closing = True
            out.append(piece)
        else:
            out.append(f"{opening}{piece}</a>")
    return highlighted


def matches(text, offset, raw):
    """Whether *raw* is the text at *offset*, allowing the newline Pygments adds at the end."""
    if text.startswith(raw, offset):
        return True
    rest = text[offset:]
    return len(raw) > len(rest) and raw.startswith(rest) and not raw[len(rest) :].strip()
