"""Kernel runtime of jupyterlab-cellscript: runs cells of a `# %%` script inside an IPython kernel.

This file is the one copy of the runtime. The extension embeds it at build time
(scripts/embed-runtime.js) and installs it into a kernel under a private name in `sys.modules`,
so nothing appears in the notebook's namespace. Every request travels as JSON in the execute
request's metadata (`metadata.cellscript`), read through `kernel.get_parent()`: the code the
frontend sends is a constant, no name, value or source is ever spliced into it.

The answer travels on the shell channel, never on IOPub (which jupyter_server's rate limiter
may thin out): `handle` writes it as a payload of the shell ({"source": "cellscript", "id",
"reply"}), which ipykernel sends in the execute_reply's `payload` list whatever the outcome of
the request's code. A request therefore runs once and its answer cannot be lost.

While a run goes on, IOPub carries only news, on a best-effort basis:
- every message a cell produces (prints, displays, tracebacks) carries in its parent header
  `cellscript: {"run", "position", "index", "previous"}`: the cell it came from and the outcome
  of the cell before, so outputs land on the right cell without any message of ours;
- a cell that runs longer than REPORT_AFTER seconds is announced by one display_data on the
  private MIME type `application/vnd.cellscript.reply+json`:
  {"kind": "event", "event": "progress", "run", "position", "index", "name", "line",
   "from": position of the first finished outcome, "finished": [outcomes not reported yet]}.

Tests import this file by path (tests/python/test_runtime.py).
"""

import ast
import functools
import io
import json
import keyword
import linecache
import math
import os
import re
import reprlib
import sys
import textwrap
import threading
import time
import tokenize
import types

MIME = "application/vnd.cellscript.reply+json"
PROTOCOL = 1
# Replaced by the installer with the hash of this file, so a changed runtime is re-installed.
VERSION = "dev"
# Module name of the state that must outlive a re-installed runtime (see _state()).
STATE_MODULE = "_cellscript_state"
# Largest JSON text `get`/`eval` send back; bigger values come back as a truncated repr.
MAX_JSON_CHARS = 1_000_000
MAX_REPR_CHARS = 10_000
# Integers beyond this lose precision in JavaScript, so they travel as repr.
MAX_SAFE_INTEGER = 2**53 - 1
VERBOSE_MAX_LINES = 10
# A cell that runs longer than this (seconds) is announced by a progress event.
REPORT_AFTER = 0.05
# The `source` of the execute_reply payload that carries a reply.
PAYLOAD_SOURCE = "cellscript"

# The frontend's constant entry code calls `entry()` of the installed runtime; when there is
# none it calls int() and the reply carries no answer, which tells the frontend that nothing
# ran. INSTALL_CODE (and an installed runtime of another version) runs this bootstrap, sent
# along in the request metadata, in a throw-away globals dict (so it defines nothing in the
# user's namespace): it installs the runtime from the metadata when the source is there and
# hands the request to `handle`, else answers 'not-installed' (nothing ran).
# scripts/embed-runtime.js extracts it from between the triple quotes below.
BOOTSTRAP_SOURCE = r'''
def _cellscript_bootstrap():
    import sys
    import types
    from IPython import get_ipython

    shell = get_ipython()

    def reply_error(kind, message, request_id=None):
        error = {"kind": kind, "message": message}
        reply = {"kind": "reply", "ok": False, "error": error}
        shell.payload_manager.write_payload(
            {"source": "cellscript", "id": request_id, "reply": reply}
        )

    kernel = getattr(shell, "kernel", None)
    if not hasattr(kernel, "get_parent"):
        reply_error("unsupported-kernel", "cellscript needs an IPython kernel from ipykernel 6 "
                    "or later; this kernel cannot pass request metadata to Python code.")
        return
    payload = (kernel.get_parent().get("metadata") or {}).get("cellscript")
    if not isinstance(payload, dict):
        reply_error("bad-request", "The request carries no cellscript metadata.")
        return

    name = payload["module"]
    runtime = sys.modules.get(name)
    if getattr(runtime, "VERSION", None) != payload["version"] and "source" in payload:
        runtime = types.ModuleType(name)
        runtime.__file__ = payload["filename"]
        exec(compile(payload["source"], payload["filename"], "exec"), runtime.__dict__)
        runtime.VERSION = payload["version"]
        sys.modules[name] = runtime
    if getattr(runtime, "VERSION", None) != payload["version"]:
        reply_error(
            "not-installed",
            "The cellscript runtime is not installed in this kernel.",
            payload.get("id"),
        )
        return
    runtime.handle(payload["request"], payload.get("id"))


_cellscript_bootstrap()
'''

# The file name this module's code objects carry: frames from it are cut from tracebacks.
_OWN_FILENAME = sys._getframe().f_code.co_filename


class RequestError(Exception):
    """A request the runtime refuses; becomes {"ok": false, "error": {kind, message, ...}}."""

    def __init__(self, kind, message, **details):
        super().__init__(message)
        self.kind = kind
        self.details = details

    def to_json(self):
        return {"kind": self.kind, "message": str(self), **self.details}


# --------------------------------------------------------------------------------------------
# Plumbing: the shell, publishing, persistent state


def _shell():
    shell = _get_ipython()
    if shell is None:
        raise RequestError("unsupported-kernel", "cellscript must run inside IPython.")
    return shell


def _get_ipython():
    from IPython import get_ipython

    global _get_ipython
    _get_ipython = get_ipython  # import once: requests call _shell() several times
    return get_ipython()


def publish(message):
    """Send one JSON message to the frontend as display_data on the private MIME type.

    Only progress events travel this way (best effort: IOPub may drop them); replies travel in
    the execute_reply (see `deliver()`). May be called from the progress thread: ipykernel's IOPub
    socket sends through its own IO thread. IPython's publish_display_data would also pass the
    message through output-capture hooks, which could hand it to an ipywidgets Output widget.
    """
    pub = getattr(_shell(), "display_pub", None)
    session, socket = getattr(pub, "session", None), getattr(pub, "pub_socket", None)
    if session is None or socket is None:
        from IPython.display import publish_display_data

        publish_display_data({MIME: message})
        return
    content = {"data": {MIME: message}, "metadata": {}, "transient": {}}
    session.send(socket, "display_data", content, parent=pub.parent_header, ident=pub.topic)


