"""Serve the JupyterLab host application (ui-tests/host/build) with jupyterlab-cellscript.

There is no PyPI here, so no `jupyterlab` Python package: this is the part of it we need. It is a
`jupyterlab_server.LabServerApp` (Debian's jupyterlab_server 2.16 on jupyter_server 1.23) that
serves the bundle built by `ui-tests/host/build.mjs`, its settings schemas and themes, and the
prebuilt extension as a *federated* extension (from a labextensions folder, the way a
pip-installed extension is served), plus small handlers for the two endpoints JupyterLab 4.6
calls that jupyter_server 1.x lacks.

Run it as a script (it is not installed anywhere)::

    /usr/bin/python3 ui-tests/host/server/cellscript_host.py --run-dir=DIR \\
        --ServerApp.port=8890 --ServerApp.token=TOKEN --ServerApp.root_dir=EXAMPLES

Per-run state (user settings, workspaces, the labextensions folder) lives under ``--run-dir``.

``--link-extension=False`` (``CellScriptHostApp.link_extension``) serves the extension only if
it is installed, as JupyterLab finds installed extensions: in ``share/jupyter/labextensions`` of
the Jupyter data path (``jupyter --paths``) of the Python that runs this script, e.g. a venv the
wheel was installed into.
"""

import getpass
import json
import os
import sys

from jupyter_core.paths import jupyter_path
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyterlab_server import LabServerApp
from tornado import web
from tornado.websocket import WebSocketHandler
from traitlets import Bool, Unicode, default

HOST_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO_DIR = os.path.dirname(os.path.dirname(HOST_DIR))
EXTENSION_NAME = "jupyterlab-cellscript"

# TCP_NODELAY on kernel websockets lives in the repo's devserver/ (shared with the integration
# tests): import it from there rather than keeping a second copy.
sys.path.insert(0, os.path.join(REPO_DIR, "devserver"))
from nodelay import enable_nodelay  # noqa: E402


class MeHandler(APIHandler):
    """`GET /api/me` (jupyter_server 2.x has it): the user's identity and permissions.

    One local user who may do everything: every permission asked for is granted, as the default
    authorizer of jupyter_server 2 does.
    """

    @web.authenticated
    def get(self):
        try:
            requested = json.loads(self.get_argument("permissions", "{}"))
        except ValueError as error:
            raise web.HTTPError(400, f"permissions is not JSON: {error}") from error
        if not isinstance(requested, dict):
            raise web.HTTPError(400, "permissions must be a JSON object")
        username = getpass.getuser()
        self.finish(
            json.dumps(
                {
                    "identity": {
                        "username": username,
                        "name": username,
                        "display_name": username,
                        "initials": username[:2].upper(),
                        "avatar_url": None,
                        "color": None,
                    },
                    "permissions": {
                        resource: list(actions) for resource, actions in requested.items()
                    },
                }
            )
        )


class QuietEventsHandler(WebSocketHandler, JupyterHandler):
    """`/api/events/subscribe` (jupyter_server 2.x has it): a websocket that accepts and stays quiet.

    JupyterLab's EventManager subscribes at start; a 404 there is an error in the console. This
    server emits no events, so there is nothing to send.
    """

    async def get(self, *args, **kwargs):
        # Authenticate before the upgrade, as jupyter_server's own websockets do.
        if self.get_current_user() is None:
            raise web.HTTPError(403)
        return await super().get(*args, **kwargs)

    def check_origin(self, origin):
        return JupyterHandler.check_origin(self, origin)

    def on_message(self, message):
        """Clients do not send anything meaningful here; ignore it."""


