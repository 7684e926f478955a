"""A real JupyterHub on 127.0.0.1 for the hub test and benchmarks/bench_hub_load.py.

JupyterHub (from PyPI) with its dummy authenticator (any name logs in, no password) and its simple
local-process spawner (each student's single-user server is a local process with its own home folder
under the hub's work folder), behind configurable-http-proxy (from npm: ``npm ci`` installs it into
``node_modules/``). The single-user servers run from the same environment as the hub: the one built
from ``binder/requirements.txt`` plus ``tests/hub/requirements.txt`` (what a university's image holds).

Ports are free ones on 127.0.0.1. ``Hub.stop`` ends the hub by its PID, then every process it
started -- the proxy and each student's server -- by the PIDs recorded while they ran, should any
outlive the hub. Nothing here is pytest-specific.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
HUB_REQUIREMENTS = REPO_ROOT / "tests" / "hub" / "requirements.txt"
BINDER_REQUIREMENTS = REPO_ROOT / "binder" / "requirements.txt"
PROXY = REPO_ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
PROXY_MISSING = (
    f"configurable-http-proxy not found at {PROXY.relative_to(REPO_ROOT)}: run `npm ci` in the checkout "
    "(Node.js and npm: `sudo apt-get install nodejs npm`) to run the JupyterHub test"
)
# The single-user server's options beyond a university's defaults: root is allowed (tests run as root);
# window.jupyterapp is exposed so the tests can ask JupyterLab what it shows.
SINGLEUSER_ARGS = ["--allow-root", "--LabApp.expose_app_in_browser=True",
                   "--ServerApp.terminals_enabled=False"]


def find_proxy() -> str | None:
    return str(PROXY) if PROXY.exists() and os.access(PROXY, os.X_OK) else None


def free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_CONFIG = """\
# Written by tests/hub/_hub.py for one test session.
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.db_url = "sqlite:///{workdir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {cookie!r}
c.JupyterHub.pid_file = {hub_pid!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {timeout}
c.Spawner.http_timeout = {timeout}
c.JupyterHub.services = [{{"name": "bl-tests", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "bl-tests", "services": ["bl-tests"],
                             "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"]}}]
c.JupyterHub.log_level = "INFO"
"""


@dataclass
class Hub:
    """A running JupyterHub: ``url`` ends in '/', ``api(...)`` calls its REST API as an admin service."""

    url: str
    token: str
    proc: subprocess.Popen
    workdir: Path
    log_path: Path
    _log: object = field(repr=False, default=None)
    pids: set = field(default_factory=set)  # the proxy's and the servers' PIDs, as seen while they ran

    @property
    def homes(self) -> Path:
        return self.workdir / "home"

    def home(self, user: str) -> Path:
        return self.homes / user

    def prepare_home(self, user: str, lab_settings: dict) -> Path:
        """Write JupyterLab user settings (by plugin file) into ``user``'s home before they first log in."""
        settings = self.home(user) / ".jupyter" / "lab" / "user-settings"
        for rel, values in lab_settings.items():
            path = settings / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, indent=2), encoding="utf-8")
        return self.home(user)

    def user_url(self, user: str) -> str:
        return f"{self.url}user/{user}/"

    def api(self, method: str, path: str, body=None, timeout: float = 30.0):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}hub/api/{path.lstrip('/')}", data=data, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
        return json.loads(text) if text else None

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def note_pids(self) -> set:
        """Record the PIDs of the proxy and of every running single-user server (to stop them later)."""
        proxy_pid = self.workdir / "proxy.pid"
        if proxy_pid.exists():
            self.pids.add(int(proxy_pid.read_text().strip() or 0) or None)
        for user in self.api("GET", "users?state=ready") or []:
            for server in (user.get("servers") or {}).values():
                pid = (server.get("state") or {}).get("pid")
                if pid:
                    self.pids.add(int(pid))
        self.pids.discard(None)
        return set(self.pids)

    def server_pid(self, user: str) -> int:
        """The PID of ``user``'s single-user server."""
        server = self.api("GET", f"users/{user}")["servers"][""]
        return int(server["state"]["pid"])

    def start_server(self, user: str, timeout: float = 120.0) -> None:
        """Create ``user`` if needed and start their server; wait until it is ready."""
        try:
            self.api("POST", f"users/{user}")
        except urllib.error.HTTPError as error:
            if error.code != 409:  # 409: the user exists already
                raise
        try:
            self.api("POST", f"users/{user}/server")
        except urllib.error.HTTPError as error:
            if error.code != 400:  # 400: already running
                raise
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = (self.api("GET", f"users/{user}").get("servers") or {}).get("")
            if server and server.get("ready"):
                self.note_pids()
                return
            time.sleep(0.3)
        raise TimeoutError(f"{user}'s server did not start within {timeout:.0f}s:\n{self.log_tail()}")

    def stop(self, timeout: float = 30.0) -> list[int]:
        """Stop the hub (it stops the servers and the proxy), then anything left of ours, by PID.

        Returns the PIDs that had to be killed after the hub had gone (should be none)."""
        if self.proc.poll() is None:
            try:
                self.note_pids()
            except (urllib.error.URLError, OSError, ValueError):
                pass
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout)
        leftovers = []
        for pid in sorted(self.pids):
            if _alive(pid):
                leftovers.append(pid)
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while leftovers and any(_alive(p) for p in leftovers) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in leftovers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if self._log is not None:
            self._log.close()
            self._log = None
        return leftovers


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours is gone for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


