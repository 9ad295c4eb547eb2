"""Build hook and version source of the `jupyterlab-cellscript` wheel (hatchling).

The wheel carries the prebuilt extension that `npm run build` writes to
`jupyterlab_cellscript/labextension/`; hatchling copies it to
`share/jupyter/labextensions/jupyterlab-cellscript/` (pyproject.toml's `shared-data`). There is no
PyPI here, so neither hatch-jupyter-builder nor hatch-nodejs-version: this file does their part.

- `package_version()` is the version source (`[tool.hatch.version]`): package.json's version, so
  the npm package, the built extension and the wheel never disagree.
- `CellScriptBuildHook` runs before every sdist and wheel build. It refuses to build without the
  prebuilt extension, or with one built from another package.json, and checks that what the built
  extension asks of JupyterLab (the `requiredVersion` of each shared `@jupyterlab/*` package in its
  remoteEntry) agrees with the `jupyterlab` requirement stated in pyproject.toml.
"""

import json
import os
import re

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

HERE = os.path.dirname(os.path.abspath(__file__))
LABEXTENSION = os.path.join("jupyterlab_cellscript", "labextension")
# The package whose version is JupyterLab's own version (JupyterLab 4.6.3 ships
# @jupyterlab/application 4.6.3; apputils, coreutils and services are numbered apart).
APPLICATION_PACKAGE = "@jupyterlab/application"


def package_version(root=HERE):
    """The version in package.json (the one version of this project)."""
    with open(os.path.join(root, "package.json"), encoding="utf-8") as file:
        return json.load(file)["version"]


class BuildError(Exception):
    """The wheel cannot be built as things are; the message says what to do."""


def parse_version(text):
    """`4.6.3` (an optional `-pre` part is ignored) -> (4, 6, 3)."""
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?", text.strip())
    if not match:
        raise BuildError(f"{text!r} is not a version of the form X.Y.Z.")
    return tuple(int(part) for part in match.groups())


def npm_range(text):
    """The versions an npm range admits, as (lowest, first excluded): `^4.6.3` -> ((4, 6, 3),
    (5, 0, 0)); `~4.6.3` -> ((4, 6, 3), (4, 7, 0)); `4.6.3` -> ((4, 6, 3), (4, 6, 4)).

    Only the forms the builder writes and package.json uses are understood; any other form is an
    error rather than a guess.
    """
    text = text.strip()
    if text.startswith("^"):
        low = parse_version(text[1:])
        if low[0] > 0:
            high = (low[0] + 1, 0, 0)
        elif low[1] > 0:
            high = (0, low[1] + 1, 0)
        else:
            high = (0, 0, low[2] + 1)
        return low, high
    if text.startswith("~"):
        low = parse_version(text[1:])
        return low, (low[0], low[1] + 1, 0)
    low = parse_version(text)
    return low, (low[0], low[1], low[2] + 1)


def dotted(version):
    return ".".join(str(part) for part in version)


def shared_requirements(remote_entry_text):
    """{package: requiredVersion} of the shared modules a remoteEntry consumes.

    The module federation runtime lists each as
    `shareKey:"<package>", ..., requiredVersion:"<range>"`.
    """
    found = {}
    pattern = r'shareKey:\s*"([^"]+)"[^{}]*?requiredVersion:\s*"([^"]*)"'
    for package, required in re.findall(pattern, remote_entry_text):
        found.setdefault(package, set()).add(required)
    return found


def jupyterlab_bounds(dependencies):
    """(lowest, first excluded) JupyterLab version of the `jupyterlab` requirement in
    pyproject.toml's dependencies, which must be of the form `jupyterlab>=A.B.C,<D`."""
    from packaging.requirements import Requirement

    for dependency in dependencies:
        requirement = Requirement(dependency)
        if requirement.name.lower() != "jupyterlab":
            continue
        low = high = None
        for spec in requirement.specifier:
            parts = [int(part) for part in re.findall(r"\d+", spec.version)[:3]]
            version = tuple(parts + [0] * (3 - len(parts)))
            if spec.operator == ">=":
                low = version
            elif spec.operator == "<":
                high = version
        if low is None or high is None:
            raise BuildError(
                f"pyproject.toml requires {dependency!r}: state both bounds, "
                "as `jupyterlab>=4.x.y,<5`."
            )
        return low, high
    raise BuildError("pyproject.toml's dependencies do not name jupyterlab.")