def flush_streams():
    """Send what stdout/stderr hold now, with the parent header they have now."""
    pub = getattr(_shell(), "display_pub", None)
    if _streams_pending():
        flush = getattr(pub, "_flush_streams", None)
        if flush is not None:
            flush()
        else:
            sys.stdout.flush()
            sys.stderr.flush()


def _streams_pending():
    """Whether stdout/stderr may hold unsent text (flushing costs two thread round trips).

    ipykernel's streams mark pending text; anything else is assumed to have some. Messages
    sent after a flush was scheduled still go out after it: one IO thread sends both.
    """
    for stream in (sys.stdout, sys.stderr):
        pending = getattr(stream, "_flush_pending", None)
        if pending is None or pending or getattr(stream, "_subprocess_flush_pending", False):
            return True
    return False


def _state():
    """State kept across re-installs of the runtime: a plain module in sys.modules."""
    state = sys.modules.get(STATE_MODULE)
    if state is None:
        state = types.ModuleType(STATE_MODULE)
        sys.modules[STATE_MODULE] = state
    if not hasattr(state, "future_flags"):
        state.future_flags = {}
        state.counter = 0
    return state


def _parent():
    """The execute request being handled (ipykernel 6+), or None."""
    kernel = getattr(_shell(), "kernel", None)
    get_parent = getattr(kernel, "get_parent", None)
    return get_parent() if get_parent else None


def _payload():
    parent = _parent() or {}
    payload = (parent.get("metadata") or {}).get("cellscript")
    return payload if isinstance(payload, dict) else None


def entry():
    """Fast path of the constant entry code when this runtime is installed: read the request
    from the parent message's metadata and handle it; on a version mismatch run the bootstrap,
    which re-installs from the payload (or answers 'not-installed')."""
    payload = _payload()
    if payload is not None and payload.get("version") == VERSION:
        handle(payload.get("request"), payload.get("id"))
    else:
        exec((payload or {}).get("bootstrap") or BOOTSTRAP_SOURCE, {})


def handle(request, request_id=None):
    """Handle one request; deliver its reply (see `deliver`) and return it. Never raises."""
    op = request.get("op") if isinstance(request, dict) else None
    try:
        handler = OPERATIONS.get(op)
        if handler is None:
            raise RequestError("bad-request", f"Unknown cellscript operation {op!r}.")
        answer = {"kind": "reply", "op": op, "ok": True, "result": handler(request)}
        if op != "run":  # a run's answer holds only our own names and numbers
            json.dumps(answer, allow_nan=False)  # what travels must be strict JSON
    except RequestError as error:
        answer = {"kind": "reply", "op": op, "ok": False, "error": error.to_json()}
    except KeyboardInterrupt:
        error = {"kind": "interrupted", "message": "Interrupted by the user."}
        answer = {"kind": "reply", "op": op, "ok": False, "error": error}
    except Exception:  # a bug in the runtime, or an answer that is not JSON: say so
        answer = _internal_error(op)
    deliver(answer, request_id)
    return answer


def deliver(answer, request_id):
    """Put the answer into the execute_reply: as a payload of the shell, which ipykernel sends
    in the reply's `payload` list whatever the outcome of the request's code (no formatting,
    no evaluation, and the shell channel is never rate-limited)."""
    manager = getattr(_shell(), "payload_manager", None)
    if manager is not None:
        manager.write_payload({"source": PAYLOAD_SOURCE, "id": request_id, "reply": answer})


def _internal_error(op):
    import traceback

    error = sys.exc_info()[1]
    return {
        "kind": "reply",
        "op": op,
        "ok": False,
        "error": {
            "kind": "internal",
            "message": f"cellscript runtime failed: {type(error).__name__}: {error}",
            "traceback": traceback.format_exc(),
        },
    }


# --------------------------------------------------------------------------------------------
# Namespaces


@functools.lru_cache(maxsize=256)
def module_name_for(script_id):
    """A unique, importable-looking name for the module of a script (no dots: see pickle)."""
    import hashlib

    stem = os.path.splitext(os.path.basename(str(script_id)))[0]
    slug = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in stem)[:40] or "script"
    digest = hashlib.sha1(str(script_id).encode("utf-8")).hexdigest()[:8]
    return f"_cellscript_{slug}_{digest}"


def script_filename(script):
    """The script's absolute path as this kernel sees it.

    A relative path is relative to the directory the kernel started in (a notebook's kernel
    starts in the notebook's folder), not to the current one: `%cd` must not move `__file__`.
    """
    file = str(script["file"])
    if not os.path.isabs(file):
        shell = _shell()
        start = getattr(shell, "starting_dir", None) or os.getcwd()
        file = os.path.join(start, file)
    return os.path.normpath(file)


def _check_script(request):
    script = request.get("script")
    if not isinstance(script, dict) or not script.get("id") or not script.get("file"):
        raise RequestError("bad-request", "The request names no script (id and file).")
    if script.get("namespace", "module") not in ("module", "shared"):
        raise RequestError("bad-request", f"Unknown namespace mode {script['namespace']!r}.")
    return script


def namespace_of(script, create=True):
    """(globals dict, module or None) of a script; None when it has none and create is False."""
    if script.get("namespace", "module") == "shared":
        return _shell().user_ns, None
    name = module_name_for(script["id"])
    module = sys.modules.get(name)
    if module is None:
        if not create:
            return None, None
        module = types.ModuleType(name)
        sys.modules[name] = module
    module.__file__ = script_filename(script)
    module.__name__ = "__main__" if script.get("asMain") else name
    return module.__dict__, module


def export_namespace():
    """Where exports go: the notebook's own namespace (its __main__)."""
    return _shell().user_ns


def check_identifier(name, what="name"):
    if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
        raise RequestError("bad-name", f"{what} {name!r} is not a valid Python identifier.")
    return name


# Names IPython keeps in the notebook's namespace for itself (besides its hidden names).
_IPYTHON_NAME = re.compile(r"_(i{1,3}|ih|oh|dh|i?\d+)?\Z")