def build_env(env_dir: Path) -> Path:
    """A fresh virtual environment with binder/requirements.txt and JupyterHub; returns it."""
    import venv

    venv.EnvBuilder(with_pip=True).create(env_dir)
    # pip reads "." in the requirements file relative to its working directory: the repo root, as on Binder.
    subprocess.run(
        [env_dir / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "-r", str(BINDER_REQUIREMENTS), "-r", str(HUB_REQUIREMENTS)],
        cwd=REPO_ROOT, check=True,
    )
    return env_dir


def start_hub(env_dir: Path, workdir: Path, timeout: float = 60.0) -> Hub:
    """Start JupyterHub from ``env_dir`` with its files under ``workdir``; wait until it answers."""
    proxy = find_proxy()
    if proxy is None:
        raise FileNotFoundError(PROXY_MISSING)
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "home").mkdir(exist_ok=True)
    token = secrets.token_hex(32)
    port = free_port()
    args = list(SINGLEUSER_ARGS)
    config = _CONFIG.format(
        port=port, hub_port=free_port(), proxy_api_port=free_port(), proxy=proxy,
        proxy_pid=str(workdir / "proxy.pid"), workdir=workdir, cookie=str(workdir / "cookie_secret"),
        hub_pid=str(workdir / "hub.pid"), homes=str(workdir / "home"),
        singleuser=str(env_dir / "bin" / "jupyterhub-singleuser"), args=args, timeout=int(timeout * 2),
        token=token,
    )
    (workdir / "jupyterhub_config.py").write_text(config, encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "PYTHONWARNINGS", "IPYTHONDIR", "VIRTUAL_ENV", "PYTHONPATH"))}
    env["PATH"] = f"{env_dir / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
    log_path = workdir / "jupyterhub.log"
    log = open(log_path, "wb")  # noqa: SIM115 - open while the hub runs; Hub.stop closes it
    proc = subprocess.Popen(
        [str(env_dir / "bin" / "jupyterhub"), "-f", str(workdir / "jupyterhub_config.py")],
        cwd=str(workdir), env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
    )
    hub = Hub(f"http://127.0.0.1:{port}/", token, proc, workdir, log_path, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            hub.stop()
            raise RuntimeError(f"JupyterHub exited with code {proc.returncode}:\n{hub.log_tail()}")
        try:
            hub.api("GET", "")
            hub.note_pids()
            return hub
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    hub.stop()
    raise TimeoutError(f"JupyterHub did not answer within {timeout:.0f}s:\n{hub.log_tail()}")




# --- the course repository ----------------------------------------------------------------

GIT_AS_INSTRUCTOR = ["-c", "user.name=Instructor", "-c", "user.email=instructor@example.edu"]


def git(*args, cwd=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def course_repository(workdir: Path) -> tuple[Path, Path]:
    """A bare repository holding the checkout's tracked files as one commit on ``main`` (what an
    instructor's hosted repository holds), and an instructor's clone of it. Returns (bare, clone).

    Built from the files, not the history, so it works from a shallow clone, a worktree, or with
    uncommitted changes."""
    files = git("ls-files", "-z", cwd=REPO_ROOT).split("\0")
    clone = workdir / "instructor" / "backprop-lab"
    for rel in filter(None, files):
        source = REPO_ROOT / rel
        if source.is_file():
            (clone / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / rel)
    git("init", "-q", "-b", "main", cwd=clone)
    git("add", "-A", cwd=clone)
    git(*GIT_AS_INSTRUCTOR, "commit", "-q", "-m", "The course as handed out", cwd=clone)
    bare = workdir / "course" / "backprop-lab.git"
    bare.parent.mkdir(parents=True, exist_ok=True)
    git("clone", "-q", "--bare", str(clone), str(bare))
    git("remote", "add", "origin", str(bare), cwd=clone)
    git("fetch", "-q", "origin", cwd=clone)
    git("branch", "-q", "--set-upstream-to=origin/main", "main", cwd=clone)
    return bare, clone
