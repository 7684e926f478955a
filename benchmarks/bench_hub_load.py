"""How many students one machine serves: N simulated students dragging a slider on one JupyterHub.

Each student is a user of a real JupyterHub on 127.0.0.1 (tests/hub/_hub.py: dummy login, local-process
spawner, configurable-http-proxy) with a single-user server from the Binder environment, and a kernel in
that server running the worked example's explorer (notebook 02). Through the hub's proxy, as a browser
would, the student moves the w32 slider one step every 200 ms (a student dragging): each step is the
comm message the widget front end sends, and, as ipywidgets' front end does, a student with an update
still in flight holds back and sends only the latest value once the kernel is idle again.

Printed for N = 1, 5, 10, 20 students (all dragging at once):
  round trip   the time from sending an update to the kernel's "idle" for it, measured by the student:
               the kernel-side latency a student feels, less the browser's drawing; median and p90
  in kernel    the time the explorer takes to handle one update (recompute, redraw, encode), in the kernel
  CPU          cores busy in the hub, proxy, servers and kernels during the run, and CPU ms per update
  memory       what each student's server needs: server + kernel, proportional set size (PSS)

    .venv/bin/python benchmarks/bench_hub_load.py [--students 1 5 10 20] [--seconds 20]

Needs `npm ci` (the proxy) and builds the Binder environment into a temporary folder first (minutes),
unless $BL_BINDER_ENV names one already built. The machine is shared and noisy: the load average of the
whole machine is printed beside each row; CPU ms per update is the steadiest number.
"""

import argparse
import asyncio
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hub"))
import _hub  # noqa: E402

PACE = 0.2  # seconds between two steps of a student's drag
BUDGET_MS = 150  # the p90 round trip the sizing rule allows
SETUP = """
%matplotlib widget
import time
import backprop_lab as bl
from IPython.display import display
explorer = bl.explorers.worked_example_explorer()
display(explorer)
explorer.fig.canvas.syncing_data_url = False  # as once a front end is connected
explorer.fig.canvas.handle_event({"type": "draw"})  # the front end asks for its first picture
slider = explorer.controls["w32"]
handled = []
_set_state = slider.set_state
slider.set_state = lambda state: (handled.append(time.perf_counter()), _set_state(state),
                                  handled.append(time.perf_counter()))
print(json.dumps({"comm": slider.comm.comm_id, "pid": os.getpid()}))
"""
REPORT = ("print(json.dumps({'handled': [b - a for a, b in zip(handled[::2], handled[1::2])],"
          " 'blits': explorer.blitter.blits, 'error': explorer.error.value}))")


def message(msg_type, content, channel="shell"):
    msg_id = uuid.uuid4().hex
    header = {"msg_id": msg_id, "msg_type": msg_type, "username": "bench", "session": SESSION,
              "date": datetime.datetime.now(datetime.timezone.utc).isoformat(), "version": "5.3"}
    return msg_id, json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                               "channel": channel, "buffers": []})


SESSION = uuid.uuid4().hex


