"""Parameters and outputs of a script driven by jupyterlab-cellscript.

    from cellscript import Param, Output

    lr = Param(0.1, name="learning_rate", help="step size")
    ...
    Output(loss, name="loss")

Transparent when the script runs on its own (`python train.py`): `Param` returns its default and
`Output` returns its value. The JupyterLab extension reads `Param(...)` declarations from the
script's text to list its parameters, and assigns a value the user sets right after the cell
that declares it. In a sweep, the kernel runtime installs a capture hook: `Output` hands each
value to it, and the sweep may end an iteration once every requested output is captured.

This one file is both the module the wheel installs and the one the kernel runtime provides
in a kernel where it is not installed (scripts/embed-runtime.js embeds it).
"""

__all__ = ["Param", "Output", "REQUIRED"]


class _Required:
    """The value of a `Param()` declared without a default and given none."""

    __slots__ = ()

    def __repr__(self):
        return "<required parameter: set it from the notebook or a sweep>"

    def __bool__(self):
        return False


REQUIRED = _Required()

# Set by the kernel runtime while a sweep iteration runs: a callable (name, value). It may raise
# to end the iteration once the last requested output is captured.
capture = None


def Param(default=REQUIRED, *, name=None, help=None, description=None):  # noqa: A002
    """Declare a parameter; returns `default` (REQUIRED when there is none).

    `name` is the key a notebook or a sweep sets (default: the variable assigned); `help`
    (or `description`) is shown in the parameters form. Arguments must be literals for the
    extension to read them without running the script.
    """
    return default


def Output(value, name):
    """Declare an output of the script: returns `value`, and in a sweep captures it as `name`."""
    if not isinstance(name, str) or not name:
        raise TypeError("Output(value, name) needs a name: a non-empty string, e.g. name='loss'.")
    hook = capture
    if hook is not None:
        hook(name, value)
    return value
