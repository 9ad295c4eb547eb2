"""The Python package: pyproject.toml, the build hook (hatch_build.py), and the wheel and sdist
that `npm run build:wheel` makes.

The wheel tests build a fresh sdist and wheel in a temporary folder from the prebuilt extension
(`npm run build`'s output); without one they are skipped, saying so. The installed wheel in a
real JupyterLab page is ui-tests/tests/installedWheel.spec.ts.
"""

import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)

import hatch_build  # noqa: E402
from hatch_build import BuildError, check_labextension, npm_range  # noqa: E402

LABEXTENSION = os.path.join(REPO, "jupyterlab_cellscript", "labextension")
SHARE = "share/jupyter/labextensions/jupyterlab-cellscript"
REQUIREMENT = "jupyterlab>=4.6.3,<5"


def package_json():
    with open(os.path.join(REPO, "package.json"), encoding="utf-8") as file:
        return json.load(file)


def pyproject():
    import tomllib

    with open(os.path.join(REPO, "pyproject.toml"), "rb") as file:
        return tomllib.load(file)


# -- metadata -------------------------------------------------------------------------------------


def test_the_version_is_package_jsons():
    import jupyterlab_cellscript

    version = package_json()["version"]
    assert pyproject()["project"]["dynamic"] == ["version"]
    assert pyproject()["tool"]["hatch"]["version"]["expression"] == "package_version()"
    assert hatch_build.package_version() == version
    assert jupyterlab_cellscript.__version__ == version, (
        "jupyterlab_cellscript/_version.py is from an older build: run `npm run build:wheel`"
    )


def test_labextension_paths_name_the_built_folder_and_the_package():
    import jupyterlab_cellscript

    paths = jupyterlab_cellscript._jupyter_labextension_paths()
    assert paths == [{"src": "labextension", "dest": "jupyterlab-cellscript"}]
    assert paths[0]["dest"] == package_json()["name"]
    assert package_json()["jupyterlab"]["outputDir"] == "jupyterlab_cellscript/labextension"


def test_the_jupyterlab_requirement_is_stated_in_pyproject_and_readme():
    project = pyproject()["project"]
    assert project["dependencies"] == [REQUIREMENT]
    assert "Framework :: Jupyter :: JupyterLab :: Extensions :: Prebuilt" in project["classifiers"]
    assert "Framework :: Jupyter :: JupyterLab :: 4" in project["classifiers"]
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as file:
        readme = file.read()
    assert f"`{REQUIREMENT}`" in readme
    assert readme.index("## Install") < readme.index("## Two commands")


def test_install_json_names_this_python_package():
    with open(os.path.join(REPO, "install.json"), encoding="utf-8") as file:
        install = json.load(file)
    assert install["packageManager"] == "python"
    assert install["packageName"] == "jupyterlab_cellscript"


# -- the build hook's checks, on made-up builds ---------------------------------------------------


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("^4.6.3", (4, 6, 3), (5, 0, 0)),
        ("^0.3.1", (0, 3, 1), (0, 4, 0)),
        ("~4.6.3", (4, 6, 3), (4, 7, 0)),
        ("4.6.3", (4, 6, 3), (4, 6, 4)),
        ("^2.3.1-alpha.1", (2, 3, 1), (3, 0, 0)),
    ],
)
def test_npm_ranges(text, low, high):
    assert npm_range(text) == (low, high)


@pytest.mark.parametrize("text", [">=4.0.0", "4.x", "*", "^4.6"])
def test_npm_ranges_it_does_not_know_are_errors(text):
    with pytest.raises(BuildError):
        npm_range(text)


REMOTE_ENTRY = (
    'moduleIdToConsumeDataMapping:{1:{shareScope:"default",shareKey:"@jupyterlab/application",'
    'import:null,requiredVersion:"{app}",strictVersion:!1,singleton:!0,eager:!1},'
    '2:{shareScope:"default",shareKey:"@jupyterlab/apputils",import:null,'
    'requiredVersion:"^4.7.3",strictVersion:!1,singleton:!0},'
    '3:{shareScope:"default",shareKey:"@lumino/widgets",import:null,'
    'requiredVersion:"^2.3.1-alpha.1",singleton:!0}}'
)


