"""The command line and environment systemd gives a service, worked out from its unit file as systemd 252
(Debian 12) does, without systemd: for scripts/check_registry_unit.py, which then runs that command.

Why not just read the ExecStart= line: systemd splits it into words (quotes, C escapes), fills in the
specifiers (``%i``, the instance of a template unit), and at start replaces ``${VAR}`` inside a word by
the value as it is (always one argument) and a word that is just ``$VAR`` by the value split at white
space (none when the variable is unset or empty), with the environment built from Environment= (in
order) overridden by the EnvironmentFile= files, which have their own quoting rules (a state machine in
systemd's src/basic/env-file.c, reproduced by :func:`parse_env_file`). A unit that looks right can pass a
name with spaces as three arguments or a TLS option as one; only this expansion shows it. What systemd
does not do at all (a shell's ``$FOO`` inside a word, ``${FOO:-default}``) stays literal here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

WHITESPACE = " \t\n\r"
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")  # systemd's env_name_is_valid
C_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "s": " ",
             "\\": "\\", '"': '"', "'": "'"}
SHELL_NEED_ESCAPE = '"\\`$'  # what a backslash escapes inside double quotes of an environment file
EXEC_PREFIXES = "-+!:"  # ExecStart= prefixes that change how, not what, is run ("@" is refused)
MANAGER_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class UnitError(Exception):
    """The unit or an environment file cannot be read as systemd would: the message says where and why."""


@dataclass
class Unit:
    """The [Service] settings the command line depends on, as written (the last ExecStart= after resets)."""

    path: Path
    name: str  # the file name: kinlink-registry@.service
    exec_start: str = ""
    environment: list[str] = field(default_factory=list)  # the values of each Environment= line, in order
    environment_files: list[str] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)  # every other [Service] key: its last value


def read_unit(path: Path) -> Unit:
    """The unit file's [Service] section: comments dropped, backslash-continued lines joined as systemd
    joins them, an empty assignment resetting a list (as a drop-in's ``ExecStart=`` does)."""
    unit = Unit(path=path, name=path.name)
    section = ""
    for key, value in _assignments(path.read_text(encoding="utf-8")):
        if key.startswith("["):
            section = key
        elif section != "[Service]":
            continue
        elif key == "ExecStart":
            if value and unit.exec_start:
                raise UnitError(f"{path}: a second ExecStart= (a service of Type=exec takes one)")
            unit.exec_start = value
        elif key == "Environment":
            unit.environment = unit.environment + [value] if value else []
        elif key == "EnvironmentFile":
            unit.environment_files = unit.environment_files + [value] if value else []
        else:
            unit.settings[key] = value
    if not unit.exec_start:
        raise UnitError(f"{path}: no ExecStart= in [Service]")
    return unit


def _assignments(text: str) -> list[tuple[str, str]]:
    """(key, value) of each assignment, and ("[Section]", "") of each section header."""
    found: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line[0] in "#;"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = pending + line, ""
        if line.startswith("[") and line.endswith("]"):
            found.append((line, ""))
        elif "=" in line:
            key, value = line.split("=", 1)
            found.append((key.strip(), value.strip()))
        else:
            raise UnitError(f"not an assignment: {line!r}")
    return found


def split_words(text: str, *, cunescape: bool = True, relax: bool = False) -> list[str]:
    """Words as systemd's extract_first_word makes them with EXTRACT_UNQUOTE (and EXTRACT_CUNESCAPE, for
    unit file lines; without it, for a ``$VAR`` value, a backslash keeps the next character as it is)."""
    words: list[str] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in WHITESPACE:
            i += 1
        if i == n:
            return words
        word, quote = [], ""
        while i < n and (quote or text[i] not in WHITESPACE):
            c = text[i]
            if c == "\\":
                if i + 1 == n:
                    raise UnitError(f"a backslash ends {text!r}")
                nxt = text[i + 1]
                if cunescape and nxt not in C_ESCAPES:
                    raise UnitError(f"the escape \\{nxt} in {text!r} is not one this check knows")
                word.append(C_ESCAPES[nxt] if cunescape else nxt)
                i += 2
                continue
            if quote and c == quote:
                quote = ""
            elif not quote and c in "'\"":
                quote = c
            else:
                word.append(c)
            i += 1
        if quote and not relax:
            raise UnitError(f"an unclosed {quote} in {text!r}")
        words.append("".join(word))


def specifiers(word: str, unit_name: str, instance: str | None) -> str:
    """``%i``/``%I`` (the instance), ``%n``/``%N``/``%p`` (the unit's names) and ``%%`` filled in; any other
    specifier is refused, so that the check never runs a command systemd would run differently."""
    prefix = unit_name.split("@", 1)[0].removesuffix(".service")
    full = f"{prefix}@{instance}.service" if instance is not None else unit_name
    values = {"%": "%", "n": full, "N": full.removesuffix(".service"), "p": prefix}
    if instance is not None:
        values |= {"i": instance, "I": instance}

    def fill(match: re.Match[str]) -> str:
        letter = match.group(1)
        if letter not in values:
            raise UnitError(f"the specifier %{letter} in {word!r} is not one this check fills in"
                            + ("" if instance is not None or letter not in "iI" else " (no instance given)"))
        return values[letter]

    return re.sub(r"%(.)", fill, word)


def environment_lines(unit: Unit, instance: str | None) -> dict[str, str]:
    """What the unit's Environment= lines set, later lines winning."""
    env: dict[str, str] = {}
    for line in unit.environment:
        for word in split_words(line):
            key, sep, value = specifiers(word, unit.name, instance).partition("=")
            if not sep or not NAME.match(key):
                raise UnitError(f"{unit.path}: Environment= {word!r} is not NAME=VALUE (systemd ignores it)")
            env[key] = value
    return env


def parse_env_file(text: str) -> dict[str, str]:
    """An EnvironmentFile=, read by systemd's state machine: ``#``/``;`` comments at the start of a line,
    white space around the key and an unquoted value trimmed, single quotes literal, a backslash in double
    quotes escaping only ``"\\`$`` (and a newline); quoted and unquoted parts of a value joined. Invalid
    names are dropped, as systemd drops them. A comment ending in a backslash swallows the next line, as in
    systemd 252 (Debian 12; 254 changed it): keep comments free of trailing backslashes."""
    env: dict[str, str] = {}
    key: list[str] = []
    value: list[str] = []
    state = "pre_key"
    trailing = -1  # where trailing white space of an unquoted value starts (-1: none)

    def push() -> None:
        name = "".join(key).rstrip(WHITESPACE)
        text_value = "".join(value[:trailing] if state == "value" and trailing >= 0 else value)
        if NAME.match(name):
            env[name] = text_value

    for c in text:
        if state == "pre_key":
            if c in "#;":
                state = "comment"
            elif c not in WHITESPACE:
                key, value, state = [c], [], "key"
        elif state == "key":
            if c in "\n\r":
                state = "pre_key"
            elif c == "=":
                state, trailing = "pre_value", -1
            else:
                key.append(c)
        elif state in ("pre_value", "value"):
            if c in "\n\r":
                push()
                state = "pre_key"
            elif c == "'" and state == "pre_value":
                state = "single"
            elif c == '"' and state == "pre_value":
                state = "double"
            elif c == "\\":
                state, trailing = "value_escape", -1
            elif state == "value" or c not in WHITESPACE:
                if c not in WHITESPACE:
                    trailing = -1
                elif trailing < 0:
                    trailing = len(value)
                value.append(c)
                state = "value"
        elif state == "value_escape":
            state = "value"
            if c not in "\n\r":
                value.append(c)
        elif state == "single":
            if c == "'":
                state = "pre_value"
            else:
                value.append(c)
        elif state == "double":
            if c == '"':
                state = "pre_value"
            elif c == "\\":
                state = "double_escape"
            else:
                value.append(c)
        elif state == "double_escape":
            state = "double"
            if c in SHELL_NEED_ESCAPE:
                value.append(c)
            elif c != "\n":
                value += ["\\", c]
        elif state == "comment":  # systemd 252: a comment ending in a backslash goes on to the next line
            state = "comment_escape" if c == "\\" else "pre_key" if c in "\n\r" else "comment"
        elif state == "comment_escape":
            state = "comment"
    if state in ("pre_value", "value", "value_escape", "single", "double", "double_escape"):
        push()
    return env


def expand_command(words: list[str], env: dict[str, str]) -> list[str]:
    """The arguments systemd execs: a word that is ``$NAME`` becomes the value split at white space (quotes
    removed; no word when unset or empty); in any other word ``${NAME}`` becomes the value as it is (empty
    when unset) and ``$$`` a ``$``; everything else stays."""
    argv: list[str] = []
    for word in words:
        if word.startswith("$") and word[1:2] not in ("{", "$"):
            argv += split_words(env.get(word[1:], ""), cunescape=False, relax=True)
        else:
            argv.append(_replace_braced(word, env))
    return argv


def _replace_braced(word: str, env: dict[str, str]) -> str:
    def fill(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        return env.get(match.group(1), "")

    return re.sub(r"\$\$|\$\{([^}:]*)\}", fill, word)


def command_line(unit: Unit, instance: str | None, env: dict[str, str]) -> list[str]:
    """ExecStart= as the words systemd runs, given the service's whole environment."""
    line = unit.exec_start
    expand = True
    while line and line[0] in EXEC_PREFIXES + "@":
        if line[0] == "@":
            raise UnitError(f"{unit.path}: ExecStart=@ (another argv[0]) is not something this check runs")
        expand = expand and line[0] != ":"
        line = line[1:]
    words = [specifiers(word, unit.name, instance) for word in split_words(line)]
    if ";" in words:
        raise UnitError(f"{unit.path}: ExecStart= with several commands (;) is not something this check runs")
    return expand_command(words, env) if expand else words


def service_environment(unit: Unit, instance: str | None, files: dict[str, Path],
                        home: str, shell: str = "/usr/sbin/nologin") -> dict[str, str]:
    """The environment the service starts with: what the manager gives every service (PATH, LANG, the
    user's USER/LOGNAME/HOME/SHELL, STATE_DIRECTORY), then Environment=, then the EnvironmentFile= files
    in order, each overriding what came before. ``files`` maps each file the unit names to the file to
    read instead (the documented example, say); a file the unit names without ``-`` must be given."""
    user = unit.settings.get("User", "root")
    env = {"PATH": MANAGER_PATH, "LANG": "C.UTF-8", "USER": user, "LOGNAME": user, "HOME": home, "SHELL": shell}
    if "StateDirectory" in unit.settings:
        env["STATE_DIRECTORY"] = " ".join(f"/var/lib/{d}" for d in unit.settings["StateDirectory"].split())
    env |= environment_lines(unit, instance)
    for entry in unit.environment_files:
        optional = entry.startswith("-")
        named = specifiers(entry.removeprefix("-"), unit.name, instance)
        if named not in files:
            if optional:
                continue
            raise UnitError(f"{unit.path}: EnvironmentFile={named} is required and no file was given for it")
        env |= parse_env_file(files[named].read_text(encoding="utf-8"))
    return env
