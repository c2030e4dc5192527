"""Catalogues: the template matches the code, every language translates every msgid intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from dialogs.i18n import LOCALES, load_languages

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{\w+\}")
HELP_LANGUAGES = [language.code for language in load_languages() if language.code != "nl"]


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _msgids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    """Plain msgids as text, plural ones as (singular, plural)."""
    return {
        message.id if isinstance(message.id, str) else tuple(message.id)
        for message in catalog
        if message.id
    }


def test_the_template_holds_exactly_the_msgids_in_the_code() -> None:
    in_code = set()
    for folder in ("bot", "dialogs"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords={"_": None, "_n": (1, 2)}
        ):
            in_code.add(message)
    template = _msgids(_read(LOCALES / "messages.pot"))
    differences = {"missing": in_code - template, "stale": template - in_code}
    assert differences == {"missing": set(), "stale": set()}, (
        "run the Babel extract/update commands in the README"
    )


@pytest.mark.parametrize("language", HELP_LANGUAGES)
def test_every_msgid_is_translated_with_its_placeholders(language: str) -> None:
    template = _msgids(_read(LOCALES / "messages.pot"))
    catalog = _read(LOCALES / language / "LC_MESSAGES" / "messages.po", language)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        forms = [message.string] if isinstance(message.string, str) else list(message.string or ())
        msgid, wanted = ids[0], sorted(PLACEHOLDER.findall(ids[-1]))
        if len(ids) > 1 and len(forms) != catalog.num_plurals:
            problems.append(f"{len(forms)} of {catalog.num_plurals} plural forms: {msgid!r}")
        for translation in forms:
            if not translation:
                problems.append(f"untranslated: {msgid!r}")
            elif sorted(PLACEHOLDER.findall(translation)) != wanted:
                problems.append(f"placeholders differ: {msgid!r} -> {translation!r}")
        if "fuzzy" in message.flags:
            problems.append(f"fuzzy (gettext would ignore it): {msgid!r}")
    problems += [f"missing: {msgid!r}" for msgid in template - _msgids(catalog)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", HELP_LANGUAGES)
def test_only_a_named_reviewer_clears_the_draft_mark(language: str) -> None:
    catalog = _read(LOCALES / language / "LC_MESSAGES" / "messages.po", language)
    reviewers = [
        line.split(":", 1)[1].strip()
        for line in catalog.header_comment.splitlines()
        if line.startswith("# Reviewed-by:")
    ]
    named = [name for name in reviewers if name and not name.startswith("(")]
    reviewed = [str(m.id) for m in catalog if m.id and m.string and "draft" not in m.flags]
    assert named or not reviewed, f"entries without the 'draft' flag but no reviewer: {reviewed}"


@pytest.mark.parametrize("language", HELP_LANGUAGES)
def test_the_plural_rule_is_the_languages_own(language: str) -> None:
    # A wrong Plural-Forms header picks the wrong form for every count ("2 ساعة").
    catalog = _read(LOCALES / language / "LC_MESSAGES" / "messages.po", language)
    expected = get_plural(language)
    assert (catalog.num_plurals, catalog.plural_expr) == (
        expected.num_plurals,
        expected.plural_expr,
    )
