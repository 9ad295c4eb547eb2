"""Kernel runtime of jupyterlab-cellscript: runs cells of a `# %%` script inside an IPython kernel.

This file is the one copy of the runtime. The extension embeds it at build time
(scripts/embed-runtime.js) and installs it into a kernel under a private name in `sys.modules`,
so nothing appears in the notebook's namespace. Every request travels as JSON in the execute
request's metadata (`metadata.cellscript`), read through `kernel.get_parent()`: the code the
frontend sends is a constant, no name, value or source is ever spliced into it. Every answer is
published as a display_data with the MIME type `application/vnd.cellscript.reply+json`:

- events while a run goes on: {"kind": "event", "event": "cell-start", "index", "name",
  "line", "previous": outcome of the cell before} for every cell but the first (which starts
  with the request); the last cell's outcome is in the reply;
- exactly one reply at the end: {"kind": "reply", "ok": true, "result": ...} or
  {"kind": "reply", "ok": false, "error": {"kind": ..., "message": ...}}.

User-visible output (prints, displays, tracebacks) goes through IPython as usual, so it renders
as in a notebook cell. Tests import this file by path (tests/python/test_runtime.py).
"""

import ast
import functools
import io
import json
import keyword
import linecache
import math
import os
import reprlib
import sys
import textwrap
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

