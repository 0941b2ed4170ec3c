"""gonsim's JupyterLab: jupyterlab_server's LabServerApp serving lab/build.

Debian ships the server side of JupyterLab (python3-jupyter-server,
python3-jupyterlab-server) but not JupyterLab itself; lab/build is the
JupyterLab frontend built from its npm packages (build_lab in tests/e2e/lib.sh;
the README tells how to open notebooks in it). Run it
with lab/run, or directly:

    /usr/bin/python3 lab/gonsim_lab.py --ServerApp.root_dir=notebooks

Every ServerApp option works (--ServerApp.port, --ServerApp.token, ...).
User settings and workspaces live under Jupyter's config dir
(JUPYTER_CONFIG_DIR), in gonsim-lab/, never in the build.
"""

import json
import os
import sys

from jupyter_core.paths import jupyter_config_dir
from jupyterlab_server import LabServerApp

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")

with open(os.path.join(HERE, "package.json")) as f:
    VERSION = json.load(f)["version"]


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": GonsimLab}]


def _user_dir(name):
    return os.path.join(jupyter_config_dir(), "gonsim-lab", name)


class GonsimLab(LabServerApp):
    """JupyterLab for gonsim notebooks, at /lab."""

    name = "gonsim_lab"
    app_name = "JupyterLab (gonsim)"
    app_version = VERSION
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(HERE, "settings")
    user_settings_dir = _user_dir("user-settings")
    workspaces_dir = _user_dir("workspaces")

    def initialize_settings(self):
        super().initialize_settings()
        # No terminal extension is built in.
        self.serverapp.web_app.settings["terminals_available"] = False


def main():
    if not os.path.isfile(os.path.join(BUILD, "bundle.js")):
        sys.exit(f"{BUILD}/bundle.js is missing: build it with ./install.sh")
    GonsimLab.launch_instance()


if __name__ == "__main__":
    main()
