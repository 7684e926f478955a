"""Give notebooks 01-03 the slide metadata that presents them as a deck (and check that they have it).

    .venv/bin/python tools/slide_metadata.py            # write the metadata into notebooks 01, 02, 03
    .venv/bin/python tools/slide_metadata.py --check    # exit 1 if a notebook lacks it (tests/test_slides.py)
    .venv/bin/python tools/slide_metadata.py notebooks/04_training_loop.ipynb   # any other notebook

The rules read each cell, not its position, so they can be re-applied after a notebook is rewritten:

- a Markdown cell that starts with a ``#`` or ``##`` heading starts a new slide;
- a code cell that shows an explorer (``bl.explorers.…``) gets a slide of its own, so the figure has room;
- the setup cell (only ``%matplotlib`` and ``import`` lines), exercise stubs (``my_x = ...`` with their check)
  and folded solutions (``<details>``) are skipped: they still run, they are not shown;
- every other cell continues the slide before it: it has no slide type at all. (nbconvert reads a
  missing type as "-", continue; jupyterlab-slideshow 0.3.4 shows a cell typed "-" on no slide.)

The metadata is the standard ``cell.metadata.slideshow.slide_type`` that JupyterLab's property inspector
edits; jupyterlab-slideshow presents it inside JupyterLab, ``jupyter nbconvert --to slides`` and
Voilà's reveal template read it too. Nothing but that key is changed.
"""

import argparse
import pathlib
import re
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
DECKS = [ROOT / "notebooks" / name
         for name in ("01_single_neuron.ipynb", "02_worked_example.ipynb", "03_multilayer.ipynb")]

_SETUP_LINE = re.compile(r"^\s*(%matplotlib\b.*|import\s.*|from\s+\S+\s+import\s.*|#.*)?$")
_STUB = re.compile(r"^\s*my_\w+\s*=\s*\.\.\.\s*$", re.MULTILINE)


def slide_type(cell):
    """The slide type for one cell: 'slide', 'skip' or None (continue the current slide)."""
    source = cell.source.strip()
    if cell.cell_type == "markdown":
        if source.startswith("<details") or "<summary>Solution" in source:
            return "skip"
        return "slide" if re.match(r"#{1,2}\s", source) else None
    if cell.cell_type != "code":
        return "skip"
    if all(_SETUP_LINE.match(line) for line in source.splitlines()):
        return "skip"
    if _STUB.search(source):
        return "skip"
    if "bl.explorers." in source:
        return "slide"
    return None


def apply(nb):
    """Set every cell's slide type; returns how many cells changed."""
    changed = 0
    for cell in nb.cells:
        wanted = slide_type(cell)
        slideshow = {k: v for k, v in cell.metadata.get("slideshow", {}).items() if k != "slide_type"}
        if wanted is not None:
            slideshow["slide_type"] = wanted
        if slideshow == cell.metadata.get("slideshow", {}):
            continue
        if slideshow:
            cell.metadata["slideshow"] = slideshow
        else:
            cell.metadata.pop("slideshow", None)
        changed += 1
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, help="default: notebooks 01, 02 and 03")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook differs")
    args = parser.parse_args(argv)
    stale = []
    for path in args.notebooks or DECKS:
        nb = nbformat.read(path, as_version=4)
        changed = apply(nb)
        slides = sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nb.cells)
        if changed and args.check:
            stale.append(path.name)
        elif changed:
            nbformat.write(nb, path)
        print(f"{path.name}: {slides} slides, {changed} cells {'to change' if args.check else 'changed'}")
    if stale:
        print(f"missing slide metadata in {', '.join(stale)}: run python tools/slide_metadata.py",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