class Student:
    """One student's kernel, reached through the hub's proxy like a browser would."""

    def __init__(self, hub, user):
        self.hub, self.user = hub, user
        self.base = hub.user_url(user)
        self.headers = {"Authorization": f"token {hub.token}"}
        self.idle = {}  # msg_id -> future resolved on the kernel's idle status for it
        self.outputs = {}  # msg_id -> printed text
        self.replies = {}  # msg_id -> future resolved by the kernel's reply to it
        self.round_trips = []
        self.held_back = 0

    async def start(self):
        client = AsyncHTTPClient()
        response = await client.fetch(HTTPRequest(f"{self.base}api/kernels", method="POST", body="{}",
                                                  headers=self.headers, request_timeout=120))
        self.kernel = json.loads(response.body)["id"]
        ws_url = f"{self.base}api/kernels/{self.kernel}/channels".replace("http://", "ws://")
        self.ws = await websocket_connect(HTTPRequest(ws_url, headers=self.headers), max_message_size=2**26)
        self.reader = asyncio.ensure_future(self._read())
        await self._handshake()
        info = json.loads(await self.execute("import json, os\n" + SETUP, timeout=180))
        self.comm, self.kernel_pid = info["comm"], info["pid"]

    async def _handshake(self, timeout=120):
        """Ask for kernel_info until it answers, as JupyterLab does: until then, messages may be lost."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            msg_id, text = message("kernel_info_request", {})
            reply = self.replies[msg_id] = asyncio.get_running_loop().create_future()
            await self.ws.write_message(text)
            done, _ = await asyncio.wait({reply}, timeout=1.0)
            if done:
                return
        raise TimeoutError(f"{self.user}'s kernel did not answer kernel_info within {timeout}s")

    async def _read(self):
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                return
            if not isinstance(raw, str):
                continue  # binary frames: the figure's pixels
            msg = json.loads(raw)
            parent = msg.get("parent_header", {}).get("msg_id")
            kind = msg["header"]["msg_type"]
            if kind == "stream" and parent in self.outputs:
                self.outputs[parent] += msg["content"]["text"]
            elif kind == "error" and parent in self.outputs:
                self.outputs[parent] += "\n".join(msg["content"]["traceback"])
            elif kind.endswith("_reply") and parent in self.replies:
                self.replies.pop(parent).set_result(msg)
            elif kind == "status" and msg["content"]["execution_state"] == "idle" and parent in self.idle:
                self.idle.pop(parent).set_result(time.perf_counter())

    async def execute(self, code, timeout=60):
        msg_id, text = message("execute_request", {"code": code, "silent": False, "store_history": False,
                                                   "user_expressions": {}, "allow_stdin": False})
        self.outputs[msg_id] = ""
        done = self.idle[msg_id] = asyncio.get_running_loop().create_future()
        await self.ws.write_message(text)
        await asyncio.wait_for(done, timeout)
        return self.outputs.pop(msg_id)

    async def drag(self, seconds, offset):
        """Step the slider every PACE seconds for `seconds`; at most one update in flight."""
        await asyncio.sleep(offset)  # students do not move in lockstep
        pending, step, end = None, 0, time.perf_counter() + seconds
        while time.perf_counter() < end:
            step += 1
            value = round(0.3 + 0.01 * (step % 40 if (step // 40) % 2 == 0 else 40 - step % 40), 4)
            if pending is not None and not pending.done():
                self.held_back += 1  # ipywidgets' front end keeps only the latest value meanwhile
            else:
                pending = asyncio.ensure_future(self._update(value))
            await asyncio.sleep(PACE)
        if pending is not None:
            await pending

    async def _update(self, value):
        msg_id, text = message("comm_msg", {"comm_id": self.comm, "data": {
            "method": "update", "state": {"value": value}, "buffer_paths": []}})
        done = self.idle[msg_id] = asyncio.get_running_loop().create_future()
        sent = time.perf_counter()
        await self.ws.write_message(text)
        self.round_trips.append(await asyncio.wait_for(done, 60) - sent)

    async def report(self):
        return json.loads(await self.execute(REPORT))

    async def stop(self):
        self.ws.close()
        self.reader.cancel()
        await AsyncHTTPClient().fetch(HTTPRequest(f"{self.base}api/kernels/{self.kernel}", method="DELETE",
                                                  headers=self.headers), raise_error=False)


def cpu_seconds(root_pid):
    """CPU time of a process and all its descendants (the hub, proxy, servers, kernels)."""
    total = 0.0
    root = psutil.Process(root_pid)
    for proc in [root, *root.children(recursive=True)]:
        try:
            t = proc.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def pss_mb(pid):
    try:
        return psutil.Process(pid).memory_full_info().pss / 2**20
    except psutil.Error:
        return float("nan")


async def one_round(hub, n, seconds):
    users = [f"bench-{i}" for i in range(1, n + 1)]
    await asyncio.gather(*(asyncio.to_thread(hub.start_server, u, 300) for u in users))
    students = [Student(hub, u) for u in users]
    for batch in range(0, n, 4):  # a few at a time: a class does not press Run at the same millisecond
        await asyncio.gather(*(s.start() for s in students[batch:batch + 4]))
    memory = [pss_mb(hub.server_pid(s.user)) + pss_mb(s.kernel_pid) for s in students]
    await asyncio.gather(*(s.drag(2, i * PACE / n) for i, s in enumerate(students)))  # warm-up
    for s in students:
        s.round_trips.clear()
        s.held_back = 0
    load = os.getloadavg()[0]
    cpu0, wall0 = cpu_seconds(hub.proc.pid), time.perf_counter()
    await asyncio.gather(*(s.drag(seconds, i * PACE / n) for i, s in enumerate(students)))
    cpu, wall = cpu_seconds(hub.proc.pid) - cpu0, time.perf_counter() - wall0
    reports = [await s.report() for s in students]
    errors = [r["error"] for r in reports if r["error"]]
    handled = [t for s, r in zip(students, reports) for t in r["handled"][-len(s.round_trips):]]
    blitted = sum(r["blits"] for r in reports) / max(sum(len(r["handled"]) for r in reports), 1)
    trips = [t for s in students for t in s.round_trips]
    await asyncio.gather(*(s.stop() for s in students))
    return {
        "n": n, "updates": len(trips), "held_back": sum(s.held_back for s in students),
        "trip": trips, "handled": handled, "cores": cpu / wall, "cpu_ms": 1e3 * cpu / max(len(trips), 1),
        "memory": statistics.median(memory), "load": load, "errors": errors, "blitted": blitted,
    }


def pct(values, q):
    """The q-th percentile of seconds, in ms (nearest rank)."""
    if not values:
        return float("nan")
    values = sorted(values)
    return 1e3 * values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def reference():
    """The same update in this process, no kernel and no hub (bench_widgets.py's way): wall and CPU ms."""
    from bench_widgets import time_explorer

    from backprop_lab import explorers

    cpu0 = time.process_time()
    per_slider, _ = time_explorer(explorers.worked_example_explorer, reps=15)  # every slider, up and back
    cpu = time.process_time() - cpu0
    times = per_slider["w32"]
    cpu *= len(times) / sum(len(t) for t in per_slider.values())  # the CPU share of the w32 moves
    return 1e3 * statistics.median(times), 1e3 * cpu / len(times)


async def main_async(args):
    wall, cpu = reference()
    print(f"reference: the same update in this process (no kernel, no hub): median {wall:.0f} ms,"
          f" {cpu:.0f} ms CPU; machine load {os.getloadavg()[0]:.1f} on {psutil.cpu_count()} cores",
          flush=True)
    env = Path(os.environ["BL_BINDER_ENV"]) if os.environ.get("BL_BINDER_ENV") else None
    with tempfile.TemporaryDirectory(prefix="bl-hub-load-") as tmp:
        if env is None:
            print("building the Binder environment (set BL_BINDER_ENV to reuse one) ...", flush=True)
            env = _hub.build_env(Path(tmp) / "venv")
        hub = _hub.start_hub(env, Path(tmp) / "hub", timeout=120)
        rows = []
        try:
            print(f"{'students':>8} {'updates':>8} {'round trip ms':>16} {'in kernel ms':>15} {'cores':>6}"
                  f" {'CPU ms/update':>14} {'MB/student':>11} {'load':>5} {'blitted':>7}")
            print(f"{'':>8} {'':>8} {'median':>8}{'p90':>8} {'median':>7}{'p90':>8}")
            for n in args.students:
                r = await one_round(hub, n, args.seconds)
                rows.append(r)
                print(f"{n:>8} {r['updates']:>8} {pct(r['trip'], 50):>8.0f}{pct(r['trip'], 90):>8.0f}"
                      f" {pct(r['handled'], 50):>7.0f}{pct(r['handled'], 90):>8.0f} {r['cores']:>6.2f}"
                      f" {r['cpu_ms']:>14.1f} {r['memory']:>11.0f} {r['load']:>5.1f} {r['blitted']:>7.0%}"
                      + (f"  errors: {r['errors'][:2]}" if r["errors"] else ""), flush=True)
        finally:
            leftovers = hub.stop()
            if leftovers:
                print(f"killed by PID after the hub stopped: {leftovers}")
    within = [r["n"] for r in rows if pct(r["trip"], 90) <= BUDGET_MS]
    cpu_ms = statistics.median(r["cpu_ms"] for r in rows)
    per_core = 1000 / (cpu_ms / PACE)
    print(f"\nAt p90 <= {BUDGET_MS} ms: up to {max(within) if within else 0} students on this machine "
          f"({psutil.cpu_count()} cores, shared).")
    print(f"CPU per update: {cpu_ms:.1f} ms; a student dragging (one step every {PACE * 1000:.0f} ms) keeps "
          f"{cpu_ms / PACE / 10:.0f}% of a core busy: one core saturates at {per_core:.1f} students dragging "
          "at once.")
    print(f"Memory per student's server (server + kernel with one explorer): "
          f"{statistics.median(r['memory'] for r in rows):.0f} MB PSS.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--seconds", type=float, default=20.0, help="how long each round drags (default 20)")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