def check_assignable(name, into_notebook, what="Variable name"):
    """Refuse a name whose assignment would break a namespace: dunder names everywhere
    (`__builtins__`, `__name__`, `__dict__`, ...), and in the notebook's own namespace the names
    IPython needs (`get_ipython`, `In`, `Out`, `exit`, `_`, `_i1`, ...)."""
    check_identifier(name, what)
    if name.startswith("__") and name.endswith("__"):
        raise RequestError(
            "bad-name",
            f"{what} {name!r} is a name Python itself uses in every namespace; assigning it would "
            "break the namespace. Choose a name without double underscores at both ends.",
        )
    if into_notebook:
        hidden = getattr(_shell(), "user_ns_hidden", {})
        if name in hidden or _IPYTHON_NAME.match(name):
            raise RequestError(
                "bad-name",
                f"{what} {name!r} is a name IPython needs in the notebook's namespace; assigning "
                "it would break the notebook. Choose another name.",
            )
    return name


# --------------------------------------------------------------------------------------------
# Compiling cells


def register_source(filename, cells, line_count):
    """Put the text of the cells that run into linecache under the script's real file name.

    Lines of cells that did not run keep the text they had when they last ran (their code
    objects still point there), so tracebacks, inspect.getsource and debuggers read exactly
    the text that ran. mtime None keeps linecache.checkcache from dropping the entry.
    """
    entry = linecache.cache.get(filename)
    lines = list(entry[2]) if entry and len(entry) == 4 and entry[1] is None else []
    count = max(int(line_count or 0), *(c["firstLine"] - 1 + _count_lines(c) for c in cells))
    lines = (lines + ["\n"] * count)[:count]
    for cell in cells:
        start = cell["firstLine"] - 1
        for offset, text in enumerate(cell["source"].splitlines()):
            lines[start + offset] = text + "\n"
    linecache.cache[filename] = (sum(map(len, lines)), None, lines, filename)


def _count_lines(cell):
    return len(cell["source"].splitlines())


def ends_with_semicolon(source):
    """True when the last token is ';': a notebook then hides the cell's value."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER}
    skip |= {tokenize.INDENT, tokenize.DEDENT}
    meaningful = [tok for tok in tokens if tok.type not in skip]
    return bool(meaningful) and meaningful[-1].string == ";"


_FUTURE_MASK = 0
for _feature in __import__("__future__").all_feature_names:
    _FUTURE_MASK |= getattr(__import__("__future__"), _feature).compiler_flag


def compile_cell(source, filename, first_line, flags=0, split_last_expression=False):
    """Compile a cell at its real line in the script.

    Returns (body code, last-expression code or None, future flags in effect afterwards).
    The cell compiles on its own and its code objects are then moved to the script's line
    (linear in the cell's size; padding the text with newlines would cost the script's size per
    cell). A SyntaxError is raised from a padded compile, so its line is the script's too.
    """
    offset = max(int(first_line), 1) - 1
    try:
        body, last = _compile_parts(source, filename, flags, split_last_expression)
    except SyntaxError:
        padded = "\n" * offset + source
        _compile_parts(padded, filename, flags, split_last_expression)
        raise  # the padded compile raises; this only runs if it did not
    new_flags = flags | (body.co_flags & _FUTURE_MASK)
    if offset:
        body = _moved(body, offset)
        last = _moved(last, offset) if last is not None else None
    return body, last, new_flags


def _compile_parts(source, filename, flags, split_last_expression):
    if not split_last_expression:
        return compile(source, filename, "exec", flags, dont_inherit=True), None
    tree = compile(source, filename, "exec", flags | ast.PyCF_ONLY_AST, dont_inherit=True)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not ends_with_semicolon(source):
        expression = ast.Expression(tree.body.pop().value)
        last = compile(expression, filename, "eval", flags, dont_inherit=True)
    return compile(tree, filename, "exec", flags, dont_inherit=True), last


def _moved(code, offset):
    """`code` and the code objects inside it (functions, classes, comprehensions) `offset`
    lines further down: line tables are relative to co_firstlineno, so that is all it takes."""
    consts = code.co_consts
    if any(isinstance(const, types.CodeType) for const in consts):
        consts = tuple(
            _moved(const, offset) if isinstance(const, types.CodeType) else const
            for const in consts
        )
    return code.replace(co_firstlineno=code.co_firstlineno + offset, co_consts=consts)


def verbose_summary(source):
    """CellScript's summary of a cell: '> ' before each line, at most 10 lines."""
    lines = ["> " + line for line in source.strip().splitlines()]
    if len(lines) > VERBOSE_MAX_LINES:
        lines = lines[: VERBOSE_MAX_LINES - 1] + ["..."]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Errors as the user should see them


def strip_runtime_frames(tb):
    """Drop the leading traceback entries that belong to this runtime (or the bootstrap)."""
    while tb is not None and tb.tb_frame.f_code.co_filename in (_OWN_FILENAME, "<string>"):
        tb = tb.tb_next
    return tb


def error_info(error, tb, filename):
    """JSON summary of an exception: name, message and the deepest line in the script."""
    info = {"ename": type(error).__name__, "evalue": str(error), "file": filename, "line": None}
    if isinstance(error, SyntaxError) and error.filename == filename:
        info["line"] = error.lineno
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            info["line"] = tb.tb_lineno
        tb = tb.tb_next
    return info


def show_error(error, tb):
    """Show a traceback as IPython does for a notebook cell, minus the runtime's frames."""
    shell = _shell()
    if isinstance(error, SyntaxError):
        # showsyntaxerror reads sys.exc_info(); the caller is inside its except block.
        shell.showsyntaxerror()
    else:
        # tb_offset=0: IPython's default of 1 hides the first frame, here the cell's own.
        shell.showtraceback((type(error), error, tb), tb_offset=0)


# --------------------------------------------------------------------------------------------
# Values as JSON


def type_name(value):
    cls = type(value)
    module = cls.__module__
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def _plain_json(value, depth=0):
    """`value` as plain JSON data, or raise ValueError when it is not exactly that."""
    if depth > 100:
        raise ValueError("too deep")
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        if abs(value) > MAX_SAFE_INTEGER:
            raise ValueError("integer too large for JSON")
        return value
    if kind is float:
        if not math.isfinite(value):
            raise ValueError("not finite")
        return value
    if kind in (list, tuple):
        return [_plain_json(item, depth + 1) for item in value]
    if kind is dict:
        if not all(type(key) is str for key in value):
            raise ValueError("non-string keys")
        return {key: _plain_json(item, depth + 1) for key, item in value.items()}
    raise ValueError("not JSON")


