"""The checklist: its model, the hardened loader, building, translations and changes.

The public names are re-exported here and imported on first use (see :mod:`vetting.lazy`),
so ``import vetting.checklist.model`` stays as cheap as the model itself.
"""

from typing import TYPE_CHECKING

from vetting.lazy import exports

_NAMES = {
    **dict.fromkeys(("Checklist", "Item", "Section", "Band", "Outcome", "Rule", "When"), "model"),
    **dict.fromkeys(
        ("YamlDocument", "load_yaml_bytes", "load_yaml_file", "load_yaml_text"), "loader"
    ),
    "build_checklist": "build",
    **dict.fromkeys(("Comparison", "compare"), "changes"),
    **dict.fromkeys(("localize", "fingerprint", "text_paths"), "translations"),
    **dict.fromkeys(("sanitize", "scan_text"), "textcheck"),
    "escape_controls": "chars",
    "safe_https": "urls",
    **dict.fromkeys(("APP_SAFETY", "crisis_lines", "lookalike"), "safety"),
    **dict.fromkeys(("builtin_checklist_paths", "checklist_schema_path"), "resources"),
}
__getattr__, __dir__ = exports(__name__, _NAMES)

if TYPE_CHECKING:
    from vetting.checklist.build import (
        build_checklist as build_checklist,
    )
    from vetting.checklist.changes import (
        Comparison as Comparison,
        compare as compare,
    )
    from vetting.checklist.chars import (
        escape_controls as escape_controls,
    )
    from vetting.checklist.loader import (
        YamlDocument as YamlDocument,
        load_yaml_bytes as load_yaml_bytes,
        load_yaml_file as load_yaml_file,
        load_yaml_text as load_yaml_text,
    )
    from vetting.checklist.model import (
        Band as Band,
        Checklist as Checklist,
        Item as Item,
        Outcome as Outcome,
        Rule as Rule,
        Section as Section,
        When as When,
    )
    from vetting.checklist.resources import (
        builtin_checklist_paths as builtin_checklist_paths,
        checklist_schema_path as checklist_schema_path,
    )
    from vetting.checklist.safety import (
        APP_SAFETY as APP_SAFETY,
        crisis_lines as crisis_lines,
        lookalike as lookalike,
    )
    from vetting.checklist.textcheck import (
        sanitize as sanitize,
        scan_text as scan_text,
    )
    from vetting.checklist.translations import (
        fingerprint as fingerprint,
        localize as localize,
        text_paths as text_paths,
    )
    from vetting.checklist.urls import (
        safe_https as safe_https,
    )
