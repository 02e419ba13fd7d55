"""One question with the right control for its kind.

* ``yes_no`` / ``single``: a vertical list of choices, one of them picked (``ChoiceList``);
* ``multiple``: a selection list (any number of choices);
* ``scale``: a row of numbered choices, with the labelled ends written underneath;
* ``note``: a one-line text box (Enter moves on).

"Not sure" and "Doesn't apply" are added where the item allows them. Number keys 1-9
pick (or toggle) the n-th choice through :meth:`QuestionView.pick`. The widget only
reports :class:`~vetting.tui.messages.AnswerChanged`; saving is the screen's business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static

from vetting.checklist.model import AnswerValue, Item, ItemKind
from vetting.checklist.textcheck import sanitize
from vetting.i18n import N_, _
from vetting.scoring.answers import option_label, special_choices
from vetting.tui.localize import localize_bindings
from vetting.tui.messages import AnswerChanged
from vetting.tui.text import plain

if TYPE_CHECKING:  # the controls of the other kinds load with their first question
    from textual.widgets import RadioSet, SelectionList


def choices_for(item: Item) -> list[tuple[AnswerValue, Content]]:
    """Every choice shown for ``item``, in order, as ``(value, label)``."""
    choices: list[tuple[AnswerValue, Content]]
    if item.kind is ItemKind.SCALE and item.scale is not None:
        choices = [(v, Content(str(v))) for v in range(item.scale.min, item.scale.max + 1)]
    else:
        choices = [(option.value, plain(option_label(item, option))) for option in item.options]
    return choices + [(value, Content(label)) for value, label in special_choices(item)]


def scale_ends(item: Item) -> Content:
    """``1 = Not at all · 3 = Somewhat · 5 = Very much``: what the numbers mean."""
    assert item.scale is not None
    scale = item.scale
    points = [(scale.min, scale.min_label), *sorted(scale.labels), (scale.max, scale.max_label)]
    parts: list[Content | str] = []
    for index, (value, label) in enumerate(points):
        parts += ["  ·  " if index else "", f"{value} = ", plain(label)]
    return Content.assemble(*parts)


class ChoiceList(OptionList, inherit_bindings=False):
    """One choice among several in a single widget: ● picked, ○ not, the cursor highlighted.

    Up/down move, space or a click picks; Enter and left/right are left to the screen
    (next and back), as on every other question.
    A radio set is a widget per choice, and drawing them was the largest part of the time
    to the first question (bench/RESULTS.md); this list draws the same marks at once.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", N_("Next option"), show=False),
        Binding("up", "cursor_up", N_("Previous option"), show=False),
        Binding("home", "first", N_("First option"), show=False),
        Binding("end", "last", N_("Last option"), show=False),
        Binding("space", "select", N_("Pick"), show=False),
    ]

    def __init__(self, labels: list[Content], picked: int | None, *, id: str) -> None:
        self.labels = labels
        self.picked = picked
        super().__init__(*[self._prompt(index) for index in range(len(labels))], id=id)
        self.highlighted = picked if picked is not None else 0

    def on_mount(self) -> None:
        localize_bindings(self)  # the keys panel lists these

    def _prompt(self, index: int) -> Content:
        return Content("● " if index == self.picked else "○ ") + self.labels[index]

    def pick(self, index: int) -> None:
        """Mark ``index`` as the picked choice (and move the cursor there)."""
        before, self.picked = self.picked, index
        for changed in {before, index}:
            if changed is not None:
                self.replace_option_prompt_at_index(changed, self._prompt(changed))
        self.highlighted = index