def describe_value(value):
    """{"type", "kind": "json", "value"} when exact JSON exists, else {"kind": "repr", ...}."""
    try:
        data = _plain_json(value)
        if len(json.dumps(data, allow_nan=False)) <= MAX_JSON_CHARS:
            return {"type": type_name(value), "kind": "json", "value": data}
    except (ValueError, RecursionError):
        pass
    try:
        text = repr(value)
    except Exception as error:  # a broken __repr__ must not break the request
        text = f"<repr failed: {type(error).__name__}: {error}>"
    truncated = len(text) > MAX_REPR_CHARS
    return {
        "type": type_name(value),
        "kind": "repr",
        "repr": text[:MAX_REPR_CHARS],
        "truncated": truncated,
    }


_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxstring = 60
_SHORT_REPR.maxother = 60


def summarize(name, value):
    """One row of `list`: name, type, what kind of thing and a short repr."""
    if isinstance(value, types.ModuleType):
        kind = "module"
    elif isinstance(value, type):
        kind = "class"
    elif callable(value):
        kind = "function"
    else:
        kind = "value"
    try:
        summary = _SHORT_REPR.repr(value)
    except Exception as error:
        summary = f"<repr failed: {type(error).__name__}>"
    return {"name": name, "type": type_name(value), "kind": kind, "summary": summary}



# --------------------------------------------------------------------------------------------
# Run history: how each cell of a script last ran in this kernel, so that a page loaded again
# (the frontend forgets everything on a reload) can show it. Kept with the persistent state,
# so a re-installed runtime keeps it too; one record per cell, outputs are not kept.

# Most cells remembered per script: renaming cells again and again must not grow it forever.
MAX_HISTORY_CELLS = 10_000
# Longest exception message kept in a record.
MAX_HISTORY_EVALUE = 2_000


def _history_of(script_id, create=True):
    """{"order": last run order, "cells": {cell key: record}} of a script, or None."""
    state = _state()
    if not hasattr(state, "history"):
        state.history = {}
    history = state.history.get(script_id)
    if history is None and create:
        history = state.history[script_id] = {"order": 0, "cells": {}}
    return history


def _history_key(cell):
    """A cell's identity across edits, as the frontend's cellKey: its name, else its index."""
    name = cell.get("name")
    return ("name", name) if isinstance(name, str) else ("index", cell.get("index"))


def _span(value):
    """{firstLine, lastLine} of a selection run when the request sent a valid one, else None."""
    if not isinstance(value, dict):
        return None
    first, last = value.get("firstLine"), value.get("lastLine")
    if type(first) is int and type(last) is int and 1 <= first <= last:
        return {"firstLine": first, "lastLine": last}
    return None


def remember_run(script, cells, ran):
    """Record the outcome of each cell that ran (`ran[i]` is the outcome of `cells[i]`),
    replacing what the same cell left last time."""
    history = _history_of(str(script["id"]))
    records = history["cells"]
    for cell, outcome in zip(cells, ran):
        history["order"] += 1
        record = {
            "index": cell.get("index"),
            "name": cell.get("name") if isinstance(cell.get("name"), str) else None,
            "hash": cell.get("hash") if isinstance(cell.get("hash"), str) else None,
            "status": outcome["status"],
            "durationMs": outcome.get("durationMs", 0),
            "order": history["order"],
        }
        error = outcome.get("error")
        if error:
            record["error"] = {**error, "evalue": str(error.get("evalue"))[:MAX_HISTORY_EVALUE]}
        selection = _span(cell.get("selection"))
        if selection:
            record["selection"] = selection
        key = _history_key(cell)
        records.pop(key, None)  # re-inserted last: the dict stays in run order
        records[key] = record
    while len(records) > MAX_HISTORY_CELLS:
        del records[next(iter(records))]  # the cell that ran longest ago


def forget_runs(script):
    """Drop a script's run history (its namespace was reset)."""
    state = _state()
    getattr(state, "history", {}).pop(str(script["id"]), None)


def op_history(request):
    """The last run of each cell of a script in this kernel, oldest first; empty when none ran.
    Needs only the script's id: it reads, and creates no namespace."""
    script = request.get("script")
    if not isinstance(script, dict) or not script.get("id"):
        raise RequestError("bad-request", "The request names no script (id).")
    history = _history_of(str(script["id"]), create=False)
    return {"cells": list(history["cells"].values()) if history else []}


# --------------------------------------------------------------------------------------------
# Operations: each takes the request dict and returns the JSON result of its reply.


def _future_flags(script, module):
    if module is None:
        return getattr(getattr(_shell(), "compile", None), "flags", 0) & _FUTURE_MASK
    return _state().future_flags.get(module_name_for(script["id"]), 0)


def _keep_future_flags(script, module, flags):
    if module is None:
        compiler = getattr(_shell(), "compile", None)
        if compiler is not None:
            compiler.flags |= flags
    else:
        _state().future_flags[module_name_for(script["id"])] = flags


# Compiled cells by (file, first line, source, flags, split): running an unchanged cell again
# (run all after a small edit) skips compiling it. Code objects are immutable, so sharing them
# between runs is safe; the cache is bounded and cleared whole when full.
_COMPILED = {}
MAX_COMPILED = 4096


def compiled_cell(source, filename, first_line, flags, split_last_expression):
    """compile_cell, remembered."""
    key = (filename, first_line, source, flags, split_last_expression)
    hit = _COMPILED.get(key)
    if hit is None:
        hit = compile_cell(source, filename, first_line, flags, split_last_expression)
        if len(_COMPILED) >= MAX_COMPILED:
            _COMPILED.clear()
        _COMPILED[key] = hit
    return hit