def made_up_build(tmp_path, app="^4.6.3", version="0.1.0", pinned="4.6.3", load=True):
    """A folder shaped like the repository with a built extension, for the hook to check."""
    source = {
        "name": "jupyterlab-cellscript",
        "version": "0.1.0",
        "dependencies": {"@jupyterlab/application": pinned, "@jupyterlab/apputils": "4.7.3"},
    }
    (tmp_path / "package.json").write_text(json.dumps(source))
    folder = tmp_path / "jupyterlab_cellscript" / "labextension"
    (folder / "static").mkdir(parents=True)
    (folder / "schemas" / "jupyterlab-cellscript").mkdir(parents=True)
    (folder / "install.json").write_text("{}")
    build = {"load": "static/remoteEntry.abc.js", "extension": "./extension"} if load else {}
    built = {**source, "version": version, "jupyterlab": {"_build": build}}
    (folder / "package.json").write_text(json.dumps(built))
    (folder / "static" / "remoteEntry.abc.js").write_text(REMOTE_ENTRY.replace("{app}", app))
    return str(tmp_path)


def test_the_hook_accepts_a_build_within_the_stated_range(tmp_path):
    summary = check_labextension(made_up_build(tmp_path), [REQUIREMENT])
    assert summary == (
        "static/remoteEntry.abc.js: 2 shared @jupyterlab/* packages, all within " + REQUIREMENT
    )


def test_the_hook_refuses_to_build_without_the_prebuilt_extension(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "jupyterlab-cellscript", "version": "1"}')
    with pytest.raises(BuildError, match=r"missing .*run `npm run build` first"):
        check_labextension(str(tmp_path), [REQUIREMENT])


@pytest.mark.parametrize(
    "build, dependencies, message",
    [
        ({"version": "0.0.9"}, [REQUIREMENT], "built from version 0.0.9 but package.json is at"),
        ({"load": False}, [REQUIREMENT], "no jupyterlab._build.load"),
        # The cell executor token exists since 4.2, but this build asks for 4.6.3's packages.
        (
            {},
            ["jupyterlab>=4.2,<5"],
            r"requires \^4.6.3, i.e. JupyterLab >=4.6.3,<5.0.0, but pyproject.toml states "
            r"jupyterlab>=4.2.0,<5",
        ),
        ({}, ["jupyterlab>=4.6.3,<6"], "states jupyterlab>=4.6.3,<6"),
        ({}, ["jupyterlab>=4.6.3"], "state both bounds"),
        ({}, ["jupyter_server"], "do not name jupyterlab"),
        ({"app": "~4.6.3"}, [REQUIREMENT], r"requires ~4.6.3, narrower than a major version"),
        ({"pinned": "4.5.0"}, [REQUIREMENT], r"requires \^4.6.3 but package.json has 4.5.0"),
    ],
)
def test_the_hook_refuses_a_build_that_disagrees(tmp_path, build, dependencies, message):
    root = made_up_build(tmp_path, **build)
    with pytest.raises(BuildError, match=message):
        check_labextension(root, dependencies)


def test_the_hook_fails_when_it_cannot_read_the_remote_entry(tmp_path):
    root = made_up_build(tmp_path)
    entry = tmp_path / "jupyterlab_cellscript" / "labextension" / "static" / "remoteEntry.abc.js"
    entry.write_text("something else entirely")
    with pytest.raises(BuildError, match="shares no @jupyterlab/application"):
        check_labextension(root, [REQUIREMENT])


