"""The classroom link: what nbgitpuller needs, for any hub and repository; clear errors otherwise."""

import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest

from backprop_lab.__main__ import main
from backprop_lab.classroom import classroom_link

EXPECTED = ("https://hub.example.edu/hub/user-redirect/git-pull?repo=https://github.com/backprop-lab/backprop-lab"
            "&branch=main&targetpath=backprop-lab&urlpath=lab/tree/backprop-lab/notebooks/00_index.ipynb")


def query(link):
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}


@pytest.mark.parametrize("hub", ["https://hub.example.edu", "https://hub.example.edu/",
                                 "https://hub.example.edu/hub/", " https://hub.example.edu/hub "])
def test_the_default_link_for_a_hub(hub):
    assert classroom_link(hub) == EXPECTED


def test_the_command_prints_the_link(capsys):
    assert main(["classroom-link", "--hub", "https://hub.example.edu"]) == 0
    assert capsys.readouterr().out == EXPECTED + "\n"


def test_python_dash_m_prints_it_too():
    out = subprocess.run([sys.executable, "-m", "backprop_lab", "classroom-link", "--hub",
                          "https://hub.example.edu"], capture_output=True, text=True, check=True).stdout
    assert out.strip() == EXPECTED


def test_a_fork_on_a_hub_under_a_path_opened_in_voila():
    link = classroom_link("http://uni.example.org/jupyter", repo="git@gitlab.example.org:course/bp-lab.git",
                          branch="ws2025", notebook="/notebooks/02_worked_example.ipynb", interface="voila")
    assert link.startswith("http://uni.example.org/jupyter/hub/user-redirect/git-pull?")
    assert query(link) == {"repo": "git@gitlab.example.org:course/bp-lab.git", "branch": "ws2025",
                           "targetpath": "bp-lab",
                           "urlpath": "voila/render/bp-lab/notebooks/02_worked_example.ipynb"}


def test_a_local_repository_and_a_folder_of_ones_own():
    link = classroom_link("https://h.example.edu", repo="file:///srv/course/backprop-lab.git/",
                          interface="notebook", folder="week1")
    assert query(link) == {"repo": "file:///srv/course/backprop-lab.git", "branch": "main",
                           "targetpath": "week1", "urlpath": "notebooks/week1/notebooks/00_index.ipynb"}


def test_characters_that_would_break_the_query_are_escaped():
    link = classroom_link("https://h.example.edu", repo="https://example.org/a/b&c", branch="x#1")
    assert "b%26c" in link and "x%231" in link
    assert query(link)["repo"] == "https://example.org/a/b&c" and query(link)["branch"] == "x#1"


@pytest.mark.parametrize("kwargs, error, message", [
    ({"hub": "hub.example.edu"}, ValueError,
     "hub must be the hub's address, like https://hub.example.edu, got 'hub.example.edu'"),
    ({"hub": "https://h.edu/?next=x"}, ValueError,
     "hub must be the hub's address without ?query or #fragment, got 'https://h.edu/?next=x'"),
    ({"hub": None}, TypeError, "hub must be a string, got NoneType"),
    ({"hub": "https://h.edu", "repo": "backprop-lab"}, ValueError,
     "repo must be a git URL (https://…, git@host:…, file:///…) or an absolute path on the hub, "
     "got 'backprop-lab'"),
    ({"hub": "https://h.edu", "branch": "my branch"}, ValueError,
     "branch must be a non-empty string without spaces, got 'my branch'"),
    ({"hub": "https://h.edu", "interface": "colab"}, ValueError,
     "interface must be one of lab, notebook, voila, got 'colab'"),
    ({"hub": "https://h.edu", "notebook": "../../etc/passwd"}, ValueError,
     "folder and notebook must stay inside the student's home, got 'backprop-lab', '../../etc/passwd'"),
])
def test_bad_input_names_the_argument(kwargs, error, message):
    with pytest.raises(error) as info:
        classroom_link(**kwargs)
    assert str(info.value) == message


def test_the_command_reports_bad_input_in_one_line(capsys):
    with pytest.raises(SystemExit) as info:
        main(["classroom-link", "--hub", "hub.example.edu"])
    assert info.value.code == 2
    assert capsys.readouterr().err == (
        "error: hub must be the hub's address, like https://hub.example.edu, got 'hub.example.edu'\n")