class CellScriptHostApp(LabServerApp):
    """JupyterLab 4.6.3 (the host build) with the prebuilt jupyterlab-cellscript extension."""

    name = "cellscript_host"
    app_name = "JupyterLab"
    app_version = "4.6.3"
    load_other_extensions = False

    aliases = {
        "run-dir": "CellScriptHostApp.run_dir",
        "extension-dir": "CellScriptHostApp.extension_dir",
        "link-extension": "CellScriptHostApp.link_extension",
    }

    run_dir = Unicode(
        help="Directory for this run's user settings, workspaces and labextensions folder."
    ).tag(config=True)

    extension_dir = Unicode(
        os.path.join(REPO_DIR, "jupyterlab_cellscript", "labextension"),
        help="The prebuilt extension (`npm run build` output) served as a federated extension.",
    ).tag(config=True)

    link_extension = Bool(
        True,
        help="Link extension_dir into this run's labextensions folder (the default: what "
        "`npm run build` made). False: look for installed extensions as JupyterLab does, in "
        "the labextensions folders of the Jupyter data path (a pip-installed wheel's).",
    ).tag(config=True)

    build_dir = Unicode(
        os.path.join(HOST_DIR, "build"), help="Output of ui-tests/host/build.mjs."
    ).tag(config=True)

    @default("run_dir")
    def _default_run_dir(self):
        return os.path.join(HOST_DIR, "..", ".jupyter-run", "server")

    @default("static_dir")
    def _default_static_dir(self):
        return os.path.join(self.build_dir, "static")

    @default("templates_dir")
    def _default_templates_dir(self):
        return os.path.join(self.build_dir, "templates")

    @default("schemas_dir")
    def _default_schemas_dir(self):
        return os.path.join(self.build_dir, "schemas")

    @default("themes_dir")
    def _default_themes_dir(self):
        return os.path.join(self.build_dir, "themes")

    @default("app_settings_dir")
    def _default_app_settings_dir(self):
        return os.path.join(HOST_DIR, "app-settings")

    @default("user_settings_dir")
    def _default_user_settings_dir(self):
        return os.path.join(self.run_dir, "user-settings")

    @default("workspaces_dir")
    def _default_workspaces_dir(self):
        return os.path.join(self.run_dir, "workspaces")

    @default("labextensions_path")
    def _default_labextensions_path(self):
        if not self.link_extension:
            return jupyter_path("labextensions")
        return [os.path.join(self.run_dir, "labextensions")]

    def _check_build(self):
        template = os.path.join(self.templates_dir, "index.html")
        if not os.path.isfile(template):
            sys.exit(
                f"error: the JupyterLab host is not built ({template} is missing): "
                "run `npm run build --prefix ui-tests`."
            )
        extension_package = os.path.join(self.extension_dir, "package.json")
        if self.link_extension and not os.path.isfile(extension_package):
            sys.exit(
                f"error: the extension is not built ({extension_package} is missing): "
                "run `npm run build` at the repository root."
            )

    def _link_extension(self):
        """Put the extension in this run's labextensions folder under its package name.

        jupyterlab_server finds federated extensions as `<folder>/<package name>/package.json`
        and serves their files from there; the build output folder has another name, so link it.
        """
        folder = self.labextensions_path[0]
        os.makedirs(folder, exist_ok=True)
        link = os.path.join(folder, EXTENSION_NAME)
        target = os.path.abspath(self.extension_dir)
        if os.path.islink(link) and os.readlink(link) == target:
            return
        if os.path.islink(link) or os.path.exists(link):
            os.remove(link)
        os.symlink(target, link)

    def initialize_settings(self):
        self._check_build()
        for folder in (self.user_settings_dir, self.workspaces_dir):
            os.makedirs(folder, exist_ok=True)
        if self.link_extension:
            self._link_extension()
        enable_nodelay()
        page_config = self.settings.setdefault("page_config_data", {})
        page_config.update(
            {
                "token": self.serverapp.token,
                "exposeAppInBrowser": True,
                "buildAvailable": False,
                "buildCheck": False,
                "devMode": False,
                "quitButton": self.serverapp.quit_button,
                "notebookStartsKernel": True,
            }
        )
        super().initialize_settings()

    def initialize_handlers(self):
        super().initialize_handlers()
        # After LabServerApp's handlers, but before its /lab/.* fallthrough is irrelevant: these
        # are outside /lab.
        self.handlers.extend(
            [
                (r"/api/me", MeHandler),
                (r"/api/events/subscribe", QuietEventsHandler),
            ]
        )


def _jupyter_server_extension_points():
    return [{"module": "cellscript_host", "app": CellScriptHostApp}]


def main():
    """Start the server (command-line arguments as for jupyter_server, plus --run-dir)."""
    CellScriptHostApp.launch_instance()


if __name__ == "__main__":
    # Re-import under the module's real name: jupyter_server finds an extension app by
    # `cls.__module__`, which is `__main__` for the copy that runs this block.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import cellscript_host

    cellscript_host.main()
