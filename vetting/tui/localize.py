"""Key descriptions in the person's language, for bindings Textual fixes at import time.

Textual reads ``BINDINGS`` once, when each class is defined, into the class's
``_merged_bindings`` (``DOMNode.__init_subclass__``), and every new node starts from a copy
of it (``node._bindings``, in ``DOMNode.__init__``). The footer, the key bar and the keys
panel show ``binding.description`` from there. So descriptions are marked with ``N_`` in
``BINDINGS`` (the class keeps the English msgid) and :func:`localize_bindings` gives one
node a copy whose descriptions are translated now. The app calls it for every screen it
shows (:meth:`vetting.tui.app.VettingApp._load_screen_css`) and for every node on screen
when the language changes; widgets with bindings of their own call it as they mount.

Private Textual attributes, pinned to textual==8.2.8 like the crash path (``crash.py``).
:func:`redraw_in_language` draws every screen again when the person picks a language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Protocol, cast

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

from vetting.checklist.model import Checklist
from vetting.i18n import SOURCE_LANGUAGE, _, current_language

_LOCALIZED = "_vetting_bindings_language"


def localize_bindings(node: DOMNode) -> None:
    """Give ``node`` its class's bindings, with every description in the current language.

    Nothing to do for a node still in the language it was built in (the English source,
    at every launch in English: the app's start pays nothing for this).
    """
    language = current_language()
    if getattr(node, _LOCALIZED, SOURCE_LANGUAGE) == language:
        return
    source = type(node)._merged_bindings
    if source is None:
        return
    node._bindings = BindingsMap.from_keys(
        {
            key: [_translated(binding) for binding in bindings]
            for key, bindings in source.key_to_bindings.items()
        }
    )
    setattr(node, _LOCALIZED, language)


def _translated(binding: Binding) -> Binding:
    if not binding.description:
        return binding
    return replace(binding, description=_(binding.description))


def localize_tree(root: DOMNode) -> None:
    """:func:`localize_bindings` for ``root`` and every node under it."""
    localize_bindings(root)
    for node in root.walk_children(with_self=False):
        localize_bindings(node)


class _ShowsChecklist(Protocol):
    """A screen that shows a checklist (take, results, export, compare)."""

    checklist: Checklist


async def redraw_in_language(
    screens: Iterable[Screen], in_language: Callable[[Checklist], Checklist]
) -> None:
    """Draw each screen again in the language now set (their own words are set at compose).

    A screen showing a checklist gets ``in_language(checklist)`` first: the same checklist,
    translated, when its content is the very same. Screens save what a recompose would
    lose (what the person typed) in ``language_changing``; what a screen does once
    composed (fill a table, take the focus) is in its ``on_mount``, which a recompose does
    not run again, so ``language_changed``, where a screen has one, does that part alone.
    """
    for screen in list(screens):
        checklist = getattr(screen, "checklist", None)
        if isinstance(checklist, Checklist):
            cast(_ShowsChecklist, screen).checklist = in_language(checklist)
        localize_tree(screen)
        before = getattr(screen, "language_changing", None)
        if before is not None:
            before()
        await screen.recompose()
        localize_tree(screen)
        after = getattr(screen, "language_changed", None) or getattr(screen, "on_mount", None)
        if after is not None:
            after()
