"""A class on a real JupyterHub: students follow the classroom link, land in the index, run the worked
example and drag a slider; a second click brings the instructor's new commit and keeps the student's edit.

The hub (tests/hub/_hub.py) runs on 127.0.0.1 with JupyterHub's dummy authenticator and local-process
spawner; the students' servers run from the Binder environment; the link is the one
``python -m backprop_lab classroom-link`` prints, pointed at a course repository on this machine.
Each student is a separate browser context (own cookies) in Debian's Chromium. Playwright runs in a
thread of its own (``in_thread``), so its sync API does not clash with the browser tests' instance.

Screenshots go to artifacts/screenshots/hub_<student>_*.png.
"""

import subprocess
import threading
import time

import _lab
import nbformat

from backprop_lab.classroom import classroom_link

STUDENTS = [f"student-{i}" for i in range(1, 6)]
FOLDER = "backprop-lab"
INDEX = f"{FOLDER}/notebooks/00_index.ipynb"
WORKED = f"{FOLDER}/notebooks/02_worked_example.ipynb"
PRESSES = 5


def scaled(seconds):
    return seconds * _lab.timeout_scale()


def in_thread(fn, *args):
    """Run ``fn(playwright, *args)`` with a Playwright of its own in a new thread; return or raise what it
    returns or raises."""
    from playwright.sync_api import sync_playwright

    outcome = {}

    def run():
        try:
            with sync_playwright() as playwright:
                outcome["value"] = fn(playwright, *args)
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="hub-students")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class StudentServer:
    """What ``_lab.open_notebook`` needs to know of a server: its URL (the hub's cookie authenticates)."""

    def __init__(self, hub, user):
        self.hub, self.url = hub, hub.user_url(user)

    def url_for(self, path):
        return self.url + path.lstrip("/")

    def log_tail(self, chars=4000):
        return self.hub.log_tail(chars)


# True once JupyterLab shows the notebook at `path` (the panel exists; its kernel may still start).
_SHOWS_JS = """(path) => !!(window.jupyterapp && window.jupyterapp.shell) &&
  Array.from(window.jupyterapp.shell.widgets('main')).some(w => w.context && w.context.path === path)"""


def follow_link(page, link, user, login=True):
    """Click the classroom link (logging in as ``user`` on the hub's login page if asked)."""
    page.goto(link, wait_until="domcontentloaded")
    if login:
        page.wait_for_selector("#username_input", timeout=scaled(30_000))
        page.fill("#username_input", user)
        page.click("#login_submit")


def wait_landed(page, hub, user, timeout):
    """Wait until the pull is done and JupyterLab shows the index; returns the index panel's state."""
    try:
        page.wait_for_function(_SHOWS_JS, arg=INDEX, timeout=timeout * 1000, polling=250)
    except Exception as error:  # noqa: BLE001 - a message with what the student sees
        shot = _lab.screenshot_full(page, _lab.SCREENSHOTS / f"hub_{user}_not_landed.png")
        raise AssertionError(f"{user} did not land in {INDEX} within {timeout:.0f}s (at {page.url}, "
                             f"screenshot {shot}): {error}\n{hub.log_tail(2000)}") from None
    assert f"/user/{user}/lab/tree/{INDEX}" in page.url, page.url
    return _lab.open_notebook(page, StudentServer(hub, user), INDEX, timeout=timeout)


def run_worked_example(page, hub, user):
    """Open notebook 02 beside the index and start running all its cells; returns its panel id."""
    state = _lab.open_notebook(page, StudentServer(hub, user), WORKED, timeout=scaled(120))
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    return state["id"]


def wait_ran(page, panel_id, timeout):
    # _lab's check that the kernel is idle and no cell shows [*] (shared with the browser tests).
    page.wait_for_function(_lab._IDLE_JS, arg=panel_id, timeout=timeout * 1000, polling=250)


def drag_slider(page, root, user):
    """Move the explorer's first slider; assert its numbers and figure change and nothing shows an error."""
    rendered = _lab.wait_rendered(page, root, timeout=scaled(30))
    assert rendered["loading"] == 0 and rendered["blank"] == 0, f"{user}: widgets not rendered: {rendered}"
    assert _lab.tag_explorers(page, root) >= 1, f"{user}: no explorer in {WORKED}"
    box = _lab.explorer(page, root, 0)
    box.scroll_into_view_if_needed()
    canvas = box.locator(_lab.IPYMPL_CANVAS).first
    readout, pixels = _lab.readout_text(box), _lab.canvas_hash(canvas)
    handle = box.locator(_lab.SLIDER).first.locator(".noUi-handle").first
    value = handle.get_attribute("aria-valuetext")
    handle.focus()
    for _ in range(PRESSES):
        page.keyboard.press("ArrowRight")
    changed = """([el, readout, hash]) =>
      [...el.querySelectorAll('.widget-html')].map(h => h.innerText).join('\\n') !== readout &&
      window.__blPixels(el.querySelector('CANVAS')).hash !== hash""".replace("CANVAS", _lab.IPYMPL_CANVAS)
    try:
        page.wait_for_function(changed, arg=[box.element_handle(), readout, pixels], timeout=scaled(30_000))
    except Exception:  # noqa: BLE001 - an assertion with context
        shot = _lab.screenshot_full(page, _lab.SCREENSHOTS / f"hub_{user}_slider.png")
        raise AssertionError(f"{user}: after {PRESSES}x ArrowRight on the first slider (was {value}) the "
                             f"numbers and the figure did not both change (screenshot {shot})") from None
    assert handle.get_attribute("aria-valuetext") != value
    problems = _lab.visible_problems(page.locator(root).first)
    assert not problems, f"{user} sees problems: {problems}"