def run_one_cell(namespace, filename, cell, flags, show_last_value):
    """Run one cell; returns (outcome dict, future flags). Shows any error as IPython does."""
    try:
        body, last, flags = compiled_cell(
            cell["source"], filename, cell["firstLine"], flags, show_last_value
        )
        exec(body, namespace)
        if last is not None:
            value = eval(last, namespace)
            if value is not None:
                from IPython.display import display

                display(value)
    except BaseException as error:  # noqa: B036  KeyboardInterrupt and SystemExit stop runs too
        tb = strip_runtime_frames(error.__traceback__)
        show_error(error, tb)
        status = "interrupted" if isinstance(error, KeyboardInterrupt) else "error"
        return {"status": status, "error": error_info(error, tb, filename)}, flags
    return {"status": "ok"}, flags


def op_run(request):
    """Run cells in order in the script's namespace; stop at the first error; then export."""
    script = _check_script(request)
    cells = request.get("cells") or []
    for cell in cells:
        if not isinstance(cell.get("source"), str) or int(cell.get("firstLine", 0)) < 1:
            raise RequestError("bad-request", "Each cell needs a source and a firstLine >= 1.")
    exports = [_check_export(spec) for spec in request.get("exports") or []]
    _check_overrides(request, script)
    filename = script_filename(script)
    if request.get("expect"):
        check_source(filename, request["expect"])
    namespace, module = namespace_of(script)
    register_source(filename, cells, request.get("lineCount"))
    count = record_input(request.get("history"))
    ran = []
    with ScriptContext(filename, request.get("workingDirectory")):
        try:
            status = _run_cells(cells, namespace, filename, script, module, request, ran)
        except KeyboardInterrupt:  # between cells: those that ran are complete
            status = "interrupted"
    remember_run(script, cells, ran)
    result = {"status": status, "cells": ran, "namespace": _namespace_info(script, module)}
    if count is not None:
        result["executionCount"] = count
    if status == "ok" and exports:
        result["exports"] = apply_exports(namespace, exports)
    return result


def record_input(entry):
    """Keep the notebook cell a run was asked from in IPython's input history (`In`, `%history`)
    under the next execution count, and take that count, as running the cell would have: a
    frontend magic's cell gets its count from the run itself instead of a request of its own.
    Returns the count, or None when there is no entry."""
    if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
        return None
    shell = _shell()
    count = shell.execution_count
    shell.history_manager.store_inputs(count, entry["source"], entry["source"])
    shell.execution_count = count + 1
    return count


class ScriptContext:
    """Where a script's code runs: its folder on sys.path (so `import helpers` next to it works)
    and, with workingDirectory 'script', its folder as the current directory. Both are undone
    afterwards, also after an error or an interrupt; the notebook's own cwd is kept otherwise."""

    def __init__(self, filename, working_directory=None):
        self.folder = os.path.dirname(filename)
        self.chdir = working_directory == "script"
        self.added = False
        self.cwd = None

    def __enter__(self):
        if self.folder and self.folder not in sys.path:
            sys.path.insert(0, self.folder)
            self.added = True
        if self.chdir and os.path.isdir(self.folder):
            self.cwd = os.getcwd()
            os.chdir(self.folder)
        return self

    def __exit__(self, *exc):
        if self.cwd is not None:
            try:
                os.chdir(self.cwd)
            except OSError:  # the notebook's folder was removed meanwhile: stay where we are
                pass
        if self.added:
            try:
                sys.path.remove(self.folder)
            except ValueError:  # the script took it out itself
                pass
        return False


class Progress:
    """What a run has done so far, shared with the progress thread.

    The main thread records each cell's start and outcome (one attribute store, one list
    append: atomic under the GIL, so no lock); the progress thread (`_progress_loop`) announces
    a cell that has run longer than REPORT_AFTER, with the outcomes not reported yet. Quick
    cells cost no message at all.
    """

    def __init__(self, run_id, cells):
        self.run_id = run_id
        self.cells = cells
        self.current = None  # (position, started) of the running cell
        self.finished = []  # outcomes, in order of position (appended by the main thread)
        self.reported = 0  # how many of `finished` an event carried (progress thread only)
        self.announced = -1  # position of the last announced cell (progress thread only)

    def start(self, position):
        self.current = (position, time.perf_counter())

    def finish(self, outcome):
        self.current = None
        self.finished.append(outcome)

    def news(self, now):
        """The progress event due now, or None (called by the progress thread)."""
        current = self.current
        if current is None or now - current[1] < REPORT_AFTER:
            return None
        position = current[0]
        done = len(self.finished)
        if position < done or (position == self.announced and self.reported == done):
            return None  # nothing new, or the cell finished while we looked
        cell = self.cells[position]
        event = {
            "kind": "event",
            "event": "progress",
            "run": self.run_id,
            "position": position,
            "index": cell.get("index"),
            "name": cell.get("name"),
            "line": cell["firstLine"],
            "from": self.reported,
            "finished": self.finished[self.reported : done],
        }
        self.reported = done
        self.announced = position
        return event


_progress_lock = threading.Lock()
_progress_wake = threading.Event()
_progress_current = None
_progress_thread = None


def _progress_loop():
    """The progress thread: sleeps while no run goes on, looks for news every REPORT_AFTER/2."""
    while True:
        _progress_wake.wait()
        time.sleep(REPORT_AFTER / 2)
        progress = _progress_current
        if progress is None:
            continue
        event = progress.news(time.perf_counter())
        if event is not None:
            try:
                publish(event)
            except Exception:  # best effort: the reply carries every outcome anyway
                pass


def _follow_progress(progress):
    """Make `progress` the run the progress thread watches (None: no run)."""
    global _progress_current, _progress_thread
    with _progress_lock:
        _progress_current = progress
        if progress is None:
            _progress_wake.clear()
            return
        if _progress_thread is None or not _progress_thread.is_alive():
            _progress_thread = threading.Thread(
                target=_progress_loop, name="cellscript-progress", daemon=True
            )
            _progress_thread.start()
        _progress_wake.set()


