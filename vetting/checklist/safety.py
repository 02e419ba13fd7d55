"""The app's own crisis lines, checked by the team, and how a checklist's lines sit below them.

A person in crisis must never meet a fake line. A checklist from anywhere could list
"988 ... (official)" with a premium-rate number or a look-alike site, so what a person sees
is always the app's verified set first (:data:`APP_SAFETY`); resources a checklist adds
that are not in that set come after, labelled as its author's (:func:`crisis_lines`). The
validator warns when a checklist's resource claims a known service's name with another
number or site (:func:`lookalike`).

Every fact here is sourced in docs/content.md ("Crisis lines"); the built-in checklists
carry the same block, and a test keeps the two identical.
"""

import re
from typing import NamedTuple
from urllib.parse import urlsplit

from vetting.checklist.model import Checklist, Resource, Safety

APP_SAFETY = Safety(
    message=(
        "If you are thinking about ending your life, or you are in danger, please reach out "
        "now. You do not have to finish this checklist first."
    ),
    resources=(
        Resource(
            name="988 Suicide & Crisis Lifeline",
            contact="Call or text 988, or chat at 988lifeline.org",
            url="https://988lifeline.org",
            hours="Free, private, 24 hours a day, 7 days a week",
            note=(
                "When you call, press 1 for the Veterans Crisis Line or 2 for Spanish. If you "
                "are Deaf or hard of hearing and use ASL, choose ASL Now at 988lifeline.org, "
                "or call 1-800-273-8255 from a videophone. A counselor listens and helps you "
                "make a plan to stay safe. Fewer than 2 out of 100 calls involve emergency "
                "services."
            ),
        ),
        Resource(
            name="Emergency services",
            contact="Call 911 if you or someone else is in immediate danger",
        ),
        Resource(
            name="Crisis Text Line",
            contact="Text HOME to 741741",
            url="https://www.crisistextline.org",
            hours="Free, 24 hours a day, 7 days a week",
            note="For Spanish, text AYUDA to 741741.",
        ),
        Resource(
            name="National Domestic Violence Hotline",
            contact="Call 1-800-799-7233, text START to 88788, or chat at thehotline.org",
            url="https://www.thehotline.org",
            hours="Free, private, 24 hours a day, 7 days a week",
            note=(
                "For anyone afraid of a partner or someone at home. TTY 1-800-787-3224. If "
                "you are in danger now, call 911."
            ),
        ),
        Resource(
            name="SAMHSA National Helpline",
            contact="Call 1-800-662-4357 (1-800-662-HELP). TTY 1-800-487-4889",
            hours="Free, confidential, 24 hours a day, 7 days a week, in English and Spanish",
            note=(
                "This line helps you find treatment and support groups near you. It is not a "
                "crisis line. In a crisis, call or text 988."
            ),
        ),
    ),
)


class CrisisLines(NamedTuple):
    """What a person is shown: the app's verified lines, then any the checklist adds."""

    message: str
    verified: tuple[Resource, ...]
    from_author: tuple[Resource, ...]  # shown below, as listed by the checklist's author


AUTHOR_NOTE = "Listed by this checklist's author (not checked by vetting):"


def crisis_lines(checklist: Checklist | None) -> CrisisLines:
    """The app's lines first, always; a checklist's own other lines after them."""
    if checklist is None:
        return CrisisLines(APP_SAFETY.message, APP_SAFETY.resources, ())
    extra = tuple(r for r in checklist.safety.resources if r not in APP_SAFETY.resources)
    return CrisisLines(APP_SAFETY.message, APP_SAFETY.resources, extra)


class KnownService(NamedTuple):
    """A service people trust by name, and the only numbers and sites that are its own."""

    label: str
    name: re.Pattern[str]
    numbers: frozenset[str]  # digits only
    hosts: frozenset[str]


KNOWN_SERVICES = (
    KnownService(
        "the 988 Suicide & Crisis Lifeline",
        re.compile(r"\b988\b|lifeline|suicide", re.I),
        frozenset({"988", "18002738255", "18007994889"}),
        frozenset({"988lifeline.org", "www.988lifeline.org", "suicidepreventionlifeline.org"}),
    ),
    KnownService(
        "the Crisis Text Line",
        re.compile(r"crisis\s*text\s*line|741741", re.I),
        frozenset({"741741"}),
        frozenset({"crisistextline.org", "www.crisistextline.org"}),
    ),
    KnownService(
        "the National Domestic Violence Hotline",
        re.compile(r"domestic\s+violence\s+hotline|thehotline", re.I),
        frozenset({"18007997233", "88788", "18007873224"}),
        frozenset({"thehotline.org", "www.thehotline.org"}),
    ),
    KnownService(
        "the SAMHSA National Helpline",
        re.compile(r"samhsa", re.I),
        frozenset({"18006624357", "18004874889"}),
        frozenset({"samhsa.gov", "www.samhsa.gov", "findtreatment.gov", "www.findtreatment.gov"}),
    ),
)

#: A phone number (letters only in the upper case of vanity numbers such as 1-800-662-HELP),
#: or a short number or text code such as 988 or 741741 after "call", "text", "dial" or "to".
_PHONE = re.compile(
    r"(?<![\w-])(?:1[-. ]?)?\(?\d{3}\)?[-. ]?[0-9A-Z]{3}[-. ]?[0-9A-Z]{4}\b"
    r"|(?i:\b(?:call|text|dial|to)\b)[^.\d]{0,12}?(?<![\w-])\d{3,6}\b"
)
_HOST = re.compile(r"(?i)\b(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})\b")
_LETTERS = {
    c: str(n)
    for n, letters in enumerate(("", "", "abc", "def", "ghi", "jkl", "mno", "pqrs", "tuv", "wxyz"))
    for c in letters
}


def _digits(phone: str) -> str:
    """A phone number's digits, with letters turned into their keypad digits (1-800-662-HELP)."""
    return "".join(_LETTERS.get(ch.lower(), ch) for ch in phone if ch.isalnum())


#: Numbers and sites a known service's entry may mention: its own, and the other known
#: services' (SAMHSA's entry says "in a crisis, call or text 988"), and 911.
_ANY_NUMBER = frozenset({"911"}).union(*(s.numbers for s in KNOWN_SERVICES))
_ANY_HOST = frozenset().union(*(s.hosts for s in KNOWN_SERVICES))


def lookalike(resource: Resource) -> tuple[KnownService, str] | None:
    """The known service this resource's name claims and a number or site in it that no
    known service owns; None when it claims none, or gives only known numbers and sites."""
    service = next((s for s in KNOWN_SERVICES if s.name.search(resource.name)), None)
    if service is None:
        return None
    text = " ".join(x for x in (resource.contact, resource.note) if x)
    for match in _PHONE.finditer(text):
        number = re.sub(r"^\D+", "", match.group()).strip()  # without "call", "text HOME to"
        if _digits(number) not in _ANY_NUMBER:
            return service, number
    hosts = [m.group(1).lower() for m in _HOST.finditer(text)]
    if resource.url:
        hosts.append((urlsplit(resource.url).hostname or "").lower())
    for host in hosts:
        if host not in _ANY_HOST:
            return service, host or resource.url or ""
    return None
