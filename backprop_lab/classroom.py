"""The link an instructor hands a class: one click pulls the notebooks into each student's home on the
university's JupyterHub and opens the first one (nbgitpuller).

Clicking the same link later merges the instructor's new commits into the student's copy; where a
student changed a file, the student's version is kept. The hub's image needs nbgitpuller
(``binder/requirements.txt`` has it).

>>> print(classroom_link("https://hub.example.edu"))  # doctest: +NORMALIZE_WHITESPACE
https://hub.example.edu/hub/user-redirect/git-pull?repo=https://github.com/backprop-lab/backprop-lab&branch=main&targetpath=backprop-lab&urlpath=lab/tree/backprop-lab/notebooks/00_index.ipynb
"""

import posixpath
from urllib.parse import quote, urlsplit

__all__ = ["DEFAULT_REPO", "FIRST_NOTEBOOK", "INTERFACES", "classroom_link"]

#: Where the course's notebooks come from unless an instructor points at a fork.
DEFAULT_REPO = "https://github.com/backprop-lab/backprop-lab"

#: The notebook a student lands in.
FIRST_NOTEBOOK = "notebooks/00_index.ipynb"

#: What the student's browser opens after the pull: the URL path of each interface, for a notebook path.
INTERFACES = {
    "lab": "lab/tree/{path}",  # JupyterLab
    "notebook": "notebooks/{path}",  # Jupyter Notebook 7
    "voila": "voila/render/{path}",  # Voilà, no code shown (the hub's image has voila)
}

_REPO_SCHEMES = ("https", "http", "git", "ssh", "file")


def _text(name, value):
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    value = value.strip()
    if not value or any(c.isspace() for c in value):
        raise ValueError(f"{name} must be a non-empty string without spaces, got {value!r}")
    return value


def _hub(hub):
    hub = _text("hub", hub)
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"hub must be the hub's address, like https://hub.example.edu, got {hub!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"hub must be the hub's address without ?query or #fragment, got {hub!r}")
    path = parts.path.rstrip("/")
    if path.endswith("/hub"):  # the address of the hub's own pages: the link adds /hub itself
        path = path[: -len("/hub")]
    return f"{parts.scheme}://{parts.netloc}{path}"


def _repo(repo):
    repo = _text("repo", repo).rstrip("/")
    scheme = urlsplit(repo).scheme
    if not (repo.startswith("/") or scheme in _REPO_SCHEMES or "@" in repo.split("/")[0]):
        raise ValueError(
            "repo must be a git URL (https://…, git@host:…, file:///…) or an absolute path on the hub, "
            f"got {repo!r}"
        )
    return repo


def classroom_link(hub, repo=DEFAULT_REPO, branch="main", notebook=FIRST_NOTEBOOK, interface="lab",
                   folder=None):
    """The nbgitpuller link that gives every student of a hub their own copy of the notebooks.

    Parameters
    ----------
    hub : str
        The hub's address, e.g. ``"https://hub.example.edu"`` (a trailing ``/hub/`` is allowed).
    repo : str
        The git repository to pull: the project's, a fork, or ``file:///…`` / an absolute path that
        the students' servers can read.
    branch : str
        The branch to pull.
    notebook : str
        The file to open after the pull, relative to the repository's root.
    interface : {"lab", "notebook", "voila"}
        What opens it (see :data:`INTERFACES`).
    folder : str, optional
        The folder in each student's home that receives the repository; by default the repository's
        name without ``.git``.

    Returns
    -------
    str
        The link, ``<hub>/hub/user-redirect/git-pull?repo=…&branch=…&targetpath=…&urlpath=…``.
    """
    hub, repo = _hub(hub), _repo(repo)
    branch, notebook = _text("branch", branch), _text("notebook", notebook).lstrip("/")
    if interface not in INTERFACES:
        raise ValueError(f"interface must be one of {', '.join(INTERFACES)}, got {interface!r}")
    if folder is None:
        folder = posixpath.basename(repo.split(":")[-1])
        folder = folder[: -len(".git")] if folder.endswith(".git") else folder
    folder = _text("folder", folder).strip("/")
    if not folder or ".." in folder.split("/") or ".." in notebook.split("/"):
        raise ValueError(f"folder and notebook must stay inside the student's home, got {folder!r}, "
                         f"{notebook!r}")
    params = {
        "repo": repo,
        "branch": branch,
        "targetpath": folder,
        "urlpath": INTERFACES[interface].format(path=f"{folder}/{notebook}"),
    }
    # '/' and ':' may stand unescaped in a query; everything else (&, ?, #, spaces) is escaped.
    query = "&".join(f"{key}={quote(value, safe='/:')}" for key, value in params.items())
    return f"{hub}/hub/user-redirect/git-pull?{query}"
