"""Tests of the runtime's protocol (replies on the shell channel, cell tags, progress events),
of the names it refuses and of where a script runs (sys.path, working directory, __file__).

Run with `/usr/bin/python3 -m pytest tests/python -q` (npm run test:python).
"""

import os
import sys

import pytest

from runtime_support import call, cell, runtime, script


class TaggingKernel:
    """Stands in for ipykernel: the parent request and the shell's set_parent calls."""

    def __init__(self, shell, request_id="run-1"):
        self.parent = {
            "header": {"msg_id": "m-1", "msg_type": "execute_request"},
            "metadata": {"cellscript": {"id": request_id}},
        }
        # ipykernel's publishers hold the request's header dict itself.
        self.header = self.parent["header"]

    def get_parent(self, channel="shell"):
        return self.parent


@pytest.fixture()
def kernel(shell, monkeypatch):
    fake = TaggingKernel(shell)
    monkeypatch.setattr(shell, "kernel", fake, raising=False)
    yield fake


# --- the reply travels in the execute_reply ------------------------------------------------------


def payloads(shell):
    """What ipykernel would put into the execute_reply's `payload` list, then clears."""
    found = shell.payload_manager.read_payload()
    shell.payload_manager.clear_payload()
    return found


def test_the_reply_is_a_payload_of_the_execute_reply(shell, kernel):
    payloads(shell)
    answer = runtime.handle({"op": "info"}, "run-1")
    (payload,) = payloads(shell)
    assert payload == {"source": "cellscript", "id": "run-1", "reply": answer}
    assert answer["ok"] and answer["result"]["pid"] == os.getpid()


def test_a_refused_request_is_answered_too(shell, kernel):
    payloads(shell)
    runtime.handle({"op": "explode"}, "run-2")
    (payload,) = payloads(shell)
    assert payload["id"] == "run-2" and payload["reply"]["error"]["kind"] == "bad-request"


# --- outputs are tagged with their cell ------------------------------------------------------------


def test_each_cell_runs_under_a_parent_header_naming_it_and_the_tag_goes_away(
    shell, kernel, tmp_path
):
    # Each cell looks at the header its messages would carry while it runs.
    seen = "from IPython import get_ipython\nseen.append(dict(get_ipython().kernel.header))"
    ref = script(tmp_path)
    call(shell, op="assign", script=ref, values={"seen": []})
    reply = call(
        shell,
        op="run",
        script=ref,
        cells=[cell(3, seen, 2, "A"), cell(5, seen, 6, "B")],
        lineCount=7,
    )
    assert reply["result"]["status"] == "ok", shell.recorder.errors
    headers = sys.modules[runtime.module_name_for(ref["id"])].seen
    assert headers[0]["cellscript"] == {"run": "run-1", "position": 0, "index": 3}
    tag = headers[1]["cellscript"]
    assert tag["position"] == 1 and tag["index"] == 5
    assert tag["previous"]["index"] == 3 and tag["previous"]["status"] == "ok"
    # The header keeps the request's msg_id, so the frontend still routes the messages.
    assert all(header["msg_id"] == "m-1" for header in headers)
    # The tag is gone before the kernel builds its reply.
    assert kernel.parent["header"] == {"msg_id": "m-1", "msg_type": "execute_request"}


def test_the_tag_is_gone_after_an_interrupt(shell, kernel, tmp_path):
    call(
        shell,
        op="run",
        script=script(tmp_path),
        cells=[cell(0, "raise KeyboardInterrupt", 1)],
        lineCount=1,
    )
    assert "cellscript" not in kernel.parent["header"]


# --- progress events only for cells that run long -------------------------------------------------


def test_a_long_cell_is_announced_with_the_outcomes_before_it(shell, kernel, tmp_path):
    reply = call(
        shell,
        op="run",
        script=script(tmp_path),
        cells=[cell(0, "a = 1", 2, "A"), cell(1, "import time\ntime.sleep(0.4)", 4, "Slow")],
        lineCount=5,
    )
    assert reply["result"]["status"] == "ok"
    events = shell.recorder.events
    assert len(events) == 1, events
    (event,) = events
    assert event["event"] == "progress" and event["run"] == "run-1"
    assert (event["position"], event["index"], event["name"], event["line"]) == (1, 1, "Slow", 4)
    assert event["from"] == 0 and [o["index"] for o in event["finished"]] == [0]