class CellTags:
    """Tags every message a cell sends with that cell: the parent header carries
    `cellscript: {run, position, index, previous}`.

    ipykernel's publishers (stdout, stderr, displays, tracebacks) hold the request's own header
    dict and serialize it when they send, so the run writes its tag into that dict (flushing
    the streams first, so what a cell printed keeps that cell's tag) and takes it out at the
    end, before the kernel builds its reply. No set_parent calls: their traitlets
    notifications cost more than a small cell. Without ipykernel nothing is tagged."""

    def __init__(self, run_id):
        self.run_id = run_id
        header = (_parent() or {}).get("header")
        self.header = header if isinstance(header, dict) else None

    def tag(self, position, cell, previous):
        if self.header is None:
            return
        if _streams_pending():
            flush_streams()
        mark = {"run": self.run_id, "position": position, "index": cell.get("index")}
        if previous is not None:
            mark["previous"] = previous
        self.header["cellscript"] = mark

    def restore(self):
        if self.header is not None:
            flush_streams()
            self.header.pop("cellscript", None)


def _run_cells(cells, namespace, filename, script, module, request, ran):
    """Run cells in order, appending each outcome to `ran`; returns the run's status."""
    verbose = bool(request.get("verbose"))
    show_last_value = bool(request.get("showLastValue"))
    shell = _shell()
    flags = _future_flags(script, module)
    run_id = (_payload() or {}).get("id")
    tags = CellTags(run_id)
    progress = Progress(run_id, cells)
    _follow_progress(progress)
    status = "ok"
    try:
        for position, cell in enumerate(cells):
            tags.tag(position, cell, ran[-1] if ran else None)
            progress.start(position)
            if verbose:
                print(("\n" if position else "") + verbose_summary(cell["source"]), flush=True)
            started = time.perf_counter()
            outcome, flags = run_one_cell(namespace, filename, cell, flags, show_last_value)
            # A notebook flushes inline matplotlib figures (post_execute) after each cell: do
            # the same so a figure belongs to the cell that drew it.
            shell.events.trigger("post_execute")
            outcome["durationMs"] = round((time.perf_counter() - started) * 1000, 3)
            outcome["index"] = cell.get("index")
            ran.append(outcome)
            progress.finish(outcome)
            if outcome["status"] != "ok":
                status = outcome["status"]
                break
            apply_overrides(namespace, request, cell)
    finally:
        _keep_future_flags(script, module, flags)
        _follow_progress(None)
        tags.restore()
    return status


def check_source(filename, expect):
    """Refuse to run cells parsed from a text that is no longer the file's ('stale-source').

    The frontend may skip reading the file through the contents API and send the cells it
    parsed last time with the UTF-8 length and CRC-32 of that text; the kernel, which sees the
    same file, checks them. Nothing runs on a mismatch: the frontend reads the file and resends.
    """
    import zlib

    try:
        with open(filename, "rb") as file:
            data = file.read()
    except OSError as error:
        raise RequestError(
            "stale-source", f"The kernel cannot read {filename}: {error}", reason="unreadable"
        ) from None
    if len(data) != expect.get("bytes") or zlib.crc32(data) != expect.get("crc32"):
        raise RequestError(
            "stale-source", f"{filename} changed since it was read.", reason="changed"
        )


def _namespace_info(script, module):
    if module is None:
        return {"mode": "shared", "module": "__main__", "file": script_filename(script)}
    return {"mode": "module", "module": module_name_for(script["id"]), "file": module.__file__}


def _check_export(spec):
    """An export {target, source}: the target lands in the notebook's namespace, so it may not
    be a name Python or IPython needs there; the source is only read (`__file__` is fine)."""
    if not isinstance(spec, dict):
        raise RequestError("bad-request", "An export is {target, source}.")
    check_identifier(spec.get("source"), "Export source")
    check_assignable(spec.get("target"), True, "Export target")
    return {"target": spec["target"], "source": spec["source"]}


def apply_exports(namespace, exports):
    """Copy script variables into the notebook's namespace; report names that do not exist."""
    target_ns = export_namespace()
    exported, missing = [], []
    for spec in exports:
        if spec["source"] in namespace:
            target_ns[spec["target"]] = namespace[spec["source"]]
            exported.append(spec)
        else:
            missing.append(spec["source"])
    return {"exported": exported, "missing": missing}


def _check_overrides(request, script):
    """Parameter overrides {cell index: {variable: value}}: refused before anything runs when
    the shape is wrong or a variable may not be assigned (a dunder name; in the notebook's
    namespace a name IPython needs)."""
    overrides = request.get("overrides")
    if overrides is None:
        return
    if not isinstance(overrides, dict):
        raise RequestError("bad-request", "overrides is an object of cell index: {name: value}.")
    shared = script.get("namespace", "module") == "shared"
    for values in overrides.values():
        if not isinstance(values, dict):
            raise RequestError("bad-request", "Each cell's overrides are an object of name: value.")
        for name in values:
            check_assignable(name, shared, "Parameter name")


def apply_overrides(namespace, request, cell):
    """Assign the overrides of a cell that just ran without error, as papermill injects its
    parameters cell: the cells after it compute with the values the user set. Values arrive
    as JSON (a tuple parameter gets a list), never as code."""
    values = (request.get("overrides") or {}).get(str(cell.get("index")))
    if values:
        namespace.update(values)


def op_export(request):
    script = _check_script(request)
    exports = [_check_export(spec) for spec in request.get("exports") or []]
    namespace, _ = namespace_of(script)
    return apply_exports(namespace, exports)


def op_assign(request):
    script = _check_script(request)
    values = request.get("values")
    if not isinstance(values, dict):
        raise RequestError("bad-request", "assign needs an object of name: value.")
    shared = script.get("namespace", "module") == "shared"
    for name in values:
        check_assignable(name, shared)
    namespace, _ = namespace_of(script)
    namespace.update(values)
    return {"assigned": list(values)}


def _next_pseudo_filename(kind):
    state = _state()
    state.counter += 1
    return f"<cellscript-{kind}-{state.counter}>"


def _run_snippet(request, script, source, mode):
    """Compile and run user text (eval/exec) with a linecache entry for its tracebacks, where
    the script's cells run (its folder on sys.path, its working directory if so set)."""
    namespace, _ = namespace_of(script)
    filename = _next_pseudo_filename(mode)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        code = compile(source, filename, mode, dont_inherit=True)
        with ScriptContext(script_filename(script), request.get("workingDirectory")):
            return eval(code, namespace) if mode == "eval" else exec(code, namespace)
    except BaseException as error:  # noqa: B036
        tb = strip_runtime_frames(error.__traceback__)
        show_error(error, tb)
        kind = "interrupted" if isinstance(error, KeyboardInterrupt) else "exception"
        info = error_info(error, tb, filename)
        raise RequestError(kind, f"{info['ename']}: {info['evalue']}", **info) from None


