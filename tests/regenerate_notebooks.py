"""Re-run every notebook in notebooks/ on a fresh kernel and store its outputs, with pictures.

    .venv/bin/python tests/regenerate_notebooks.py [notebooks/02_worked_example.ipynb ...]
    .venv/bin/python tests/regenerate_notebooks.py --check [notebooks/...]   # regenerate in memory, compare

Run it after changing a notebook or the package; nbval then checks that the
stored text and numbers are still what the code computes.

What is stored, so that a notebook reads well without a kernel (GitHub,
nbviewer, an exported PDF) and regenerating it changes no byte unless
something really changed:

* Text, numbers, tables and exercise feedback: as the kernel printed them
  (nbval compares them).
* A live figure (an ipympl canvas) or an explorer: its **picture**, an
  ``image/png`` of the figure as it stands -- for an explorer with its
  sliders' values and numbers below it (``bl.explorers.pictures``) -- and a
  line of text. The live widget view is not stored: it needs a running
  kernel, and its model id changes on every run. Such a cell must start with
  ``# NBVAL_IGNORE_OUTPUT`` (nbval skips its output); the script stops with
  a message naming any other cell that shows a widget.
* PNGs carry no text chunks (matplotlib would write its version there);
  printed text is one output per cell, however the kernel flushed it;
  execution counts are kept, execution timestamps and the widget state are not.

``--check`` exits with status 1 and names the notebooks whose stored outputs
differ from a fresh run (nothing is written).
"""

import base64
import pathlib
import struct
import sys

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
IGNORE = "# NBVAL_IGNORE_OUTPUT"
WIDGET = "application/vnd.jupyter.widget-view+json"
#: Run in the kernel before the notebook's first cell (silently: no execution count is used).
SETUP = "from backprop_lab.explorers.pictures import store_pictures as _s; _s(); del _s"
PICTURE_TEXT = "[a picture of a live figure or explorer: run the notebook to use it]"
NO_PICTURE_TEXT = "[a live widget: run the notebook to use it]"


class PictureClient(NotebookClient):
    """Runs :data:`SETUP` in the kernel right after it starts, before any cell."""

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        msg_id = kc.execute(SETUP, silent=True, store_history=False)
        reply = await self.async_wait_for_reply(msg_id)
        if reply is None or reply["content"]["status"] != "ok":
            content = reply["content"] if reply else {}
            raise RuntimeError(f"the picture setup failed in the kernel: {content.get('evalue', content)}")
        return kc


def without_text_chunks(png):
    """PNG bytes without their text and time chunks (matplotlib writes its version into "Software")."""
    out, pos = [png[:8]], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        end = pos + 12 + length
        if png[pos + 4:pos + 8] not in (b"tEXt", b"iTXt", b"zTXt", b"tIME"):
            out.append(png[pos:end])
        pos = end
    return b"".join(out)


def as_picture(output):
    """A widget output as what is stored: its image/png (if any) and a line of text; None to drop it."""
    data = output.get("data", {})
    png = data.get("image/png")
    if png is None:
        return None if output.get("output_type") == "execute_result" else nbformat.v4.new_output(
            "display_data", data={"text/plain": NO_PICTURE_TEXT})
    stored = nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": PICTURE_TEXT})
    size = output.get("metadata", {}).get("image/png")
    if size:
        stored.metadata = {"image/png": size}
    return stored


def tidy(nb, name):
    """Store pictures in place of widgets; drop timestamps and widget state. Raises on a widget in a
    cell nbval would compare."""
    for index, cell in enumerate(nb.cells):
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type != "code":
            continue
        widgets = [o for o in cell.outputs if WIDGET in o.get("data", {})]
        if widgets and not cell.source.lstrip().startswith(IGNORE):
            raise ValueError(f"{name}, cell {index} shows a live widget or figure; start the cell with"
                             f" {IGNORE} (its picture is stored, nbval skips it):\n{cell.source[:200]}")
        outputs = []
        for output in cell.outputs:
            if WIDGET in output.get("data", {}):
                output = as_picture(output)
            if output is not None and "image/png" in output.get("data", {}):
                png = base64.b64decode(output.data["image/png"], validate=True)
                output.data["image/png"] = base64.b64encode(without_text_chunks(png)).decode("ascii")
            if output is not None:
                outputs.append(output)
        cell.outputs = outputs
    nb.metadata.pop("widgets", None)
    nbformat.validate(nb)
    return nb


def regenerate(path, write=True):
    """Run the notebook at `path` on a fresh kernel; store (or only return) its tidied text."""
    nb = nbformat.read(path, as_version=4)
    resources = {"metadata": {"path": str(path.parent)}}
    # coalesce_streams: one stdout output per cell, however the kernel happened to flush it.
    client = PictureClient(nb, timeout=300, kernel_name="python3", resources=resources, coalesce_streams=True)
    client.execute()
    text = nbformat.writes(tidy(nb, path.name)) + "\n"
    if write:
        path.write_text(text, encoding="utf-8")
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown}: {path.stat().st_size / 1024:.0f} KiB")
    return text


def main(argv):
    check = "--check" in argv
    paths = [pathlib.Path(p).resolve() for p in argv if p != "--check"]
    paths = paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    changed = []
    for path in paths:
        text = regenerate(path, write=not check)
        if check and text != path.read_text(encoding="utf-8"):
            changed.append(str(path.relative_to(ROOT)))
    if changed:
        print("stored outputs differ from a fresh run:", ", ".join(changed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
