# JupyterHub configuration of a gonsim classroom on one machine.
#
# classroom/run starts `jupyterhub -f` this file with the GONSIM_CLASS_*
# variables below set; it is not meant to be started by hand. Every student
# logs in with any name and the class password, gets a Jupyter Notebook
# server of their own (a process of the Hub's user, no system account) with
# a copy of the course notebooks and the gonsim kernel.
#
# This is the trusted-classroom setup (one machine, students who share an
# account): the Hub's tokens keep students out of each other's servers and
# kernels, but the processes run as one Unix user. The README's
# "Classroom on JupyterHub" section describes a real deployment.

import os
import shutil

from jupyterhub.spawner import SimpleLocalProcessSpawner

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)


def env(name):
    """The value of GONSIM_CLASS_<name>, which classroom/run must set."""
    value = os.environ.get("GONSIM_CLASS_" + name)
    if not value:
        raise SystemExit(f"jupyterhub_config.py: GONSIM_CLASS_{name} is not set (start the Hub with classroom/run)")
    return value


state = env("DIR")
notebooks = env("NOTEBOOKS")

# Everything listens on the loopback interface unless the teacher asks for
# another address (--ip): the public port, the proxy's REST API and the Hub.
c.JupyterHub.ip = env("IP")
c.JupyterHub.port = int(env("PORT"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("HUB_PORT"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('PROXY_API_PORT')}"
# Debian's node-configurable-http-proxy does not load under NodeSource's
# Node.js (its modules live in /usr/share/nodejs), so the proxy is npm's.
c.ConfigurableHTTPProxy.command = [env("PROXY")]
c.ConfigurableHTTPProxy.auth_token = env("PROXY_TOKEN")

c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the Hub stops the students' servers

# Any name with the class password. Names become directory names, so they
# are restricted to what is safe as one.
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = env("PASSWORD")
c.Authenticator.username_pattern = r"^[a-z0-9][a-z0-9_.-]{0,31}$"
c.Authenticator.admin_users = {env("TEACHER")}


class ClassroomSpawner(SimpleLocalProcessSpawner):
    """Starts a student's Notebook server in STATE/home/NAME, which gets a
    copy of the course notebooks on the first start (later starts keep the
    student's edits)."""

    async def start(self):
        home = self.home_dir
        os.makedirs(home, 0o755, exist_ok=True)
        for name in sorted(os.listdir(notebooks)):
            if name.endswith(".ipynb") and not os.path.exists(os.path.join(home, name)):
                shutil.copy(os.path.join(notebooks, name), os.path.join(home, name))
        return await super().start()


c.JupyterHub.spawner_class = ClassroomSpawner
c.ClassroomSpawner.home_dir_template = os.path.join(state, "home", "{username}")
# The classic Notebook UI (Debian has no JupyterLab), run by Debian's Python.
c.Spawner.cmd = ["/usr/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/tree"
c.Spawner.environment = {
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
    # The gonsim kernelspec classroom/run installed; the student's own
    # Jupyter directories are under their home (HOME is set to it).
    "JUPYTER_PATH": os.path.join(state, "share", "jupyter"),
    "PYTHONNOUSERSITE": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
args = []
if os.getuid() == 0:
    args.append("--allow-root")  # Notebook refuses root otherwise
# Idle culling by the Notebook server itself (jupyterhub-idle-culler is not
# packaged in Debian): an idle kernel is shut down, and so is a server with
# no kernels and no requests for twice that long.
idle = int(env("IDLE_MINUTES")) * 60
if idle > 0:
    args += [
        f"--MappingKernelManager.cull_idle_timeout={idle}",
        "--MappingKernelManager.cull_interval=60",
        f"--NotebookApp.shutdown_no_activity_timeout={2 * idle}",
    ]
c.Spawner.args = args
# A class logs in at once: 30 servers starting on two cores take a while.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