# -- the real build -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A sdist and a wheel built from it by scripts/build-wheel.sh, and a wheel built straight
    from the source tree, from the current `npm run build` output."""
    if not os.path.isfile(os.path.join(LABEXTENSION, "package.json")):
        pytest.skip("the extension is not built (no jupyterlab_cellscript/labextension): "
                    "run `npm run build`")
    out = tmp_path_factory.mktemp("dist")
    script = os.path.join(REPO, "scripts", "build-wheel.sh")
    subprocess.run(
        ["bash", script, "--skip-npm-build", "--outdir", str(out)],
        check=True, capture_output=True, text=True,
    )
    direct = tmp_path_factory.mktemp("direct")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--skip-dependency-check", "--wheel",
         "--outdir", str(direct), REPO],
        check=True, capture_output=True, text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    [wheel] = out.glob("jupyterlab_cellscript-*.whl")
    [sdist] = out.glob("jupyterlab_cellscript-*.tar.gz")
    [direct_wheel] = direct.glob("*.whl")
    return {"wheel": wheel, "sdist": sdist, "direct_wheel": direct_wheel}


def names(wheel):
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_holds_the_prebuilt_extension_and_the_modules(built):
    version = package_json()["version"]
    data = f"jupyterlab_cellscript-{version}.data/data/{SHARE}"
    files = names(built["wheel"])
    assert built["wheel"].name == f"jupyterlab_cellscript-{version}-py3-none-any.whl"
    for expected in [
        "cellscript.py",
        "jupyterlab_cellscript/__init__.py",
        "jupyterlab_cellscript/_version.py",
        f"{data}/package.json",
        f"{data}/install.json",
    ]:
        assert expected in files
    assert [f for f in files if re.fullmatch(rf"{re.escape(data)}/static/remoteEntry\.\w+\.js", f)]
    schema = rf"{re.escape(data)}/schemas/jupyterlab-cellscript/[\w-]+\.json"
    schemas = {os.path.basename(f) for f in files if re.fullmatch(schema, f)}
    assert schemas == set(os.listdir(os.path.join(REPO, "schema")))


def test_the_wheel_carries_nothing_else(built):
    version = package_json()["version"]
    data = f"jupyterlab_cellscript-{version}.data/data/{SHARE}/"
    info = f"jupyterlab_cellscript-{version}.dist-info/"
    for name in names(built["wheel"]):
        assert not re.search(r"node_modules|\.tsx?$|(^|/)tests?/|__pycache__|\.pyc$", name), name
        modules = {
            "cellscript.py", "jupyterlab_cellscript/__init__.py", "jupyterlab_cellscript/_version.py"
        }
        assert name in modules or name.startswith(data) or name.startswith(info), name


def test_the_wheel_carries_this_build_and_cellscript_py_byte_for_byte(built):
    version = package_json()["version"]
    data = f"jupyterlab_cellscript-{version}.data/data/{SHARE}"
    with zipfile.ZipFile(built["wheel"]) as archive:
        for root, _, files in os.walk(LABEXTENSION):
            for file in files:
                path = os.path.join(root, file)
                relative = os.path.relpath(path, LABEXTENSION).replace(os.sep, "/")
                with open(path, "rb") as source:
                    assert archive.read(f"{data}/{relative}") == source.read(), relative
        with open(os.path.join(REPO, "src", "kernel", "cellscript.py"), "rb") as source:
            assert archive.read("cellscript.py") == source.read()


def test_the_wheel_metadata(built):
    version = package_json()["version"]
    with zipfile.ZipFile(built["wheel"]) as archive:
        metadata = archive.read(f"jupyterlab_cellscript-{version}.dist-info/METADATA").decode()
    assert f"\nVersion: {version}\n" in metadata
    assert re.search(r"\nRequires-Dist: jupyterlab<5,>=4\.6\.3\n", metadata)
    assert "\nClassifier: Framework :: Jupyter :: JupyterLab :: Extensions :: Prebuilt\n" in (
        metadata
    )
    assert "\nLicense-File: LICENSE\n" in metadata


def test_the_sdist_builds_the_same_wheel_as_the_source_tree(built):
    with zipfile.ZipFile(built["wheel"]) as from_sdist, \
            zipfile.ZipFile(built["direct_wheel"]) as direct:
        record = [n for n in from_sdist.namelist() if n.endswith(".dist-info/RECORD")][0]
        assert from_sdist.read(record) == direct.read(record)
    with tarfile.open(built["sdist"]) as sdist:
        members = {m.name.split("/", 1)[1] for m in sdist.getmembers() if "/" in m.name}
    for needed in ["pyproject.toml", "hatch_build.py", "package.json", "LICENSE", "README.md",
                   "install.json", "src/kernel/cellscript.py", "jupyterlab_cellscript/__init__.py",
                   "jupyterlab_cellscript/labextension/package.json"]:
        assert needed in members
    assert not [m for m in members if re.match(r"(node_modules|tests|ui-tests|lib)/", m)]
