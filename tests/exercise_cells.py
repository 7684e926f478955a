"""The notebooks' exercise cells and their folded solutions: the convention, read in one place.

The convention (docs/ARCHITECTURE.md, "A notebook"):

* An **exercise cell** is a code cell that calls ``bl.exercises.check_…``. Its
  *stub lines* are the lines before the first line that calls the check, and
  they contain ``...``; the check call comes last::

      my_delta3 = ...
      bl.exercises.check_output_delta(my_delta3)

  or, for a write-a-function exercise (the signature from the check's docstring)::

      def my_hidden_deltas(delta_next, W_next, o):
          ...  # your code

      bl.exercises.check_hidden_deltas(my_hidden_deltas)

* Its **solution** is the first markdown cell after it that holds
  ``<details><summary>Solution</summary>``; inside the ``<details>`` there is
  exactly one fenced ```` ```python ```` block, which replaces the stub lines
  as they are (prose and formulas may surround it)::

      <details><summary>Solution</summary>

      ```python
      def my_hidden_deltas(delta_next, W_next, o):
          return o * (1 - o) * (delta_next @ W_next)
      ```
      Column j of W_next holds the weights leaving hidden neuron j.
      </details>

``tests/test_exercise_solutions.py`` substitutes every solution for its stub,
runs the notebook on a fresh kernel and requires every check to print "✓ Right".
"""

import pathlib
import re
from dataclasses import dataclass

import nbformat
from nbclient import NotebookClient

CHECK_CALL = re.compile(r"^[ \t]*(?:\w+[ \t]*=[ \t]*)?bl\.exercises\.check_\w+\(", re.M)
SUMMARY = "<details><summary>Solution</summary>"
FENCE = re.compile(r"```python[ \t]*\n(.*?)```", re.S)


@dataclass
class Exercise:
    """One exercise cell: its index among the notebook's cells, stub, check call and folded solution."""

    cell: int
    stub: str
    call: str
    solution: str | None
    problem: str = ""


def split_exercise_cell(source):
    """(stub lines, check-call lines) of a code cell that calls a check, or None if it calls none."""
    match = CHECK_CALL.search(source)
    if match is None:
        return None
    start = source.rfind("\n", 0, match.start()) + 1
    return source[:start].rstrip("\n"), source[start:]


def exercises(nb):
    """Every exercise of a notebook (an nbformat node), with its solution or the reason there is none."""
    found = []
    for index, cell in enumerate(nb.cells):
        parts = split_exercise_cell(cell.source) if cell.cell_type == "code" else None
        if parts is None:
            continue
        stub, call = parts
        exercise = Exercise(index, stub, call, None)
        if "..." not in stub:
            exercise.problem = "its stub lines hold no `...` (the committed notebook keeps the stub)"
        following = [c for c in nb.cells[index + 1:] if c.cell_type == "markdown" and SUMMARY in c.source]
        if not following:
            exercise.problem = exercise.problem or f"no {SUMMARY} follows it"
        else:
            folded = following[0].source.split(SUMMARY, 1)[1].split("</details>", 1)[0]
            blocks = FENCE.findall(folded)
            if len(blocks) != 1:
                exercise.problem = exercise.problem or (
                    f"its solution holds {len(blocks)} ```python blocks; exactly one replaces the stub")
            else:
                exercise.solution = blocks[0].rstrip("\n")
        found.append(exercise)
    return found


def run_solutions(path, timeout=300):
    """Run the notebook at `path` with every solution in place of its stub.

    Returns ``(exercises, outputs)``: ``outputs[k]`` is the plain text that the
    check cell of ``exercises[k]`` printed or returned. Raises AssertionError
    naming the cells whose solution could not be found.
    """
    path = pathlib.Path(path)
    nb = nbformat.read(path, as_version=4)
    found = exercises(nb)
    bad = [f"cell {e.cell}: {e.problem}" for e in found if e.problem]
    assert not bad, f"{path.name}: " + "; ".join(bad)
    for e in found:
        nb.cells[e.cell].source = e.solution + "\n" + e.call
    resources = {"metadata": {"path": str(path.parent)}}
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources=resources).execute()
    outputs = []
    for e in found:
        texts = []
        for out in nb.cells[e.cell].get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append(out.get("text", ""))
            elif "data" in out:
                texts.append(out["data"].get("text/plain", ""))
            elif out.get("output_type") == "error":
                texts.append(f"{out.get('ename')}: {out.get('evalue')}")
        outputs.append("\n".join(texts))
    return found, outputs
