"""jupyterlab-cellscript: the prebuilt JupyterLab extension, installed as a Python package.

The extension itself is JavaScript, installed by the wheel in
`share/jupyter/labextensions/jupyterlab-cellscript/`, where JupyterLab finds it. This package
only names it for JupyterLab's tools and carries the version; the module scripts import for
sweeps is the top-level `cellscript` (`from cellscript import Param, Output`).
"""

try:
    from ._version import __version__
except ImportError:
    # The source tree before any wheel build: the version is package.json's, as the build's.
    import json as _json
    import os as _os

    _repository = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))
    with open(_os.path.join(_repository, "package.json"), encoding="utf-8") as _file:
        __version__ = _json.load(_file)["version"]

__all__ = ["__version__"]


def _jupyter_labextension_paths():
    """Where the prebuilt extension is, for `jupyter labextension develop` and JupyterLab's
    extension listing: `labextension/` next to this file, installed as `jupyterlab-cellscript`."""
    return [{"src": "labextension", "dest": "jupyterlab-cellscript"}]
