"""What README.md tells a reader to type exists: its make targets, its manage.py commands, its first steps.

The first minutes themselves are run, command by command, by tests/test_first_minutes.py (slow).
"""

from __future__ import annotations

import re

from django.core.management import get_commands

from tests import readme

MAKEFILE = readme.ROOT / "Makefile"


def _step(command: str) -> str:
    """What a first-minutes command is for, by its shape."""
    shapes = {
        "make run": r"^make run$",
        "superuser": r"^\.venv/bin/python manage\.py createsuperuser$",
        "editor": r"^make editor USER=USERNAME$",
        "token": r"^\.venv/bin/python manage\.py drf_create_token USERNAME$",
        "write": r"^curl -X POST http://127\.0\.0\.1:8000/api/v1/\w+/ .*\$TOKEN",
    }
    return next((name for name, shape in shapes.items() if re.search(shape, command)), command)


def test_the_first_minutes_are_make_run_then_a_login_an_editor_a_token_and_a_write():
    steps = [_step(command) for command in readme.sh_commands(readme.section("Run it"))]
    assert steps == ["make run", "superuser", "editor", "token", "write"]


def test_every_make_target_it_names_is_in_the_makefile():
    targets = set(re.findall(r"^([a-z][a-z-]*)\s*:(?!=)", MAKEFILE.read_text(), re.M))
    named = {target for piece in readme.code() for target in re.findall(r"(?:^|[\s(])make ([a-z][a-z-]*)", piece)}
    assert {"run", "test", "superuser", "token", "editor"} <= named
    assert named - targets == set()


def test_every_manage_py_command_it_names_exists():
    named = {command for piece in readme.code() for command in re.findall(r"manage\.py ([a-z_]+)", piece)}
    assert {"createsuperuser", "drf_create_token", "make_editor", "load_seeds", "flag_deadlines"} <= named
    assert named - set(get_commands()) == set()


def test_sh_blocks_are_read_as_a_shell_would():
    text = "x\n```sh\n# a comment\nmake run\n\ncurl -X POST a \\\n  -d b\n```\n```python\nmake nothing\n```\n"
    assert readme.sh_commands(text) == ["make run", "curl -X POST a -d b"]
