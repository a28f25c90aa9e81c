"""``.. flavors::``: one example source, shown as a tab set with every flavour.

The author writes the Motor asyncio version once, as the directive's
content. The directive makes the tab set: the ``asyncio`` tab shows that
content, the ``Tornado`` tab shows it derived by ``tornado_flavor`` (imports
and class names), and the ``PyMongo Async`` tab shows it converted by
``motor_to_pymongo`` (``pymongo_flavor``), or the author's own version where
one is given in a ``.. flavor:: PyMongo Async`` section::

    .. flavors::

       .. code-block:: python

          from motor.motor_asyncio import AsyncIOMotorClient
          ...

       .. output::

          ...

       .. flavor:: PyMongo Async

          .. code-block:: python

             from pymongo import AsyncMongoClient
             ...

A ``.. flavor:: Tornado`` section replaces the derived Tornado tab where
Tornado code really differs (a ``RequestHandler`` application, say). The
``:only:`` option names the flavours a page offers when it is not all of
them (``:only: asyncio, PyMongo Async``), in the order of their tabs.

The derived text is the text of the page: what the reader sees, what the
copy button copies and what the runner runs. Its lines keep the source's
file and line numbers. The build fails, naming the file and line, when a
derived tab would be identical to its source and every other tab is too (a
tab set is then pointless: show the block once), when the derivation meets a
Motor name it does not know, and when a flavour the page needs has no
section. ``.. page-flavors::`` sets the flavours of a page's sets at once.

A ``.. flavor:: PyMongo Async`` section is for a tab the converter cannot
make: the build fails at a section that says what the converter derives, and
at one where the converter could derive the tab that does not say why a
person writes it differently, with ``:by-hand: reason`` on its first line.
The reason is shown at the top of the tab.
"""

import re

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import pymongo_flavor, tornado_flavor
from .tabs import group_tab_label, is_group_panel

logger = logging.getLogger(__name__)

SOURCE_FLAVOR = "asyncio"
# Flavours whose tab can be derived from the source flavour, and how.
DERIVATIONS = {"Tornado": tornado_flavor.derive, "PyMongo Async": pymongo_flavor.derive}
# Tiers whose exemptions a derived tab keeps: the mock tier has no stand-in for PyMongo Async at
# all (a categorical exemption), so a Motor block's reason for the mock says nothing of its conversion.
KEPT_EXEMPTIONS = {"PyMongo Async": ("live",)}
SECTION = re.compile(r"^\.\. flavor::\s*(?P<name>\S.*?)\s*$")


def flavor_list(argument):
    names = [name.strip() for name in (argument or "").split(",") if name.strip()]
    if not names:
        raise ValueError("name the flavours the set offers, as in ':only: asyncio, PyMongo Async'")
    return names


def split_sections(content):
    """The directive's content as (source lines, {flavour: lines}), each a StringList.

    A section starts at a ``.. flavor:: NAME`` line at the content's own
    indentation and holds the indented lines after it, dedented.
    """
    source, sections = StringList(), {}
    current, name, where = source, None, {}
    for index, line in enumerate(content):
        item = content.items[index]
        match = SECTION.match(line)
        if match:
            name = match.group("name")
            if name in sections:
                raise ValueError(f"a second section for {name!r}")
            current = sections[name] = StringList()
            where[name] = item
            continue
        if current is not source and line.strip() and not line[0].isspace():
            current = source  # back at the content's indentation: the section has ended
        current.append(line, *item)
    reasons = {}
    for name, lines in sections.items():
        indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
        if not indents:
            raise ValueError(f"the {name!r} section is empty")
        lines.data = [line[min(indents) :] for line in lines.data]
        reason = take_by_hand(lines)
        if reason is not None:
            reasons[name] = reason
    return source, sections, where, reasons


BY_HAND = re.compile(r"^:by-hand:\s*(?P<reason>.*)$")


def take_by_hand(lines):
    """The section's ``:by-hand: reason`` (its first line, continued on indented lines), removed from it."""
    first = next((i for i, line in enumerate(lines.data) if line.strip()), None)
    match = BY_HAND.match(lines.data[first]) if first is not None else None
    if not match:
        return None
    end = first + 1
    while end < len(lines.data) and lines.data[end][:1].isspace() and lines.data[end].strip():
        end += 1
    reason = " ".join([match.group("reason"), *(line.strip() for line in lines.data[first + 1 : end])])
    if not reason.strip():
        raise ValueError(":by-hand: needs a reason: why a person writes this tab differently")
    del lines[first:end]
    return reason.strip()


def derive_prose(derive, text):
    """*text* derived where it can be; prose may name anything, and only code must derive."""
    try:
        return derive(text).text
    except tornado_flavor.NotDerivable:
        return text


def text_of(lines):
    """The text of a section, without the blank lines around it."""
    return "\n".join(lines.data).strip("\n")