def op_eval(request):
    """Evaluate one expression; a trailing comment is fine (the closing paren is on its own line)."""
    script = _check_script(request)
    expression = request.get("expression")
    if not isinstance(expression, str) or not expression.strip():
        raise RequestError("bad-request", "eval needs an expression.")
    value = _run_snippet(request, script, "(" + textwrap.dedent(expression).strip() + "\n)", "eval")
    return describe_value(value)


def op_exec(request):
    """Run statements; the text is dedented first so an indented block works."""
    script = _check_script(request)
    source = request.get("source")
    if not isinstance(source, str):
        raise RequestError("bad-request", "exec needs source text.")
    _run_snippet(request, script, textwrap.dedent(source).strip("\n") + "\n", "exec")
    return {}


def op_get(request):
    script = _check_script(request)
    names = request.get("names") or []
    namespace, _ = namespace_of(script, create=False)
    namespace = namespace or {}
    values, missing = {}, []
    for name in names:
        check_identifier(name, "Variable name")
        if name in namespace:
            values[name] = describe_value(namespace[name])
        else:
            missing.append(name)
    return {"values": values, "missing": missing}


def op_list(request):
    """Variables of the namespace, like %who: no _private names, nothing IPython put there."""
    script = _check_script(request)
    namespace, module = namespace_of(script, create=False)
    hidden = getattr(_shell(), "user_ns_hidden", {}) if module is None else {}
    include_private = bool(request.get("includePrivate"))
    rows = [
        summarize(name, value)
        for name, value in sorted((namespace or {}).items())
        if name not in hidden
        and not (name.startswith("__") and name.endswith("__"))
        and (include_private or not name.startswith("_"))
    ]
    return {"variables": rows, "exists": namespace is not None}


def op_reset(request):
    script = _check_script(request)
    if script.get("namespace", "module") == "shared":
        raise RequestError(
            "unsupported",
            "This script runs in the notebook's own namespace; cellscript does not clear it. "
            "Use %reset in the notebook, or switch the script to its own namespace.",
        )
    name = module_name_for(script["id"])
    existed = sys.modules.pop(name, None) is not None
    forget_runs(script)
    _state().future_flags.pop(name, None)
    return {"existed": existed}


def op_info(request):
    import platform

    return {
        "version": VERSION,
        "protocol": PROTOCOL,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "cwd": os.getcwd(),
        "pid": os.getpid(),
    }


# --------------------------------------------------------------------------------------------
# Sweeps: one iteration of a parameter sweep, in this kernel or in a forked child of it

# The importable module scripts use for `Param` and `Output` (src/kernel/cellscript.py).
PUBLIC_MODULE = "cellscript"
# Its source, appended by scripts/embed-runtime.js; None when this file is imported by path.
PUBLIC_MODULE_SOURCE = None
# The most of an iteration's printed text that comes back with its result.
MAX_ITERATION_TEXT = 20_000


def provide_public_module():
    """Make `from cellscript import Param, Output` work in this kernel: the installed module
    when there is one (the wheel's), else one made from the embedded source. Returns it."""
    import importlib
    import importlib.util

    module = sys.modules.get(PUBLIC_MODULE)
    if module is None and importlib.util.find_spec(PUBLIC_MODULE) is not None:
        module = importlib.import_module(PUBLIC_MODULE)
    if module is None:
        source = PUBLIC_MODULE_SOURCE
        if source is None:
            path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cellscript.py")
            with open(path, encoding="utf-8") as file:
                source = file.read()
        module = types.ModuleType(PUBLIC_MODULE)
        module.__file__ = "<cellscript>"
        exec(compile(source, "<cellscript>", "exec"), module.__dict__)
        sys.modules[PUBLIC_MODULE] = module
    return module


class OutputsComplete(BaseException):
    """Ends an iteration once every requested output is captured (stopAfterOutputs)."""


class Capture:
    """The outputs of one iteration: values given to `Output(value, name)` and, for requested
    names no `Output` gave, the script's variables of that name after each cell that ran."""

    def __init__(self, requested, stop_after):
        self.requested = [check_identifier(name, "Output name") for name in requested]
        self.stop_after = bool(stop_after) and bool(self.requested)
        self.values = {}
        self.declared = set()
        self.namespace = {}

    def output(self, name, value):
        """The hook `cellscript.Output` calls."""
        self.values[name] = value
        self.declared.add(name)
        if self.stop_after and self.complete():
            raise OutputsComplete()

    def read_variables(self):
        for name in self.requested:
            if name not in self.declared and name in self.namespace:
                self.values[name] = self.namespace[name]

    def complete(self):
        self.read_variables()
        return all(name in self.values for name in self.requested)

    def to_json(self):
        return {name: output_value(value) for name, value in self.values.items()}


def output_value(value):
    """An output as JSON: a 0-d array or NumPy scalar as its Python number, else describe_value."""
    if getattr(value, "shape", None) == () and callable(getattr(value, "item", None)):
        try:
            value = value.item()
        except Exception:  # not a NumPy-like scalar after all: describe it as it is
            pass
    return describe_value(value)


def _iteration_error(error, tb, filename):
    import traceback

    info = error_info(error, tb, filename)
    info["traceback"] = "".join(traceback.format_exception(type(error), error, tb))
    return info