def _class_session(playwright, hub, link):
    browser = _lab.launch_browser(playwright)
    try:
        pages = {}
        for user in STUDENTS:  # everyone clicks the link at about the same time
            hub.prepare_home(user, _lab.LAB_SETTINGS)
            pages[user] = _lab.new_page(browser)
            follow_link(pages[user], link, user)
        started = time.monotonic()
        landed = {user: wait_landed(page, hub, user, scaled(240)) for user, page in pages.items()}
        seconds_to_land = time.monotonic() - started
        hub.note_pids()
        panels = {user: run_worked_example(page, hub, user) for user, page in pages.items()}
        for user, page in pages.items():
            wait_ran(page, panels[user], scaled(240))
        for user, page in pages.items():
            drag_slider(page, _lab.notebook_root(panels[user]), user)
            shot = _lab.SCREENSHOTS / f"hub_{user}_02.png"
            _lab.screenshot_full(page, shot, _lab.lab_scroller(panels[user]))
        return {"landed": landed, "seconds_to_land": seconds_to_land}
    finally:
        browser.close()


def test_five_students_follow_the_link_run_the_worked_example_and_drag_a_slider(hub, course):
    bare, _ = course
    link = classroom_link(hub.url, repo=f"file://{bare}")
    result = in_thread(_class_session, hub, link)
    assert sorted(result["landed"]) == STUDENTS
    for user in STUDENTS:
        clone = hub.home(user) / FOLDER
        assert (clone / "notebooks" / "02_worked_example.ipynb").is_file(), f"{user} has no copy"
        head = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True)
        assert head.stdout.strip() == _git_head(bare), f"{user}'s copy is not the course's main"
    running = {user: hub.server_pid(user) for user in STUDENTS}
    assert len(set(running.values())) == len(STUDENTS), f"one server per student: {running}"


NOTE = "My note: δ3 is negative, so w32 grows."
FIX = "Correction from your instructor: the slider for η now starts at 0.1."


def _edit_pull_again(playwright, hub, link, user, instructor_commit):
    browser = _lab.launch_browser(playwright)
    try:
        hub.prepare_home(user, _lab.LAB_SETTINGS)
        page = _lab.new_page(browser)
        follow_link(page, link, user)
        wait_landed(page, hub, user, scaled(180))
        # The student adds a note at the top of the worked example and saves it (Ctrl+S).
        panel = _lab.open_notebook(page, StudentServer(hub, user), WORKED, timeout=scaled(120))["id"]
        page.evaluate(
            """async ([id, text]) => {
              const app = window.jupyterapp;
              const panel = Array.from(app.shell.widgets('main')).find(w => w.id === id);
              panel.content.activeCellIndex = 0;
              await app.commands.execute('notebook:insert-cell-above');
              await app.commands.execute('notebook:change-cell-to-markdown');
              panel.content.activeCell.model.sharedModel.setSource(text);
              await app.commands.execute('docmanager:save');
            }""",
            [panel, NOTE],
        )
        page.wait_for_function(
            """(id) => !Array.from(window.jupyterapp.shell.widgets('main')).find(w => w.id === id)
                  .context.model.dirty""", arg=panel, timeout=scaled(30_000))
        saved = (hub.home(user) / WORKED).read_text(encoding="utf-8")
        assert NOTE in saved, f"{user}'s note was not saved to disk"
        instructor_commit()  # meanwhile, the instructor pushes a correction
        follow_link(page, link, user, login=False)  # the same link, clicked again
        wait_landed(page, hub, user, scaled(180))
        _lab.screenshot_full(page, _lab.SCREENSHOTS / f"hub_{user}_after_second_click.png")
    finally:
        browser.close()


def test_a_second_click_brings_the_new_commit_and_keeps_the_students_edit(hub, course):
    bare, instructor = course
    user = "student-6"
    link = classroom_link(hub.url, repo=f"file://{bare}")
    pushed = {}

    def instructor_commit():
        path = instructor / "notebooks" / "03_multilayer.ipynb"
        nb = nbformat.read(path, as_version=4)
        nb.cells[0].source += "\n\n" + FIX
        nbformat.write(nb, path)
        _git(instructor, "-c", "user.name=Instructor", "-c", "user.email=instructor@example.edu",
             "commit", "-q", "-am", "03: a correction for the class")
        _git(instructor, "push", "-q", "origin", "main")
        pushed["sha"] = _git_head(bare)

    in_thread(_edit_pull_again, hub, link, user, instructor_commit)
    clone = hub.home(user) / FOLDER
    ancestor = subprocess.run(["git", "-C", str(clone), "merge-base", "--is-ancestor", pushed["sha"], "HEAD"])
    assert ancestor.returncode == 0, "the instructor's new commit did not arrive in the student's copy"
    assert FIX in (clone / "notebooks" / "03_multilayer.ipynb").read_text(encoding="utf-8")
    worked = nbformat.read(clone / "notebooks" / "02_worked_example.ipynb", as_version=4)
    assert worked.cells[0].source == NOTE, "the student's note was lost in the merge"
    assert _git(clone, "status", "--porcelain", "--untracked-files=no") == ""


def _git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def _git_head(repo):
    return _git(repo, "rev-parse", "main")