class QuestionView(Vertical):
    """The control for one item, showing ``value`` as the current answer."""

    def __init__(
        self, item: Item, value: AnswerValue | None, *, id: str | None = None, focus: bool = False
    ) -> None:
        """``focus``: take the keyboard focus as soon as the control is mounted."""
        super().__init__(id=id, classes=f"question -{item.kind.value}")
        self.item = item
        self.value = value
        self.choices = choices_for(item)
        self.focus_on_mount = focus

    def on_mount(self) -> None:
        if self.focus_on_mount:
            self.focus_control()

    # -- building -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        kind = self.item.kind
        if kind is ItemKind.NOTE:
            yield Input(
                self.value if isinstance(self.value, str) else "",
                placeholder=sanitize(self.item.placeholder or _("Type here (optional)")),
                id="answer-note",
            )
        elif kind is ItemKind.MULTIPLE:
            from vetting.tui.widgets.pick_list import PickList

            picked = self._picked_values()
            yield PickList(
                *[(label, str(value), value in picked) for value, label in self.choices],
                id="answer-multiple",
            )
        elif kind is ItemKind.SCALE:
            from vetting.tui.widgets.radio import AnswerButton, ScaleSet

            with ScaleSet(id="answer-scale"):
                for value, label in self.choices:  # the number is its own key
                    yield AnswerButton(label, value=value == self.value)
            yield Static(scale_ends(self.item), id="scale-ends")
        else:
            values = [value for value, _label in self.choices]
            labels = [self._numbered(n, label) for n, (_value, label) in enumerate(self.choices, 1)]
            position = values.index(self.value) if self.value in values else None
            yield ChoiceList(labels, position, id="answer-single")

    @staticmethod
    def _numbered(number: int, label: Content) -> Content:
        """Prefix the key that picks it (1-9) so the number keys are discoverable."""
        return Content(f"{number}. ") + label if number <= 9 else label

    def _picked_values(self) -> set[AnswerValue]:
        if isinstance(self.value, list):
            return set(self.value)
        return {self.value} if self.value is not None else set()

    def focus_control(self) -> None:
        """Put the keyboard focus on the control, so arrows and space work at once."""
        for widget in self.query("#answer-note, #answer-multiple, #answer-scale, #answer-single"):
            widget.focus()
            return

    # -- number keys -----------------------------------------------------------------

    def pick(self, number: int) -> bool:
        """Pick (or, for ``multiple``, toggle) the ``number``-th choice; False if none."""
        if not 1 <= number <= len(self.choices) or self.item.kind is ItemKind.NOTE:
            return False
        values = [value for value, _label in self.choices]
        if self.item.kind is ItemKind.SCALE and number in values:
            number = values.index(number) + 1  # on a scale, 4 means the point 4
        if self.item.kind is ItemKind.MULTIPLE:
            selection = cast("SelectionList[str]", self.query_one("#answer-multiple"))
            selection.toggle(str(self.choices[number - 1][0]))
            self._selection_changed(selection)  # now, not when the message comes round
        elif self.item.kind is not ItemKind.SCALE:
            self._choose(number - 1)
        else:
            button = list(self.query("#answer-scale RadioButton"))[number - 1]
            button.value = True  # type: ignore[attr-defined]
            self._report(self.choices[number - 1][0])  # now, as for the other kinds
        return True

    def current_answer(self) -> AnswerValue | None:
        """The answer the control shows right now, even if its change message is still on
        its way (a key pressed straight after the answer must not lose it)."""
        if self.item.kind is ItemKind.NOTE:
            for box in self.query("#answer-note"):
                text = str(getattr(box, "value", ""))
                return text if text.strip() else None
        return self.value

    # -- reporting changes -----------------------------------------------------------

    def _report(self, value: AnswerValue | None) -> None:
        if value == self.value:
            return
        self.value = value
        self.post_message(AnswerChanged(self.item.id, value))

    def _choose(self, index: int) -> None:
        self.query_one(ChoiceList).pick(index)
        self._report(self.choices[index][0])

    # Handlers by name rather than ``@on(RadioSet.Changed)``: naming the class here would
    # load every kind's control with the first question. A view holds one control.

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._report(self.choices[event.index][0])

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._report(event.value if event.value.strip() else None)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self._selection_changed(event.selection_list)

    def _selection_changed(self, selection: SelectionList[str]) -> None:
        """Keep "Not sure"/"Doesn't apply" exclusive of the real options."""
        selected = list(selection.selected)
        specials = [value for value, _label in special_choices(self.item)]
        before = self._picked_values()
        new_special = [v for v in selected if v in specials and v not in before]
        if new_special:
            keep = new_special[0]
            for value in selected:
                if value != keep:
                    selection.deselect(value)
            self._report(keep)
            return
        real = [v for v in selected if v not in specials]
        if not real and any(v in specials for v in selected):
            self._report(next(v for v in selected if v in specials))  # a special, kept alone
            return
        if real and any(v in specials for v in selected):
            for value in selected:
                if value in specials:
                    selection.deselect(value)
        order = [option.value for option in self.item.options]
        self._report(sorted(real, key=order.index) or None)