class FlavorsDirective(SphinxDirective):
    has_content = True
    option_spec = {"only": flavor_list}

    def run(self):
        self.assert_has_content()
        flavors = (
            self.options.get("only")
            or self.env.temp_data.get(PAGE_FLAVORS)
            or list(self.config.example_flavors)
        )
        unknown = [f for f in flavors if f not in self.config.example_flavors]
        if unknown:
            raise self.error(f"unknown flavour(s) in :only: {', '.join(unknown)}")
        if not any(f == SOURCE_FLAVOR or f in DERIVATIONS for f in flavors):
            raise self.error(
                f"the content is the {SOURCE_FLAVOR} flavour, so :only: must name it "
                "or a flavour derived from it"
            )
        try:
            source, sections, where, reasons = split_sections(self.content)
        except ValueError as exc:
            raise self.error(str(exc)) from exc
        if any(name != pymongo_flavor.FLAVOR for name in reasons):
            raise self.error(":by-hand: is for a PyMongo Async section, the one the converter derives")
        for name in sections:
            if name == SOURCE_FLAVOR or name not in flavors:
                raise self.error(f"a section for {name!r}, which this tab set does not derive or offer")
        tab_set, derived = StringList(), []
        source_file, line = self.get_source_info()
        tab_set.append(".. tabs::", source_file, line - 1)
        tab_set.append("", source_file, line - 1)
        for flavor in flavors:
            if flavor == SOURCE_FLAVOR:
                lines = source
            elif flavor in sections:
                lines = sections[flavor]
            elif flavor in DERIVATIONS:
                lines = source
                derived.append(flavor)
            else:
                raise self.error(
                    f"the {flavor!r} tab cannot be derived: add a '.. flavor:: {flavor}' section"
                )
            tab_set.append(f"   .. group-tab:: {flavor}", source_file, line - 1)
            tab_set.append("", source_file, line - 1)
            for index, text in enumerate(lines.data):
                tab_set.append(("      " + text) if text.strip() else "", *lines.items[index])
            tab_set.append("", source_file, line - 1)
        container = nodes.Element()
        self.state.nested_parse(tab_set, self.content_offset, container)
        # A derived tab that says what the source says is right where another tab
        # differs (Motor code that names no class, beside PyMongo code that
        # awaits); it is pointless where every tab would say the same.
        others_differ = any(text_of(lines) != text_of(source) for lines in sections.values())
        panels = [(group_tab_label(panel), panel) for panel in container.findall(is_group_panel)]
        converted = self.convert_source(panels, flavors, sections)
        source_panel = next((p for f, p in panels if f == SOURCE_FLAVOR or f in derived), None)
        would_derive = derived_text(source_panel, converted)  # before the loop changes the panels
        like_source = []
        for flavor, panel in panels:
            if flavor in derived:
                if not self.derive_panel(panel, flavor, converted):
                    like_source.append(flavor)
            elif flavor == pymongo_flavor.FLAVOR and flavor in sections:
                self.check_by_hand(panel, would_derive, converted, reasons.get(flavor), where[flavor])
        if len(like_source) == len(derived) and not others_differ:
            for flavor in like_source:
                logger.warning(
                    "the derived %s tab would be identical to the %s one: "
                    "show the example once, without tabs",
                    flavor,
                    SOURCE_FLAVOR,
                    location=self.get_location(),
                    type="flavors",
                    subtype="identical",
                )
        return container.children

    def check_by_hand(self, panel, would_derive, converted, reason, where):
        """A hand-written PyMongo Async tab: fine where the converter cannot make it, or it says why not.

        One that says what the converter derives is a copy to keep in step by
        hand: the build asks for it to go. One where the converter could derive
        a tab must say, with ``:by-hand:``, why a person writes it differently;
        the reason is shown at the top of the tab.
        """
        source, offset = where
        location = f"{source}:{offset + 1}"
        derivable = bool(converted) and not any(isinstance(c, Exception) for c in converted)
        if derivable and panel.astext() == would_derive:
            logger.warning(
                "this PyMongo Async section is what motor_to_pymongo derives: derive it: delete this section",
                location=location,
                type="flavors",
                subtype="derivable",
            )
        elif derivable and reason is None:
            logger.warning(
                "motor_to_pymongo derives a PyMongo Async tab here: delete this section, or say why a person "
                "writes it differently with ':by-hand: reason' on its first line",
                location=location,
                type="flavors",
                subtype="by-hand",
            )
        if reason is None:  # where the converter leaves a place for a person, its reason is known
            left = (getattr(c, "for_reader", None) for c in converted if isinstance(c, Exception))
            reason = next(left, None)
        if reason is not None:
            inline, messages = self.state.inline_text(reason, self.lineno)
            panel.insert(0, by_hand_note(inline))
            panel.extend(messages)

    def convert_source(self, panels, flavors, sections):
        """The page converter's Derivation (or NotDerivable) of each Python block of the source.

        Done for every set, whichever tabs it derives, so that the page's converter
        knows what each set's source made, as the runner's namespace knows it.
        """
        page = pymongo_flavor.page_derivation(self.env)
        page.catch_up(self.state.document, self.config.example_flavors)
        from_source = [p for f, p in panels if f == SOURCE_FLAVOR or (f in DERIVATIONS and f not in sections)]
        blocks = []
        if from_source:  # else every tab is written by hand, and nothing shows the source to derive
            found = from_source[0].findall(nodes.literal_block)
            blocks = [b for b in found if pymongo_flavor.example_kind(b)]
        converted = page.derive_source(blocks)
        for _, panel in panels:
            page.mark_fed(panel)
        return converted

    def derive_panel(self, panel, flavor, converted=()):
        """Rewrite the panel's blocks (a copy of the source's) into *flavor*; True where it differs.

        The PyMongo Async tab's Python blocks take the page converter's text, in
        *converted* (one per Python block of the source, in order).
        """
        derive = DERIVATIONS[flavor]
        from_page = iter(converted) if flavor == pymongo_flavor.FLAVOR else None
        changed = failed = False
        for block in panel.findall(nodes.literal_block):
            try:
                if from_page is not None and pymongo_flavor.example_kind(block):
                    derivation = next(from_page)
                    if isinstance(derivation, Exception):
                        raise derivation
                else:
                    derivation = derive(block.astext())
            except tornado_flavor.NotDerivable as exc:
                source, line = block.get("example_first_line") or (block.source, block.line)
                logger.warning(
                    "cannot derive the %s tab: %s",
                    flavor,
                    exc,
                    location=f"{source}:{(line or 0) + exc.line_offset}",
                    type="flavors",
                    subtype="not-derivable",
                )
                failed = True
                continue
            block.rawsource = derivation.text
            block[:] = [nodes.Text(derivation.text)]
            block["example_derived_from"] = SOURCE_FLAVOR
            # An exemption's reason may name the class too.
            exempt = block.get("example_exempt", {})
            kept = KEPT_EXEMPTIONS.get(flavor, exempt)
            block["example_exempt"] = {
                tier: derive_prose(derive, why) for tier, why in exempt.items() if tier in kept
            }
            changed |= derivation.changed and not block.get("example_output")
        for literal in panel.findall(nodes.literal):
            literal[:] = [nodes.Text(derive_prose(derive, literal.astext()))]
        return changed or failed


