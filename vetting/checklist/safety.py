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
from vetting.i18n import N_

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


#: The same lines for a Spanish reader: the same services, numbers and sites, with the ways
#: each one answers in Spanish first (988: press 2 or text AYUDA; Crisis Text Line: AYUDA to
#: 741741 or WhatsApp). Sourced in docs/content.md ("Crisis lines in Spanish"); a bilingual
#: clinician must review the wording. The built-in checklists' ``es`` translations of their
#: safety block say exactly this (tests/unit/test_safety.py).
APP_SAFETY_ES = Safety(
    message=(
        "Si está pensando en quitarse la vida, o está en peligro, por favor pida ayuda ahora. "
        "No tiene que terminar esta lista primero."
    ),
    resources=(
        Resource(
            name="988 Línea de Prevención del Suicidio y Crisis (988 Suicide & Crisis Lifeline)",
            contact=(
                "Llame al 988 y marque 2 para español, envíe AYUDA por mensaje de texto al 988, "
                "o chatee en español en 988lifeline.org"
            ),
            url="https://988lifeline.org",
            hours="Gratis, privado, las 24 horas del día, los 7 días de la semana",
            note=(
                "Al llamar, marque 1 para la línea de crisis para veteranos (Veterans Crisis "
                "Line). Si es sordo o tiene dificultades auditivas y usa ASL, elija ASL Now en "
                "988lifeline.org, o llame al 1-800-273-8255 desde un videoteléfono. Un consejero "
                "le escucha y le ayuda a hacer un plan para estar a salvo. Menos de 2 de cada "
                "100 llamadas necesitan servicios de emergencia."
            ),
        ),
        Resource(
            name="Servicios de emergencia",
            contact="Llame al 911 si usted u otra persona está en peligro inmediato",
        ),
        Resource(
            name="Crisis Text Line (línea de crisis por mensaje de texto)",
            contact=(
                "Envíe AYUDA por mensaje de texto al 741741, o escriba por WhatsApp al 442-AYUDAME"
            ),
            url="https://www.crisistextline.org",
            hours="Gratis, las 24 horas del día, los 7 días de la semana",
            note="Le responde un consejero voluntario que habla español.",
        ),
        Resource(
            name=(
                "Línea Nacional contra la Violencia Doméstica (National Domestic Violence Hotline)"
            ),
            contact=(
                "Llame al 1-800-799-7233, envíe START por mensaje de texto al 88788, o chatee "
                "en thehotline.org"
            ),
            url="https://www.thehotline.org",
            hours="Gratis, privado, las 24 horas del día, los 7 días de la semana, en español",
            note=(
                "Para quien tiene miedo de su pareja o de alguien en casa. TTY 1-800-787-3224. "
                "Si está en peligro ahora, llame al 911."
            ),
        ),
        Resource(
            name="Línea Nacional de Ayuda de SAMHSA (SAMHSA National Helpline)",
            contact="Llame al 1-800-662-4357 (1-800-662-HELP). TTY 1-800-487-4889",
            hours=(
                "Gratis, confidencial, las 24 horas del día, los 7 días de la semana, en inglés "
                "y en español"
            ),
            note=(
                "Esta línea le ayuda a encontrar tratamiento y grupos de apoyo cerca de usted. "
                "No es una línea de crisis. En una crisis, llame o envíe un mensaje de texto al "
                "988."
            ),
        ),
    ),
)

#: The app's lines by language; any other language gets the English ones.
APP_SAFETY_BY_LANGUAGE = {"en": APP_SAFETY, "es": APP_SAFETY_ES}


def app_safety(language: str | None) -> Safety:
    """The app's verified lines in ``language`` (``es``, ``es-MX``), else in English."""
    primary = (language or "en").replace("_", "-").split("-")[0].lower()
    return APP_SAFETY_BY_LANGUAGE.get(primary, APP_SAFETY)


class CrisisLines(NamedTuple):
    """What a person is shown: the app's verified lines, then any the checklist adds."""

    message: str
    verified: tuple[Resource, ...]
    from_author: tuple[Resource, ...]  # shown below, as listed by the checklist's author


#: An English msgid (marked with N_): show it as ``_(AUTHOR_NOTE)``.
AUTHOR_NOTE = N_("Listed by this checklist's author (not checked by vetting):")


def crisis_lines(checklist: Checklist | None, language: str | None = None) -> CrisisLines:
    """The app's lines first, always; a checklist's own other lines after them.

    In ``language`` when given, else in the checklist's language (a checklist shown in
    Spanish gets the Spanish lines), else in English. A checklist line counts as the app's
    own when it matches the app's lines in either language, so a translated built-in never
    lists its lines twice.
    """
    if language is None and checklist is not None:
        language = checklist.language
    safety = app_safety(language)
    if checklist is None:
        return CrisisLines(safety.message, safety.resources, ())
    known = {r for s in APP_SAFETY_BY_LANGUAGE.values() for r in s.resources}
    extra = tuple(r for r in checklist.safety.resources if r not in known)
    return CrisisLines(safety.message, safety.resources, extra)


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
        frozenset({"741741", "4422983263"}),  # 442-AYUDAME: its WhatsApp line in Spanish
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