# The frontend's constant entry code calls `entry()` of the installed runtime; when there is
# none it runs this bootstrap, sent along in the request metadata, in a throw-away globals
# dict (so it defines nothing in the user's namespace): it installs the runtime from the
# metadata when missing or outdated and hands the request to `handle`.
# scripts/embed-runtime.js extracts it from between the triple quotes below.
BOOTSTRAP_SOURCE = r'''
def _cellscript_bootstrap():
    import sys
    import types
    from IPython import get_ipython
    from IPython.display import publish_display_data

    def reply_error(kind, message):
        publish_display_data({"application/vnd.cellscript.reply+json": {
            "kind": "reply", "ok": False, "error": {"kind": kind, "message": message}}})

    kernel = getattr(get_ipython(), "kernel", None)
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
        reply_error("not-installed", "The cellscript runtime is not installed in this kernel.")
        return
    runtime.handle(payload["request"])


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
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise RequestError("unsupported-kernel", "cellscript must run inside IPython.")
    return shell


def publish(message):
    """Send one JSON message to the frontend as display_data on the private MIME type.

    In ipykernel the message goes straight to the IOPub socket after flushing stdout/stderr
    (so it stays in order with prints): IPython's publish_display_data would also clean,
    validate and pass it through output-capture hooks, which costs ~0.4 ms per message and
    could hand the reply to an ipywidgets Output widget instead of the frontend.
    """
    pub = getattr(_shell(), "display_pub", None)
    session, socket = getattr(pub, "session", None), getattr(pub, "pub_socket", None)
    if session is None or socket is None or not hasattr(pub, "_flush_streams"):
        from IPython.display import publish_display_data

        publish_display_data({MIME: message})
        return
    if _streams_pending():
        pub._flush_streams()
    content = {"data": {MIME: message}, "metadata": {}, "transient": {}}
    session.send(socket, "display_data", content, parent=pub.parent_header, ident=pub.topic)


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


def publish_event(event, **fields):
    publish({"kind": "event", "event": event, **fields})


def _state():
    """State kept across re-installs of the runtime: a plain module in sys.modules."""
    state = sys.modules.get(STATE_MODULE)
    if state is None:
        state = types.ModuleType(STATE_MODULE)
        state.future_flags = {}
        state.counter = 0
        sys.modules[STATE_MODULE] = state
    return state


def entry():
    """Fast path of the constant entry code when this runtime is installed: read the request
    from the parent message's metadata and handle it; on a version mismatch run the bootstrap,
    which re-installs from the payload (or answers 'not-installed')."""
    kernel = getattr(_shell(), "kernel", None)
    get_parent = getattr(kernel, "get_parent", None)
    payload = ((get_parent() if get_parent else {}).get("metadata") or {}).get("cellscript")
    if isinstance(payload, dict) and payload.get("version") == VERSION:
        handle(payload.get("request"))
    else:
        exec((payload or {}).get("bootstrap") or BOOTSTRAP_SOURCE, {})


def handle(request):
    """Handle one request and publish its reply. Never raises."""
    op = request.get("op") if isinstance(request, dict) else None
    try:
        handler = OPERATIONS.get(op)
        if handler is None:
            raise RequestError("bad-request", f"Unknown cellscript operation {op!r}.")
        reply = {"kind": "reply", "op": op, "ok": True, "result": handler(request)}
    except RequestError as error:
        reply = {"kind": "reply", "op": op, "ok": False, "error": error.to_json()}
    except KeyboardInterrupt:
        error = {"kind": "interrupted", "message": "Interrupted by the user."}
        reply = {"kind": "reply", "op": op, "ok": False, "error": error}
    except Exception:  # a bug in the runtime: say so, with its own traceback
        reply = _internal_error(op)
    try:
        publish(reply)
    except Exception:  # e.g. a reply that cannot be serialized: still answer
        publish(_internal_error(op))


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
    """The script's absolute path as this kernel sees it (relative paths: kernel's cwd)."""
    return os.path.abspath(os.path.normpath(script["file"]))


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
    Padding with newlines (not ast.increment_lineno) makes SyntaxError line numbers right too.
    """
    padded = "\n" * (max(int(first_line), 1) - 1) + source
    if not split_last_expression:
        body = compile(padded, filename, "exec", flags, dont_inherit=True)
        return body, None, flags | (body.co_flags & _FUTURE_MASK)
    tree = compile(padded, filename, "exec", flags | ast.PyCF_ONLY_AST, dont_inherit=True)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not ends_with_semicolon(source):
        expression = ast.Expression(tree.body.pop().value)
        last = compile(expression, filename, "eval", flags, dont_inherit=True)
    body = compile(tree, filename, "exec", flags, dont_inherit=True)
    return body, last, flags | (body.co_flags & _FUTURE_MASK)


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


def run_one_cell(namespace, filename, cell, flags, show_last_value):
    """Run one cell; returns (outcome dict, future flags). Shows any error as IPython does."""
    try:
        body, last, flags = compile_cell(
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
    filename = script_filename(script)
    if request.get("expect"):
        check_source(filename, request["expect"])
    namespace, module = namespace_of(script)
    register_source(filename, cells, request.get("lineCount"))
    status, ran = "ok", []
    try:
        status = _run_cells(cells, namespace, filename, script, module, request, ran)
    except KeyboardInterrupt:  # between cells: those that ran are complete
        status = "interrupted"
    result = {"status": status, "cells": ran, "namespace": _namespace_info(script, module)}
    if status == "ok" and exports:
        result["exports"] = apply_exports(namespace, exports)
    return result


def _run_cells(cells, namespace, filename, script, module, request, ran):
    """Run cells in order, appending each outcome to `ran`; returns the run's status."""
    verbose = bool(request.get("verbose"))
    show_last_value = bool(request.get("showLastValue"))
    shell = _shell()
    flags = _future_flags(script, module)
    status = "ok"
    for position, cell in enumerate(cells):
        # One message per cell boundary, so a one-cell run costs a single message (the reply):
        # the first cell starts when the request does (the frontend sees the kernel go busy),
        # each later start carries the end of the cell before, the reply the last cell's end.
        if ran:
            publish_event(
                "cell-start",
                index=cell.get("index"),
                name=cell.get("name"),
                line=cell["firstLine"],
                previous=ran[-1],
            )
        if verbose:
            print(("\n" if position else "") + verbose_summary(cell["source"]), flush=True)
        started = time.perf_counter()
        outcome, flags = run_one_cell(namespace, filename, cell, flags, show_last_value)
        # A notebook flushes inline matplotlib figures (post_execute) after each cell: do the
        # same so a figure belongs to the cell that drew it.
        shell.events.trigger("post_execute")
        outcome["durationMs"] = round((time.perf_counter() - started) * 1000, 3)
        outcome["index"] = cell.get("index")
        ran.append(outcome)
        _keep_future_flags(script, module, flags)
        if outcome["status"] != "ok":
            status = outcome["status"]
            break
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
    if not isinstance(spec, dict):
        raise RequestError("bad-request", "An export is {target, source}.")
    check_identifier(spec.get("source"), "Export source")
    check_identifier(spec.get("target"), "Export target")
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
    for name in values:
        check_identifier(name, "Variable name")
    namespace, _ = namespace_of(script)
    namespace.update(values)
    return {"assigned": list(values)}


def _next_pseudo_filename(kind):
    state = _state()
    state.counter += 1
    return f"<cellscript-{kind}-{state.counter}>"


def _run_snippet(script, source, mode):
    """Compile and run user text (eval/exec) with a linecache entry for its tracebacks."""
    namespace, _ = namespace_of(script)
    filename = _next_pseudo_filename(mode)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        code = compile(source, filename, mode, dont_inherit=True)
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
    value = _run_snippet(script, "(" + textwrap.dedent(expression).strip() + "\n)", "eval")
    return describe_value(value)


def op_exec(request):
    """Run statements; the text is dedented first so an indented block works."""
    script = _check_script(request)
    source = request.get("source")
    if not isinstance(source, str):
        raise RequestError("bad-request", "exec needs source text.")
    _run_snippet(script, textwrap.dedent(source).strip("\n") + "\n", "exec")
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
}
