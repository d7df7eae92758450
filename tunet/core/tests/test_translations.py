"""The Norwegian translation is complete, and the compiled catalogue matches it.

Everything a person reads on screen is Norwegian bokmål, through locale/nb/LC_MESSAGES/django.po.
After changing user-visible strings, run `make messages` and translate what is new.
"""

import ast
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

MESSAGES = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES"
PO = MESSAGES / "django.po"
MO = MESSAGES / "django.mo"

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def label(self):
        return f"django.po:{self.line} {self.msgid[:60]!r}"


def parse_po(text):
    """A small .po reader: flags, msgctxt, msgid, msgid_plural and msgstr / msgstr[n]. Obsolete (#~) entries are skipped."""
    entries = []
    entry = None
    target = None  # (kind, index) the next continuation line belongs to

    def start(lineno):
        nonlocal entry
        if entry is None or entry.msgstr:
            entry = Entry(line=lineno)
            entries.append(entry)
        return entry

    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            target = None
            continue
        if line.startswith("#,"):
            start(lineno).flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = None, line
        value = ast.literal_eval(rest) if rest else ""
        if keyword is None:
            assert target is not None, f"django.po:{lineno}: a string with no keyword before it"
            kind, index = target
        elif keyword == "msgctxt":
            kind, index = "msgctxt", None
        elif keyword in ("msgid", "msgid_plural"):
            kind, index = keyword, None
        elif m := re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword):
            kind, index = "msgstr", int(m.group(1) or 0)
        else:
            raise AssertionError(f"django.po:{lineno}: unknown keyword {keyword!r}")
        current = start(lineno) if keyword in ("msgctxt", "msgid") else entry
        assert current is not None, f"django.po:{lineno}: {keyword} before any msgid"
        if kind == "msgstr":
            current.msgstr[index] = current.msgstr.get(index, "") + value
        elif kind == "msgid_plural":
            current.msgid_plural = (current.msgid_plural or "") + value
        else:
            setattr(current, kind, (getattr(current, kind) or "") + value)
        target = (kind, index)
    return entries


@pytest.fixture(scope="module")
def entries():
    assert PO.exists(), f"{PO} is missing: run `make messages`"
    return parse_po(PO.read_text(encoding="utf-8"))


def test_the_header_says_norwegian_bokmal_with_two_plural_forms(entries):
    header = next(e for e in entries if e.msgid == "" and e.msgctxt is None)
    assert "fuzzy" not in header.flags
    assert "Language: nb\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header.msgstr[0]


def test_every_message_is_translated_and_none_is_fuzzy(entries):
    messages = [e for e in entries if e.msgid]
    assert messages, "django.po has no messages"
    problems = []
    for e in messages:
        forms = [0, 1] if e.msgid_plural is not None else [0]
        if any(not e.msgstr.get(i) for i in forms):
            problems.append(f"untranslated {e.label}")
        if "fuzzy" in e.flags:
            problems.append(f"fuzzy (check it and remove the flag) {e.label}")
    assert not problems, "Run `make messages` and translate:\n" + "\n".join(problems)


def test_translations_keep_the_placeholders(entries):
    wrong = []
    for e in entries:
        if not e.msgid or "python-format" not in e.flags:
            continue
        expected = set(PLACEHOLDER.findall(e.msgid)) | set(PLACEHOLDER.findall(e.msgid_plural or ""))
        for translation in e.msgstr.values():
            if set(PLACEHOLDER.findall(translation)) != expected:
                wrong.append(f"{e.label} -> {translation!r}")
    assert not wrong, "Placeholders differ from the English:\n" + "\n".join(wrong)


def test_the_compiled_catalogue_is_up_to_date(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt (gettext) is needed in CI to check that django.mo matches django.po")
        pytest.skip("msgfmt (gettext) is not installed")
    assert MO.exists(), f"{MO} is missing: run `make messages`"
    compiled = tmp_path / "django.mo"
    # The same call as `manage.py compilemessages`.
    result = subprocess.run([msgfmt, "--check-format", "-o", str(compiled), str(PO)], capture_output=True, text=True)
    assert result.returncode == 0, f"msgfmt rejects django.po:\n{result.stderr}"
    assert compiled.read_bytes() == MO.read_bytes(), "django.mo is stale: run `make messages`"


@pytest.mark.django_db
def test_the_login_page_is_in_norwegian(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="nb"' in html
    assert "Logg inn" in html