def test_a_thousand_quick_cells_send_no_message_per_cell(shell, kernel, tmp_path):
    cells = [cell(i, f"v{i} = {i}", 2 * i + 2) for i in range(1000)]
    reply = call(shell, op="run", script=script(tmp_path), cells=cells, lineCount=2001)
    assert len(reply["result"]["cells"]) == 1000
    # A cell is announced only when it has run for REPORT_AFTER, which a quick cell does only
    # when the machine stalls it (GC, a busy CPU): a handful at most, never one per cell.
    events = shell.recorder.events
    assert len(events) < 10
    # Whatever was announced is consistent: every finished outcome in order, no cell twice.
    reported = [o["index"] for e in events for o in e["finished"]]
    assert reported == sorted(set(reported))


# --- names that would break a namespace -------------------------------------------------------------


@pytest.mark.parametrize("name", ["__builtins__", "__name__", "__dict__", "__file__"])
@pytest.mark.parametrize("namespace", ["module", "shared"])
def test_assign_refuses_dunder_names(shell, tmp_path, name, namespace):
    reply = call(shell, op="assign", script=script(tmp_path, namespace=namespace), values={name: 1})
    assert reply["ok"] is False and reply["error"]["kind"] == "bad-name"
    assert "double underscores" in reply["error"]["message"]
    assert shell.user_ns.get("__builtins__") is not 1  # noqa: F632  the notebook still works


@pytest.mark.parametrize("name", ["get_ipython", "In", "Out", "exit", "_", "_i", "_ii", "_i3", "_7"])
def test_shared_mode_refuses_the_names_ipython_needs(shell, tmp_path, name):
    reply = call(shell, op="assign", script=script(tmp_path, namespace="shared"), values={name: 1})
    assert reply["ok"] is False and reply["error"]["kind"] == "bad-name"
    assert "IPython needs" in reply["error"]["message"]


def test_the_script_module_may_use_names_the_notebook_reserves(shell, tmp_path):
    assert call(shell, op="assign", script=script(tmp_path), values={"In": 1, "_": 2})["ok"]


def test_export_targets_land_in_the_notebook_so_they_are_checked_there(shell, tmp_path):
    ref = script(tmp_path)
    call(shell, op="run", script=ref, cells=[cell(0, "x = 1", 1)], lineCount=1)
    refused = call(shell, op="export", script=ref, exports=[{"target": "Out", "source": "x"}])
    assert refused["error"]["kind"] == "bad-name"
    refused = call(shell, op="export", script=ref, exports=[{"target": "__name__", "source": "x"}])
    assert refused["error"]["kind"] == "bad-name"
    # Reading a dunder of the script is harmless.
    reply = call(shell, op="export", script=ref, exports=[{"target": "path", "source": "__file__"}])
    assert reply["ok"] and shell.user_ns["path"] == str(tmp_path / "train.py")


# --- where a script runs ------------------------------------------------------------------------------


def test_the_script_folder_is_importable_during_runs_only(shell, tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "helper_mod_cellscript.py").write_text("VALUE = 42\n")
    ref = script(folder)
    reply = call(
        shell,
        op="run",
        script=ref,
        cells=[cell(0, "import helper_mod_cellscript\nv = helper_mod_cellscript.VALUE", 1)],
        lineCount=2,
    )
    assert reply["result"]["status"] == "ok", shell.recorder.errors
    assert str(folder) not in sys.path
    sys.modules.pop("helper_mod_cellscript", None)


@pytest.mark.parametrize("source, status", [("here = os.getcwd()", "ok"), ("1/0", "error")])
def test_working_directory_script_runs_in_its_folder_and_restores_the_notebooks(
    shell, tmp_path, source, status
):
    folder = tmp_path / "project"
    folder.mkdir()
    before = os.getcwd()
    ref = script(folder)
    reply = call(
        shell,
        op="run",
        script=ref,
        cells=[cell(0, "import os\n" + source, 1)],
        lineCount=2,
        workingDirectory="script",
    )
    assert reply["result"]["status"] == status
    assert os.getcwd() == before
    if status == "ok":
        module = sys.modules[runtime.module_name_for(ref["id"])]
        assert module.here == str(folder)


def test_working_directory_notebook_leaves_the_kernel_cwd_alone(shell, tmp_path):
    before = os.getcwd()
    ref = script(tmp_path)
    call(shell, op="exec", script=ref, source="import os\nhere = os.getcwd()")
    assert call(shell, op="eval", script=ref, expression="here")["result"]["value"] == before


def test_a_relative_file_is_relative_to_where_the_kernel_started_not_to_a_later_cd(
    shell, tmp_path, monkeypatch
):
    monkeypatch.setattr(shell, "starting_dir", str(tmp_path), raising=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the notebook ran %cd elsewhere
    ref = {"id": "sub/train.py", "file": "sub/train.py", "namespace": "module"}
    reply = call(shell, op="run", script=ref, cells=[cell(0, "f = __file__", 1)], lineCount=1)
    assert reply["result"]["namespace"]["file"] == str(tmp_path / "sub" / "train.py")