def check_labextension(root, dependencies):
    """Check the prebuilt extension under `root`; return a one-line summary, or raise BuildError."""
    folder = os.path.join(root, LABEXTENSION)
    built_json = os.path.join(folder, "package.json")
    if not os.path.isfile(built_json):
        raise BuildError(
            f"The prebuilt JupyterLab extension is missing ({LABEXTENSION}/package.json): "
            "run `npm run build` first, or `npm run build:wheel`, which builds it and then "
            "the wheel."
        )
    with open(built_json, encoding="utf-8") as file:
        built = json.load(file)
    with open(os.path.join(root, "package.json"), encoding="utf-8") as file:
        source = json.load(file)

    if built.get("version") != source["version"]:
        raise BuildError(
            f"{LABEXTENSION} was built from version {built.get('version')} but package.json is at "
            f"{source['version']}: run `npm run build` again."
        )
    load = (built.get("jupyterlab") or {}).get("_build", {}).get("load")
    if not load:
        raise BuildError(
            f"{LABEXTENSION}/package.json has no jupyterlab._build.load: it is not the output of "
            "the extension builder. Run `npm run clean && npm run build`."
        )
    for required in (load, "install.json", os.path.join("schemas", source["name"])):
        if not os.path.exists(os.path.join(folder, required)):
            raise BuildError(
                f"{LABEXTENSION}/{required} is missing: run `npm run build` again."
            )
    with open(os.path.join(folder, load), encoding="utf-8") as file:
        shared = shared_requirements(file.read())
    # Ranges the extension's package.json may also state (`jupyterlab.sharedPackages`).
    for package, options in (built["jupyterlab"].get("sharedPackages") or {}).items():
        if isinstance(options, dict) and options.get("requiredVersion"):
            shared.setdefault(package, set()).add(options["requiredVersion"])

    low, high = jupyterlab_bounds(dependencies)
    stated = f"jupyterlab>={dotted(low)},<{dotted(high).removesuffix('.0.0')}"
    ours = source.get("dependencies", {})

    if APPLICATION_PACKAGE not in shared:
        raise BuildError(
            f"The built extension ({LABEXTENSION}/{load}) shares no {APPLICATION_PACKAGE}: either "
            "the builder's output changed form or the build is broken. Run `npm run build` again."
        )
    problems = []
    for package in sorted(shared):
        if not package.startswith("@jupyterlab/"):
            continue
        for required in sorted(shared[package]):
            required_low, required_high = npm_range(required)
            pinned = ours.get(package)
            if pinned is not None:
                pinned_low, _ = npm_range(pinned)
                if not required_low <= pinned_low < required_high:
                    problems.append(
                        f"{package}: the build requires {required} but package.json has {pinned}"
                    )
            if package == APPLICATION_PACKAGE and (required_low, required_high) != (low, high):
                # @jupyterlab/application is numbered as JupyterLab is: its range is JupyterLab's.
                problems.append(
                    f"{package}: the build requires {required}, i.e. JupyterLab "
                    f">={dotted(required_low)},<{dotted(required_high)}, but pyproject.toml "
                    f"states {stated}"
                )
            if required_high[0] != required_low[0] + 1 or required_high[1:] != (0, 0):
                problems.append(
                    f"{package}: the build requires {required}, narrower than a major version "
                    f"({stated} promises every JupyterLab {low[0]}.x from {dotted(low)})"
                )
    pinned_application = ours.get(APPLICATION_PACKAGE)
    if pinned_application and npm_range(pinned_application)[0] != low:
        problems.append(
            f"package.json builds against {APPLICATION_PACKAGE} {pinned_application}, "
            f"but pyproject.toml states {stated}"
        )
    if problems:
        raise BuildError(
            "The built extension and the JupyterLab versions this package claims to support "
            "disagree:\n  - " + "\n  - ".join(problems) + "\nChange pyproject.toml's "
            "`jupyterlab` requirement (and the README) or package.json's @jupyterlab/* "
            "dependencies, then run `npm run build` again."
        )
    count = sum(1 for package in shared if package.startswith("@jupyterlab/"))
    return f"{load}: {count} shared @jupyterlab/* packages, all within {stated}"


class CellScriptBuildHook(BuildHookInterface):
    """Refuses to build a wheel or sdist without a prebuilt extension matching pyproject.toml."""

    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        try:
            summary = check_labextension(self.root, self.metadata.core.dependencies)
        except BuildError as error:
            raise SystemExit(f"\nerror: cannot build jupyterlab-cellscript: {error}\n") from None
        self.app.display_info(f"jupyterlab-cellscript: {summary}")
