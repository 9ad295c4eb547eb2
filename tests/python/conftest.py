"""The `shell` fixture of the runtime tests (helpers are in runtime_support.py)."""

import re
import sys

import pytest
from IPython.core.interactiveshell import InteractiveShell

from runtime_support import Recorder


@pytest.fixture()
def shell(monkeypatch):
    shell = InteractiveShell.instance()
    recorder = Recorder()
    monkeypatch.setattr(shell, "display_pub", recorder)

    def show(etype, evalue, stb):
        text = re.sub(r"\x1b\[[0-9;]*m", "", shell.InteractiveTB.stb2text(stb))
        recorder.errors.append((etype.__name__, text))

    monkeypatch.setattr(shell, "_showtraceback", show)
    shell.recorder = recorder
    before = set(shell.user_ns)
    yield shell
    for name in set(shell.user_ns) - before:
        del shell.user_ns[name]
    for name in [n for n in sys.modules if n.startswith("_cellscript_")]:
        del sys.modules[name]