def derived_text(source_panel, converted):
    """The text a PyMongo Async tab derived from *source_panel* would show: code, prose and outputs."""
    if source_panel is None or any(isinstance(c, Exception) for c in converted):
        return None  # no tab to derive
    copy = source_panel.deepcopy()
    derived = iter(converted)
    for block in copy.findall(nodes.literal_block):
        if pymongo_flavor.example_kind(block):
            text = next(derived).text
        else:
            text = derive_prose(pymongo_flavor.derive, block.astext())
        block[:] = [nodes.Text(text)]
    for literal in copy.findall(nodes.literal):
        literal[:] = [nodes.Text(derive_prose(pymongo_flavor.derive, literal.astext()))]
    return copy.astext()


BY_HAND_CLASS = "by-hand"


def by_hand_note(reason_nodes):
    """The paragraph at the top of a hand-written tab that says why a person wrote it."""
    note = nodes.paragraph(classes=[BY_HAND_CLASS])
    note += nodes.strong(text="Written by hand: ")
    note.extend(reason_nodes)
    return note


# Where ``.. page-flavors::`` leaves the flavours of the page being read.
PAGE_FLAVORS = "example_page_flavors"


class PageFlavorsDirective(SphinxDirective):
    """``.. page-flavors:: Tornado, PyMongo Async``: the flavours this page's ``flavors`` sets offer.

    For a page that offers some flavours only (the Tornado tutorial): every
    ``flavors`` set after it, on the page or in a fragment it includes, takes
    these unless it names its own with ``:only:``. A fragment written once, in
    asyncio, can so serve a page that shows it derived to Tornado.
    """

    required_arguments = 1
    final_argument_whitespace = True

    def run(self):
        flavors = flavor_list(self.arguments[0])
        unknown = [f for f in flavors if f not in self.config.example_flavors]
        if unknown:
            raise self.error(f"unknown flavour(s): {', '.join(unknown)}")
        self.env.temp_data[PAGE_FLAVORS] = flavors
        return []


def setup(app):
    app.add_directive("page-flavors", PageFlavorsDirective)
    app.add_directive("flavors", FlavorsDirective)
    # Listed so that `.. flavor::` outside a `flavors` set is an error a reader can act on.
    app.add_directive("flavor", FlavorOutsideSet)


class FlavorOutsideSet(SphinxDirective):
    has_content = True
    required_arguments = 1
    final_argument_whitespace = True

    def run(self):
        raise self.error("'.. flavor::' belongs inside a '.. flavors::' tab set, at its own indentation")
