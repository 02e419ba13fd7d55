"""Checking checklist files: the pipeline, the schema, the semantic rules and the reporters.

The public names are re-exported here and imported on first use (see :mod:`vetting.lazy`),
so ``vetting run`` pays for the validator only in the process that validates.
"""

from typing import TYPE_CHECKING

from vetting.lazy import exports

_NAMES = {
    **dict.fromkeys(
        ("ChecklistInvalid", "load_checklist", "validate_file", "validate_text"), "pipeline"
    ),
    "validate_paths": "many_files",
    **dict.fromkeys(("checklist_problems", "answers_problems"), "schema"),
    **dict.fromkeys(("check_checklist", "RULE_INFO"), "rules"),
    **dict.fromkeys(("load_answers_file", "check_answers", "checklist_change"), "answers_file"),
    "validate_in_background": "background",
}
__getattr__, __dir__ = exports(__name__, _NAMES)

if TYPE_CHECKING:
    from vetting.validation.answers_file import (
        check_answers as check_answers,
        checklist_change as checklist_change,
        load_answers_file as load_answers_file,
    )
    from vetting.validation.background import (
        validate_in_background as validate_in_background,
    )
    from vetting.validation.many_files import validate_paths as validate_paths
    from vetting.validation.pipeline import (
        ChecklistInvalid as ChecklistInvalid,
        load_checklist as load_checklist,
        validate_file as validate_file,
        validate_text as validate_text,
    )
    from vetting.validation.rules import (
        RULE_INFO as RULE_INFO,
        check_checklist as check_checklist,
    )
    from vetting.validation.schema import (
        answers_problems as answers_problems,
        checklist_problems as checklist_problems,
    )