def _iterate(cells, namespace, filename, script, module, request, capture):
    """Run the cells of one iteration: overrides after each defining cell, outputs captured;
    stops at the first error or once every requested output is there (stopAfterOutputs)."""
    public = provide_public_module()
    flags = _future_flags(script, module)
    ran, status, stopped, error = [], "ok", False, None
    capture.namespace = namespace
    previous_hook = getattr(public, "capture", None)
    public.capture = capture.output
    try:
        for cell in cells:
            started = time.perf_counter()
            outcome = {"index": cell.get("index"), "status": "ok"}
            try:
                body, _, flags = compiled_cell(
                    cell["source"], filename, cell["firstLine"], flags, False
                )
                exec(body, namespace)
            except OutputsComplete:
                stopped = True
            except BaseException as failure:  # noqa: B036  an interrupt ends the iteration too
                tb = strip_runtime_frames(failure.__traceback__)
                status = "interrupted" if isinstance(failure, KeyboardInterrupt) else "error"
                outcome["status"] = status
                error = _iteration_error(failure, tb, filename)
            outcome["durationMs"] = round((time.perf_counter() - started) * 1000, 3)
            ran.append(outcome)
            if status != "ok" or stopped:
                break
            apply_overrides(namespace, request, cell)
            if capture.stop_after and capture.complete():
                stopped = True
                break
    finally:
        public.capture = previous_hook
        _keep_future_flags(script, module, flags)
    capture.read_variables()
    result = {"status": status, "cells": ran, "stopped": stopped, "outputs": capture.to_json()}
    if error is not None:
        result["error"] = error
    return result


def op_iterate(request):
    """One iteration of a sweep: run `cells` with `overrides` in the script's namespace and
    capture `outputs`; with `fork`, in a forked child of this kernel, so the namespace the
    set-up cells left here is the same for every iteration and nothing leaks between them."""
    script = _check_script(request)
    cells = request.get("cells") or []
    for cell in cells:
        if not isinstance(cell.get("source"), str) or int(cell.get("firstLine", 0)) < 1:
            raise RequestError("bad-request", "Each cell needs a source and a firstLine >= 1.")
    _check_overrides(request, script)
    capture = Capture(request.get("outputs") or [], request.get("stopAfterOutputs"))
    filename = script_filename(script)
    namespace, module = namespace_of(script)
    register_source(filename, cells, request.get("lineCount"))

    def work():
        with ScriptContext(filename, request.get("workingDirectory")):
            return _iterate(cells, namespace, filename, script, module, request, capture)

    started = time.perf_counter()
    result = in_forked_child(work) if request.get("fork") else work()
    result["durationMs"] = round((time.perf_counter() - started) * 1000, 3)
    return result


def in_forked_child(work):
    """Run `work()` in a forked child of this process and return its JSON result.

    The child holds everything this kernel holds (the set-up cells' state) and shares nothing
    back: it never touches the kernel's sockets (its printed text is collected and returned,
    displays are dropped), it dies with the kernel (Linux), and it ends with os._exit whatever
    happens. An interrupt of the kernel kills the child."""
    if not hasattr(os, "fork"):
        raise RequestError(
            "unsupported",
            "Fork isolation needs os.fork, which this kernel's platform does not have "
            "(Windows). Sweep with isolation 'kernel' instead.",
        )
    import signal

    flush_streams()
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        _child_main(work, write_end, parent)
    os.close(write_end)
    chunks = []
    try:
        while True:
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        _, status = os.waitpid(pid, 0)
    except BaseException:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
        raise
    finally:
        os.close(read_end)
    if not chunks:
        how = (
            f"killed by signal {os.WTERMSIG(status)}"
            if os.WIFSIGNALED(status)
            else f"exit status {os.waitstatus_to_exitcode(status)}"
        )
        message = f"The forked process of this iteration ended ({how}) before it reported."
        error = {"ename": "ForkedProcessDied", "evalue": message, "line": None}
        error["traceback"] = message
        return {"status": "error", "cells": [], "stopped": False, "outputs": {}, "error": error}
    return json.loads(b"".join(chunks).decode("utf-8"))


class _ChildText(io.TextIOBase):
    """stdout and stderr of a forked iteration: kept (up to a limit), never sent anywhere."""

    def __init__(self):
        self.parts, self.size = [], 0

    def writable(self):
        return True

    def write(self, text):
        if self.size < MAX_ITERATION_TEXT:
            self.parts.append(text[: MAX_ITERATION_TEXT - self.size])
            self.size += len(self.parts[-1])
        return len(text)

    def text(self):
        return "".join(self.parts)


class _NoDisplays:
    """The display publisher of a forked iteration: its displays are dropped."""

    def publish(self, *args, **kwargs):
        pass

    def clear_output(self, *args, **kwargs):
        pass


def _child_main(work, write_end, parent):
    code = 0
    try:
        _die_with_parent(parent)
        text = _ChildText()
        sys.stdout = sys.stderr = text
        shell = _get_ipython()
        if shell is not None:
            shell.display_pub = _NoDisplays()
        try:
            result = work()
        except BaseException as failure:  # noqa: B036  report it; the parent must get an answer
            tb = strip_runtime_frames(failure.__traceback__)
            error = _iteration_error(failure, tb, "<cellscript-runtime>")
            result = {"status": "error", "cells": [], "stopped": False, "outputs": {}}
            result["error"] = error
        result["text"] = text.text()
        data = json.dumps(result, allow_nan=False).encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view) :]
    except BaseException:  # noqa: B036  nothing may escape a forked child
        code = 1
    finally:
        os._exit(code)


def _die_with_parent(parent):
    """Linux: the child gets SIGKILL when the kernel process ends (no orphaned iterations)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)
    except (OSError, AttributeError):
        pass


def op_table(request):
    """Put a sweep's rows into the notebook as `name`: a pandas DataFrame when pandas can be
    imported, else the list of dicts as it came (JSON, never code)."""
    name = request.get("name")
    check_assignable(name, True, "Variable name")
    rows = request.get("rows")
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise RequestError("bad-request", "rows is a list of objects (one per iteration).")
    try:
        import pandas
    except ImportError:
        value, kind = rows, "list"
    else:
        value, kind = pandas.DataFrame(rows), "DataFrame"
    export_namespace()[name] = value
    return {"name": name, "type": kind}


OPERATIONS = {
    "run": op_run,
    "assign": op_assign,
    "export": op_export,
    "eval": op_eval,
    "exec": op_exec,
    "get": op_get,
    "list": op_list,
    "reset": op_reset,
    "info": op_info,
    "history": op_history,
    "iterate": op_iterate,
    "table": op_table,
}

try:  # every kernel the runtime is installed in can import `cellscript`
    provide_public_module()
except Exception:  # noqa: S110  best effort: a sweep asks again and reports a failure
    pass
