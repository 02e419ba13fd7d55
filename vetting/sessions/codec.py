"""The session file format: strict JSON in, a checked :class:`Session` out, and back.

:func:`parse_session` trusts nothing: UTF-8 only, no NaN or infinite numbers, no
duplicate keys, no broken characters (a lone surrogate escape such as ``"\ud800"``, which
JSON reads but no file can hold), a known format number, a checksum over the canonical
JSON, and the shape of the answers schema. It raises only :class:`SessionCorrupt` or
:class:`SessionTooNew`, whatever the bytes (``tests/unit/test_session_parser.py`` feeds it raw
JSON text).
:func:`serialize_session` produces the whole file before any file is touched, and parses
it back, so vetting never writes a file it would refuse to read (SECURITY-NOTES P1, L13).
"""

import json
from typing import Any

from vetting.i18n import N_, _
from vetting.sessions.errors import SaveFailed, SessionCorrupt, SessionTooNew, StorageError
from vetting.sessions.model import MAX_NAME_CHARS, Session, answer_problem

FORMAT = 1
MAX_SESSION_BYTES = 1024 * 1024  # vetting never writes a session this big


def canonical_json(document: dict[str, Any]) -> bytes:
    """The bytes the checksum is computed over (stable across platforms and versions)."""
    text = json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def checksum_of(document: dict[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical JSON of ``document`` without its ``checksum`` key."""
    import hashlib  # only when a session is written or read, never before the first paint

    body = {key: value for key, value in document.items() if key != "checksum"}
    return "sha256:" + hashlib.sha256(canonical_json(body)).hexdigest()


class _BadJson(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _BadJson(_("the key {key} appears twice").format(key=repr(key)))
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    # TRANSLATORS: {name} is NaN, Infinity or -Infinity, as written in the file.
    raise _BadJson(_("it contains {name}, which is not a number JSON allows").format(name=name))


def _finite(text: str) -> float:
    number = float(text)
    if number in (_INFINITY, -_INFINITY):  # 1e999: JSON reads it, no JSON can write it
        raise _BadJson(_("it holds a number far too large to be an answer"))
    return number


_INFINITY = float("inf")


def _parse_json(raw: bytes) -> Any:
    """Strict JSON: UTF-8 only, no NaN/Infinity, no duplicate keys, no broken characters."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _BadJson(
            _("it is not text (unreadable byte at offset {offset})").format(offset=error.start)
        ) from None
    try:
        doc = json.loads(
            text,
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constants,
            parse_float=_finite,
        )
        if "\\u" in text:  # only an escape can make a lone surrogate
            canonical_json(doc)
        return doc
    except UnicodeEncodeError:
        raise _BadJson(
            _("it holds a broken character (half of a pair, written as a \\ud800-style escape)")
        ) from None
    except _BadJson:
        raise
    except json.JSONDecodeError as error:
        raise _BadJson(
            _("it is not valid JSON (line {line}, column {column})").format(
                line=error.lineno, column=error.colno
            )
        ) from None
    except ValueError:
        raise _BadJson(_("it holds a number far too long to be an answer")) from None
    except RecursionError:
        raise _BadJson(_("it is nested far too deeply")) from None


def _is_text(value: object, limit: int = 200) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit


def _shape_problem(doc: dict[str, Any]) -> str | None:
    """The first way ``doc`` (format and checksum already checked) is not a session."""
    expected = {"format", "checklist", "session", "answers", "checksum"}
    if set(doc) != expected:
        return _("it does not have the parts of a vetting session file")
    checklist, session, answers = doc["checklist"], doc["session"], doc["answers"]
    if not isinstance(checklist, dict) or set(checklist) != {"id", "version", "content_hash"}:
        return _("it does not say which checklist it answers")
    if not all(_is_text(checklist[key]) for key in ("id", "version", "content_hash")):
        return _("it does not say which checklist it answers")
    if not isinstance(session, dict) or set(session) != {"id", "name", "created", "updated"}:
        return _("it does not have a session name and times")
    if not all(_is_text(session[key]) for key in ("created", "updated", "id")):
        return _("it does not have a session name and times")
    if not _is_text(session["name"], MAX_NAME_CHARS):
        return _("its session name is missing or too long")
    if not isinstance(answers, dict):
        return _("its answers are not a list of answers by question")
    for item_id, value in answers.items():
        problem = answer_problem(item_id, value)
        if problem:
            return problem
    return _schema_problem(doc)


def _schema_problem(doc: dict[str, Any]) -> str | None:
    """Also apply the bundled answers schema (imported here: only a file that passed the
    quick shape checks needs it)."""
    from vetting.validation.schema import answers_problems

    for problem in answers_problems(doc):
        if problem.is_error:
            return _("it does not match the session format ({problem})").format(
                problem=problem.message
            )
    return None


def _check_format(doc: dict[str, Any]) -> None:
    fmt = doc.get("format")
    if fmt is None:
        raise SessionCorrupt(
            _("it does not say which format it uses, so it is not a vetting session")
        )
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise SessionCorrupt(_("its format is not a number, so it is not a vetting session"))
    if fmt > FORMAT:
        raise SessionTooNew(
            _(
                "This session was made by a newer version of vetting; please upgrade to open "
                "it. It has been left untouched."
            )
        )
    if fmt != FORMAT:
        raise SessionCorrupt(_("its format {number} is not one vetting knows").format(number=fmt))


def parse_session(raw: bytes, *, expected_id: str | None = None) -> Session:
    """Check ``raw`` bytes of a session file and build the :class:`Session`.

    Raises :class:`SessionCorrupt` (message: what is wrong, in plain words, completing
    "This session file cannot be used: ...") or :class:`SessionTooNew`. Never writes.
    """
    if not raw.strip():
        raise SessionCorrupt(_("it is empty"))
    if len(raw) > MAX_SESSION_BYTES:
        raise SessionCorrupt(_("it is far larger than any session vetting writes"))
    try:
        doc = _parse_json(raw)
    except _BadJson as error:
        raise SessionCorrupt(str(error)) from None
    if not isinstance(doc, dict):
        raise SessionCorrupt(_("it is not a vetting session file"))
    _check_format(doc)
    if not isinstance(doc.get("checksum"), str):
        raise SessionCorrupt(_("it has no checksum, so it is not a vetting session file"))
    try:
        expected = checksum_of(doc)
    except (ValueError, TypeError, RecursionError):  # cannot be hashed: not ours
        raise SessionCorrupt(_("it is not a vetting session file")) from None
    if doc["checksum"] != expected:
        raise SessionCorrupt(_("it was damaged or changed outside vetting (its checksum is wrong)"))
    session = doc.get("session")
    if expected_id is not None and isinstance(session, dict) and session.get("id") != expected_id:
        raise SessionCorrupt(_("it belongs to another session (its id does not match its name)"))
    problem = _shape_problem(doc)
    if problem:
        raise SessionCorrupt(problem)
    return Session(
        id=doc["session"]["id"],
        name=doc["session"]["name"],
        checklist_id=doc["checklist"]["id"],
        checklist_version=doc["checklist"]["version"],
        content_hash=doc["checklist"]["content_hash"],
        created=doc["session"]["created"],
        updated=doc["session"]["updated"],
        answers=doc["answers"],
    )


def session_document(session: Session) -> dict[str, Any]:
    """The JSON document for ``session``, checksum included."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "checklist": {
            "id": session.checklist_id,
            "version": session.checklist_version,
            "content_hash": session.content_hash,
        },
        "session": {
            "id": session.id,
            "name": session.name,
            "created": session.created,
            "updated": session.updated,
        },
        "answers": session.answers_copy(),
    }
    doc["checksum"] = checksum_of(doc)
    return doc


def serialize_session(session: Session) -> bytes:
    """The full file bytes, produced before any file is touched (P1, L13)."""
    for item_id, value in session.answers.items():
        problem = answer_problem(item_id, value)
        if problem:
            raise SaveFailed(_(_NOT_SAVED).format(problem=problem), code="E_BAD_ANSWER")
    try:
        doc = session_document(session)
        text = json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2, sort_keys=True)
        data = (text + "\n").encode("utf-8")
    except (TypeError, ValueError) as error:  # UnicodeEncodeError is a ValueError
        raise SaveFailed(
            _(
                "Your answers were not saved: they hold a value that cannot be stored ({error})."
            ).format(error=error),
            code="E_BAD_ANSWER",
        ) from None
    if len(data) > MAX_SESSION_BYTES:
        raise SaveFailed(_("Your answers were not saved: this session is too large to store."))
    try:  # never write a file we would refuse to read back
        parse_session(data, expected_id=session.id)
    except StorageError as error:
        raise SaveFailed(_(_NOT_SAVED).format(problem=error.message), code="E_BAD_ANSWER") from None
    return data


# TRANSLATORS: {problem} is why, such as "the answer to 'q1' is empty or longer than 10000
# characters".
_NOT_SAVED = N_("Your answers were not saved: {problem}.")
