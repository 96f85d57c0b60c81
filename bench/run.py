#!/usr/bin/env python3
"""Time `trellis build` on synthetic courses, and `serve`'s rebuild after an edit.

    python3 bench/run.py [--sizes 100,1000,5000] [--runs 5] [--keep]

Builds the release binary (`cargo build --release`), generates a course of each size
with bench/gen_course.py into a temporary folder, and for each size reports the
median wall time of `trellis build --quiet` (no run finds an earlier output: each
one is moved aside, and deleted after the batch), the time per lesson, the peak RSS, and
the ratio to `cp -r` of the same input, timed the same way. When `hugo` is on PATH it
also times `hugo --quiet` on the same course in Hugo's layout, side by side.

At the largest size it then starts `trellis serve`, listens on its event stream, and
edits lessons: five body edits (a sentence appended to five different lessons) and
one title edit. It reports serve's own rebuild time (its `re-rendered … in N ms`
line) and the time from the file write to the `event: reload` line.

`--lighthouse` instead runs Lighthouse 12 (from tools/lighthouse, with mobile emulation)
on the bundled course, built with `--base-url` and served over HTTP at that path: one
run per page on home, a lesson, a worksheet and a run sheet, all four categories.
Performance depends on the machine's load, so it is measured here, never in CI.

Each measurement runs in a fresh helper process (this script with `--measure`),
because `RUSAGE_CHILDREN`'s peak RSS is the maximum over all children a process has
waited for. Standard library only. Timings never run in CI or in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the checkout
import gen_course  # noqa: E402

SERVE_EDITS = 5
TIMEOUT = 900  # seconds for any one build


# ------------------------------------------------------------------ measuring one run


def measure_main(argv: list[str]) -> int:
    """`run.py --measure [--env K=V]... -- CMD...`: run CMD, print JSON with its wall
    time and peak RSS (KiB) on stdout."""
    env = dict(os.environ)
    while argv and argv[0] == "--env":
        k, _, v = argv[1].partition("=")
        env[k] = v
        argv = argv[2:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    start = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"wall": wall, "rss_kib": rss, "rc": p.returncode,
                      "stderr": p.stderr.decode("utf-8", "replace")[-4000:]}))
    return 0


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    helper = [sys.executable, os.path.abspath(__file__), "--measure"]
    for k, v in (env or {}).items():
        helper += ["--env", f"{k}={v}"]
    p = subprocess.run(helper + ["--"] + cmd, capture_output=True, text=True, timeout=TIMEOUT)
    if p.returncode != 0:
        raise SystemExit(f"measuring {' '.join(cmd)} failed:\n{p.stderr}")
    r = json.loads(p.stdout)
    if r["rc"] != 0:
        raise SystemExit(f"`{' '.join(cmd)}` exited with {r['rc']}:\n{r['stderr']}")
    return r


class Outputs:
    """Moves each run's output aside instead of deleting it, and deletes them all
    after a batch of runs, then pauses. On ext4 without a journal (as on these
    machines) the inode allocator checks and skips inodes freed in the last few
    seconds, so a build started right after deleting thousands of files would pay
    for that deletion in every file it creates."""

    def __init__(self, work: str, settle: float):
        self.trash = os.path.join(work, "trash")
        self.settle = settle
        self.count = 0

    def clear(self, out: str) -> None:
        if os.path.lexists(out):
            os.makedirs(self.trash, exist_ok=True)
            self.count += 1
            os.rename(out, os.path.join(self.trash, str(self.count)))

    def empty(self) -> None:
        if os.path.lexists(self.trash):
            shutil.rmtree(self.trash)
            time.sleep(self.settle)


def timed_runs(cmd: list[str], out: str, runs: int, outputs: Outputs) -> dict:
    """Median wall time and largest peak RSS of `runs` runs; `out` never exists when a
    run starts. One untimed run first, so every timed run finds the input in the
    page cache."""
    outputs.clear(out)
    measure(cmd)
    walls, rss = [], []
    for _ in range(runs):
        outputs.clear(out)
        r = measure(cmd)
        walls.append(r["wall"])
        rss.append(r["rss_kib"])
    outputs.clear(out)
    outputs.empty()
    return {"wall": statistics.median(walls), "walls": walls, "rss_kib": max(rss)}


# ------------------------------------------------------------------ output, search, warm


def output_stats(out: str, n: int) -> dict:
    """Total bytes, the largest file and the largest HTML file of a built site."""
    total, largest, largest_html = 0, ("", 0), ("", 0)
    for d, _, files in os.walk(out):
        for f in files:
            p = os.path.join(d, f)
            size = os.path.getsize(p)
            total += size
            rel = os.path.relpath(p, out)
            if size > largest[1]:
                largest = (rel, size)
            if f.endswith(".html") and size > largest_html[1]:
                largest_html = (rel, size)
    return {"total": total, "largest": largest, "largest_html": largest_html, "per_lesson": total / n}


SEARCH_WORD = "zyzzyvaquux"


def mark_late_lesson(course: str) -> str:
    """Append a word no other lesson has to the lesson 90% of the way through."""
    files = lesson_files(course)
    path = files[len(files) * 9 // 10]
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"\nA word found in this lesson only: {SEARCH_WORD}.\n")
    return path


def search_bytes(site: str) -> str:
    """What the first query for SEARCH_WORD loads, measured in headless Chromium by
    the `search_benchmark` trial of tests/search.rs (a debug test build is enough)."""
    env = dict(os.environ, TRELLIS_BENCH_SITE=site, TRELLIS_BENCH_WORD=SEARCH_WORD)
    p = subprocess.run(
        ["cargo", "test", "--quiet", "--test", "search", "--", "--ignored", "--exact",
         "search_benchmark", "--nocapture"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )
    m = re.search(r"^first query: .*$", p.stdout, re.M)
    return m.group(0) if m else f"not measured ({(p.stdout + p.stderr).strip().splitlines()[-1:]})"


def warm_rebuild(binary: str, course: str, out: str, runs: int) -> dict:
    """Edit one lesson, build again over `out` with its cache: median of `runs` edits,
    and the stage timings of the last one."""
    files = lesson_files(course)
    walls, stages = [], ""
    # One unmeasured build first, so the spare and its manifest exist, as they do
    # from the second build of a working session on.
    measure([binary, "build", "--quiet", "--root", course, "--output", out])
    for k in range(runs):
        path = files[(k + 1) * len(files) // (runs + 2)]
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"\nOne more sentence, added by the benchmark (warm {k + 1}).\n")
        env = {"TRELLIS_TIMINGS": "1"} if k == runs - 1 else None
        r = measure([binary, "build", "--quiet", "--root", course, "--output", out], env=env)
        walls.append(r["wall"])
        if env:
            stages = "\n".join(l for l in r["stderr"].splitlines() if l.startswith("timing:"))
    return {"wall": statistics.median(walls), "walls": walls, "stages": stages}


def zola_version(zola: str) -> str:
    return version([zola, "--version"])


# ------------------------------------------------------------------ the machine


def machine() -> str:
    info: dict[str, str] = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break  # the first processor is enough
                k, _, v = line.partition(":")
                info[k.strip()] = v.strip()
    except OSError:
        pass
    cpu = info.get("model name", "unknown CPU")
    if "cpu family" in info:
        cpu += f" (family {info['cpu family']}, model {info.get('model', '?')}, {info.get('cpu MHz', '?')} MHz"
        cpu += ", virtual machine)" if "hypervisor" in info.get("flags", "").split() else ")"
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB memory"
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} cores (nproc {nproc()}), {cpu}, {mem}, {platform.system()} {platform.release()}"


def nproc() -> str:
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


# ------------------------------------------------------------------ serve


class Lines:
    """Lines from a stream, with the time each arrived, on a queue."""

    def __init__(self, stream, echo: list[str] | None = None):
        self.q: queue.Queue[tuple[float, str]] = queue.Queue()
        self.echo = echo
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream):
        for line in stream:
            if isinstance(line, bytes):
                line = line.decode("utf-8", "replace")
            line = line.rstrip("\r\n")
            if self.echo is not None:
                self.echo.append(line)
            self.q.put((time.perf_counter(), line))

    def wait(self, pattern: str, timeout: float) -> tuple[float, re.Match]:
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no line matching {pattern!r} within {timeout:.0f} s")
            try:
                t, line = self.q.get(timeout=left)
            except queue.Empty:
                continue
            m = rx.search(line)
            if m:
                return t, m

    def drain(self) -> None:
        while True:
            try:
                self.q.get_nowait()
            except queue.Empty:
                return


def open_events(port: int) -> Lines:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        f"GET /__trellis/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    sock.settimeout(None)
    lines = Lines(sock.makefile("rb"))
    lines.wait(r"^HTTP/1\.[01] 200", 30)
    return lines


def lesson_files(course: str) -> list[str]:
    files = []
    content = os.path.join(course, "content")
    for d in sorted(os.listdir(content)):
        full = os.path.join(content, d)
        if os.path.isdir(full):
            files += [os.path.join(full, f) for f in sorted(os.listdir(full)) if f != "_index.md"]
    return files


def serve_bench(binary: str, course: str) -> dict:
    """Edit lessons under `trellis serve`; return rebuild and save-to-reload times."""
    stderr_log: list[str] = []
    proc = subprocess.Popen(
        [binary, "serve", "--root", course, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )
    out, err = Lines(proc.stdout), Lines(proc.stderr, stderr_log)
    result: dict = {"body": [], "title": None}
    try:
        _, m = err.wait(r"rebuilt everything \((\d+) files\) in (\d+) ms", TIMEOUT)
        result["initial_ms"] = float(m.group(2))
        result["initial_files"] = int(m.group(1))
        _, m = out.wait(r"Serving at http://127\.0\.0\.1:(\d+)/", 60)
        events = open_events(int(m.group(1)))
        files = lesson_files(course)
        # Lessons spread over the course, none of them the first or last.
        picks = [files[(2 * k + 1) * len(files) // (2 * SERVE_EDITS + 1)] for k in range(SERVE_EDITS)]
        for k, path in enumerate(picks):
            result["body"].append(edit(path, events, err, lambda text, k=k: text + (
                f"\nOne more sentence, added by the benchmark (edit {k + 1}).\n")))
        title_path = files[len(files) // 2 + 3]
        result["title"] = edit(title_path, events, err, lambda text: re.sub(
            r'^title = "(.*)"$', r'title = "\1, revised"', text, count=1, flags=re.M))
    except (TimeoutError, OSError) as e:
        tail = "\n".join(stderr_log[-20:])
        raise SystemExit(f"serve benchmark failed: {e}\nserve's stderr ended with:\n{tail}")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return result


def edit(path: str, events: Lines, err: Lines, change) -> dict:
    """Apply `change` to the file's text; time the reload event and serve's report."""
    time.sleep(0.5)  # let the previous rebuild's work settle
    events.drain()
    err.drain()
    with open(path, encoding="utf-8") as f:
        text = f.read()
    new = change(text)
    assert new != text, f"the edit changed nothing in {path}"
    start = time.perf_counter()
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)
    t_reload, _ = events.wait(r"^event: (reload|build-error)", 60)
    t_log, m = err.wait(r"(re-rendered (.*) in ([\d.]+) ms|rebuilt everything \((\d+) files\) in (\d+) ms|build failed)", 120)
    if m.group(0).startswith("build failed"):
        raise SystemExit(f"serve could not rebuild after editing {path}")
    if m.group(2) is not None:
        rebuild, pages, full = float(m.group(3)), len(m.group(2).split(", ")), False
    else:
        rebuild, pages, full = float(m.group(5)), int(m.group(4)), True
    return {
        "file": path,
        "rebuild_ms": rebuild,
        "reload_ms": (t_reload - start) * 1000,
        # serve prints its report once the packet, print page and search index are fresh.
        "settled_ms": (t_log - start) * 1000,
        "pages": pages,
        "full": full,
    }


# ------------------------------------------------------------------ report


def fmt_s(s: float) -> str:
    return f"{s:.3f} s" if s < 10 else f"{s:.2f} s"


def fmt_mib(kib: int) -> str:
    return f"{kib / 1024:,.0f} MiB"


def fmt_per(s: float, n: int) -> str:
    ms = s * 1000 / n
    return f"{ms:.2f} ms" if ms >= 0.1 else f"{ms * 1000:.0f} µs"


def table(rows: list[dict], hugo: str | None, zola: str | None = None) -> str:
    head = ["Lessons", "Trellis build", "per lesson", "peak RSS", "`cp -r`", "Trellis ÷ `cp -r`"]
    if zola:
        head += [zola, f"{zola} peak RSS", "time ÷ Zola (target ≤ 0.5)", "memory ÷ Zola (target ≤ 0.75)"]
    if hugo:
        head += [f"{hugo}", f"{hugo} peak RSS", "Hugo ÷ Trellis"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        t, cp = r["trellis"], r["cp"]
        cells = [f"{r['n']:,}", fmt_s(t["wall"]), fmt_per(t["wall"], r["n"]), fmt_mib(t["rss_kib"]),
                 fmt_s(cp["wall"]), f"{t['wall'] / cp['wall']:.1f}×"]
        if zola:
            z = r.get("zola")
            cells += [fmt_s(z["wall"]), fmt_mib(z["rss_kib"]), met(t["wall"] / z["wall"], 0.5),
                      met(t["rss_kib"] / z["rss_kib"], 0.75)] if z else ["–"] * 4
        if hugo:
            h = r.get("hugo")
            cells += [fmt_s(h["wall"]), fmt_mib(h["rss_kib"]), f"{h['wall'] / t['wall']:.1f}×"] if h else ["–"] * 3
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def met(ratio: float, target: float) -> str:
    """A ratio against its target, saying whether it is met."""
    return f"{ratio:.2f} ({'met' if ratio <= target else 'NOT met'})"


def fmt_bytes(n: float) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.0f} KB"


def output_table(rows: list[dict]) -> str:
    lines = ["| Lessons | output | largest file | largest HTML | per lesson | first search query | warm rebuild (one edit) | warm ÷ cold (target ≤ 0.10) |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        o, w = r.get("output"), r.get("warm")
        if not o:
            continue
        q = r.get("search", "–")
        m = re.match(r"first query: (\d+) bytes in (\d+) files", q)
        q = f"{fmt_bytes(int(m.group(1)))} in {m.group(2)} files" if m else q
        cells = [f"{r['n']:,}", fmt_bytes(o["total"]), f"{fmt_bytes(o['largest'][1])} (`{o['largest'][0]}`)",
                 f"{fmt_bytes(o['largest_html'][1])} (`{o['largest_html'][0]}`)", fmt_bytes(o["per_lesson"]), q,
                 fmt_s(w["wall"]) if w else "–", f"{w['wall'] / r['trellis']['wall']:.2f}" if w else "–"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def scaling_table(sc: dict) -> str:
    a, b = sc["modules"], sc["one"]
    t = b["time"]["wall"] / a["time"]["wall"]
    per = b["output"]["per_lesson"] / a["output"]["per_lesson"]
    html = b["output"]["largest_html"]
    return "\n".join([
        f"| {sc['n']:,} lessons | build | output per lesson | largest HTML |",
        "|---|---|---|---|",
        f"| modules of 10 | {fmt_s(a['time']['wall'])} | {fmt_bytes(a['output']['per_lesson'])} | {fmt_bytes(a['output']['largest_html'][1])} |",
        f"| one module | {fmt_s(b['time']['wall'])} | {fmt_bytes(b['output']['per_lesson'])} | {fmt_bytes(html[1])} (`{html[0]}`) |",
        f"| one ÷ modules | {t:.2f} (target ≤ 1.5: {'met' if t <= 1.5 else 'NOT met'}) | {per:.2f} (target ≤ 1.25: "
        f"{'met' if per <= 1.25 else 'NOT met'}) | {'under' if html[1] < 1e6 else 'NOT under'} 1 MB |",
    ])


def pages(n: float) -> str:
    return f"{n:.0f} page" + ("" if n == 1 else "s")


def serve_table(n: int, s: dict) -> str:
    body = s["body"]
    med = lambda key: statistics.median(e[key] for e in body)  # noqa: E731
    t = s["title"]
    full = any(e["full"] for e in body)
    return "\n".join([
        f"| `trellis serve`, {n:,}-lesson course | time |",
        "|---|---|",
        f"| first build, in memory | {s['initial_ms']:,.0f} ms ({s['initial_files']:,} files) |",
        f"| body edit: rebuild (serve's log), median of {len(body)} | {med('rebuild_ms'):.1f} ms"
        + (" (a full rebuild!)" if full else f" ({pages(statistics.median(e['pages'] for e in body))})") + " |",
        f"| body edit: save → `event: reload`, median of {len(body)} | {med('reload_ms'):.0f} ms |",
        f"| body edit: save → packet, print page and search index refreshed | {med('settled_ms'):.0f} ms |",
        f"| title edit: rebuild (serve's log) | {t['rebuild_ms']:.1f} ms ({pages(t['pages'])}"
        + (", full rebuild" if t["full"] else "") + ") |",
        f"| title edit: save → `event: reload` | {t['reload_ms']:.0f} ms |",
    ])


# ------------------------------------------------------------------ main


def pdf_seconds(binary: str, root: str, out: str) -> tuple[float, int]:
    """One `trellis build --pdf`: the seconds of its PDF stage (after the HTML) and
    how many PDFs it wrote."""
    r = measure([binary, "build", "--pdf", "--no-cache", "--root", root, "--output", out],
                env={"TRELLIS_TIMINGS": "1"})
    m = re.search(r"timing: pdfs: (\d+) ms", r["stderr"])
    if not m:
        raise SystemExit("no PDF stage in the build's timings (is Chromium installed?):\n" + r["stderr"][-2000:])
    pdfs = sum(1 for _, _, files in os.walk(out) for f in files if f.endswith(".pdf"))
    return int(m.group(1)) / 1000, pdfs


def pdf_bench(binary: str, work: str, runs: int, seed: int) -> str:
    """PDFs after the HTML build: the bundled course (target <= 3 s) and a generated
    course of 500 lessons with 100 worksheets (target <= 20 s), median of `runs`."""
    lines = ["| PDFs after the HTML build | PDFs | time (median) | runs | target |", "|---|---|---|---|---|"]
    course = gen_course.generate(500, os.path.join(work, "pdf-course"), seed, ["trellis"])["trellis"]
    for name, root, target in [("bundled course", REPO, 3.0), ("500 lessons, 100 worksheets", course, 20.0)]:
        print(f"PDFs: {name} ×{runs}…", file=sys.stderr)
        times, count = [], 0
        for i in range(runs):
            out = os.path.join(work, f"pdf-out-{i}")
            t, count = pdf_seconds(binary, root, out)
            times.append(t)
            shutil.rmtree(out, ignore_errors=True)
        med = statistics.median(times)
        lines.append(f"| {name} | {count} | {med:.2f} s | " + ", ".join(f"{t:.2f}" for t in times)
                     + f" | ≤ {target:.0f} s ({'met' if med <= target else 'missed'}) |")
    return "\n".join(lines)
# ------------------------------------------------------------------ Lighthouse

LIGHTHOUSE_PAGES = [
    ("home", "index.html"),
    ("lesson", "foundations/responding-consistently/index.html"),
    ("worksheet", "foundations/responding-consistently/worksheet/index.html"),
    ("run sheet", "facilitator/foundations/responding-consistently/index.html"),
]
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def lighthouse_bench(binary: str) -> int:
    """Build the bundled course for a local address, serve it, and run Lighthouse once per page."""
    import functools
    import http.server

    lh = os.path.join(REPO, "tools", "lighthouse", "node_modules", ".bin", "lighthouse")
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not os.access(lh, os.X_OK) or not chrome:
        raise SystemExit("--lighthouse needs Chromium and `npm ci --prefix tools/lighthouse`")
    work = tempfile.mkdtemp(prefix="trellis-lighthouse-")
    try:
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:  # noqa: D102 (one line per request is noise here)
                pass

        handler = functools.partial(Quiet, directory=work)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/course/"
        subprocess.run([binary, "build", "--quiet", "--root", REPO, "--output", os.path.join(work, "course"),
                        "--base-url", base], check=True)
        rows = []
        for name, rel in LIGHTHOUSE_PAGES:
            print(f"lighthouse: {name}…", file=sys.stderr)
            out = os.path.join(work, "report.json")
            subprocess.run([lh, base + rel, "--quiet", "--output=json", f"--output-path={out}",
                            "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                           check=True, env={**os.environ, "CHROME_PATH": chrome})
            with open(out, encoding="utf-8") as f:
                report = json.load(f)
            scores = [round(100 * (report["categories"][c]["score"] or 0)) for c in LIGHTHOUSE_CATEGORIES]
            audits = report["audits"]
            metrics = [audits[a].get("displayValue", "") for a in
                       ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")]
            rows.append((name, scores, metrics, report.get("lighthouseVersion", "")))
        server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n| Page | Performance | Accessibility | Best practices | SEO | FCP | LCP | TBT | CLS |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name, scores, metrics, _ in rows:
        print(f"| {name} | " + " | ".join(str(s) for s in scores) + " | " + " | ".join(metrics) + " |")
    print(f"\nLighthouse {rows[0][3]}, mobile emulation (its default throttling), one run per page; "
          f"load average {load()}; machine: {machine()}.")
    print("Run sheets are `noindex` on purpose: their SEO score counts that as a failed crawlability audit.")
    return 0


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        return measure_main(sys.argv[2:])
    ap = argparse.ArgumentParser(
        description="Time `trellis build` (and `hugo`, when installed) on synthetic courses, "
        "and the incremental rebuild in `trellis serve`.",
        epilog="Run from anywhere; the binary is built from this checkout.",
    )
    ap.add_argument("--sizes", default="100,1000,5000", help="lesson counts (default 100,1000,5000)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per size; the median is reported (default 5)")
    ap.add_argument("--keep", action="store_true", help="keep the generated courses and print where")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-serve", action="store_true", help="skip the serve measurement")
    ap.add_argument("--no-hugo", action="store_true", help="do not time hugo even when it is installed")
    ap.add_argument("--no-cargo", action="store_true", help="use the existing target/release/trellis")
    ap.add_argument("--workdir", help="where to generate courses (default: a new temp folder)")
    ap.add_argument("--settle", type=float, default=12, help="seconds to pause after deleting outputs (default 12)")
    ap.add_argument("--zola", help="a zola binary to time on the same course (default: `zola` on PATH)")
    ap.add_argument("--no-zola", action="store_true", help="do not time zola even when it is on PATH")
    ap.add_argument("--no-search", action="store_true", help="skip the first-query measurement in Chromium")
    ap.add_argument("--pdf", action="store_true",
                    help="also time the PDFs (needs Chromium): the bundled course and 100 worksheets")
    ap.add_argument("--binary", help="time this trellis binary instead of building the release one")
    ap.add_argument("--pdf-only", action="store_true", help="time only the PDFs")
    ap.add_argument("--lighthouse", action="store_true",
                    help="only run Lighthouse (performance, accessibility, best practices, SEO) on four pages of the bundled course")
    ap.add_argument("--scaling", type=int, default=1000,
                    help="lessons of the scaling case: one module of N against modules of 10 (0 skips it; default 1000)")
    a = ap.parse_args()
    sizes = [int(s.replace("_", "").replace(",", "")) for s in a.sizes.split(",") if s.strip()]
    if not sizes or min(sizes) < 1 or a.runs < 1:
        ap.error("--sizes needs positive lesson counts and --runs at least 1")

    binary = a.binary or os.path.join(REPO, "target", "release", "trellis")
    if a.lighthouse:
        # The pages are the same from any build of this checkout: no release build needed.
        if not os.access(binary, os.X_OK):
            binary = os.path.join(REPO, "target", "debug", "trellis")
            if not a.no_cargo:
                subprocess.run(["cargo", "build", "--quiet"], cwd=REPO, check=True)
        return lighthouse_bench(binary)
    if not a.no_cargo and not a.binary:
        print("building the release binary…", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"no binary at {binary}; run without --no-cargo")
    hugo = None if a.no_hugo else shutil.which("hugo")
    zola = None if a.no_zola else (a.zola or shutil.which("zola"))
    if zola and not os.access(zola, os.X_OK):
        raise SystemExit(f"--zola {zola}: not an executable")
    zola_name = None
    if zola:
        m = re.search(r"(\d+\.\d+\.\d+)", zola_version(zola))
        zola_name = f"Zola {m.group(1)}" if m else "Zola"
    hugo_name = None
    if hugo:
        m = re.search(r"v(\d+\.\d+)", version([hugo, "version"]))
        hugo_name = f"Hugo {m.group(1)}" if m else "Hugo"
    formats = ["trellis"] + (["hugo"] if hugo else []) + (["zola"] if zola else [])

    work = a.workdir or tempfile.mkdtemp(prefix="trellis-bench-")
    os.makedirs(work, exist_ok=True)
    if a.pdf_only:
        try:
            print(pdf_bench(binary, work, a.runs, a.seed))
        finally:
            if not a.workdir:
                shutil.rmtree(work, ignore_errors=True)
        return 0
    outputs = Outputs(work, a.settle)
    loads = [load()]
    rows = []
    courses: dict[int, str] = {}
    timings = ""
    try:
        for n in sizes:
            print(f"{n:,} lessons: generating…", file=sys.stderr)
            dirs = gen_course.generate(n, os.path.join(work, f"course-{n}"), a.seed, formats)
            course = courses[n] = dirs["trellis"]
            out = os.path.join(work, f"out-{n}")
            row = {"n": n}
            print(f"{n:,} lessons: trellis build ×{a.runs}…", file=sys.stderr)
            # Cold: no earlier output and no cache (`--no-cache`).
            row["trellis"] = timed_runs([binary, "build", "--quiet", "--no-cache", "--root", course, "--output", out], out, a.runs, outputs)
            print(f"{n:,} lessons: cp -r ×{a.runs}…", file=sys.stderr)
            row["cp"] = timed_runs(["cp", "-r", course, out], out, a.runs, outputs)
            if zola:
                print(f"{n:,} lessons: zola ×{a.runs}…", file=sys.stderr)
                row["zola"] = timed_runs([zola, "--root", dirs["zola"], "build", "--output-dir", out], out, a.runs, outputs)
            if hugo:
                print(f"{n:,} lessons: hugo ×{a.runs}…", file=sys.stderr)
                row["hugo"] = timed_runs([hugo, "--quiet", "-s", dirs["hugo"], "-d", out], out, a.runs, outputs)
            if n >= 1000:
                # One build with a word in one late lesson: output sizes, the first
                # search query, then warm rebuilds over it with its cache.
                print(f"{n:,} lessons: output, search, warm rebuild…", file=sys.stderr)
                mark_late_lesson(course)
                stats_out = os.path.join(work, f"stats-{n}")
                measure([binary, "build", "--quiet", "--root", course, "--output", stats_out])
                row["output"] = output_stats(stats_out, n)
                if not a.no_search:
                    row["search"] = search_bytes(stats_out)
                row["warm"] = warm_rebuild(binary, course, stats_out, a.runs)
                outputs.clear(stats_out)
                outputs.empty()
            rows.append(row)
            loads.append(load())
            print(f"  trellis {fmt_s(row['trellis']['wall'])} (runs: "
                  + ", ".join(f"{w:.3f}" for w in row["trellis"]["walls"]) + f"), load {loads[-1]}", file=sys.stderr)

        scaling = None
        if a.scaling:
            scaling = {"n": a.scaling}
            for key, size in [("modules", 10), ("one", a.scaling)]:
                print(f"scaling: {a.scaling:,} lessons in modules of {size} ×{a.runs}…", file=sys.stderr)
                dirs = gen_course.generate(a.scaling, os.path.join(work, f"scaling-{key}"), a.seed, ["trellis"], size)
                out = os.path.join(work, f"out-scaling-{key}")
                time_ = timed_runs([binary, "build", "--quiet", "--no-cache", "--root", dirs["trellis"], "--output", out], out, a.runs, outputs)
                measure([binary, "build", "--quiet", "--root", dirs["trellis"], "--output", out])
                scaling[key] = {"time": time_, "output": output_stats(out, a.scaling)}
                outputs.clear(out)
                outputs.empty()

        n = max(sizes)
        course = courses[n]
        out = os.path.join(work, f"out-{n}")
        r = measure([binary, "build", "--root", course, "--output", out], env={"TRELLIS_TIMINGS": "1"})
        timings = "\n".join(line for line in r["stderr"].splitlines() if line.strip())
        outputs.clear(out)
        outputs.empty()
        pdf = pdf_bench(binary, work, a.runs, a.seed) if a.pdf else None
        serve = None
        if not a.no_serve:
            print(f"{n:,} lessons: serve, {SERVE_EDITS} body edits and a title edit…", file=sys.stderr)
            serve = serve_bench(binary, course)
            for e in serve["body"] + [serve["title"]]:
                e["file"] = os.path.relpath(e["file"], course)
            loads.append(load())
    finally:
        if a.keep:
            print(f"kept the courses in {work}", file=sys.stderr)
        elif not a.workdir:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\n{table(rows, hugo_name, zola_name)}\n")
    if any("output" in r for r in rows):
        print(output_table(rows) + "\n")
        print(f"First search query: the scripts a search page loads in headless Chromium over HTTP, "
              f"from opening it to the first result, for a word in one late lesson (`{SEARCH_WORD}`).\n")
        for r in rows:
            if r.get("warm"):
                print(f"- {r['n']:,} lessons, warm rebuilds: " + ", ".join(f"{w:.3f}" for w in r["warm"]["walls"])
                      + " s; stages of the last:\n" + "\n".join("    " + l for l in r["warm"]["stages"].splitlines()))
        print()
    if scaling:
        print(scaling_table(scaling) + "\n")
    if pdf:
        print(pdf + "\n")
    print("Every timed run, in seconds:\n")
    for r in rows:
        print(f"- {r['n']:,} lessons: " + "; ".join(
            f"{tool} " + ", ".join(f"{w:.3f}" for w in r[key]["walls"])
            for tool, key in [("trellis", "trellis"), ("cp -r", "cp"), ("zola", "zola"), ("hugo", "hugo")] if key in r))
    print()
    if serve:
        print(serve_table(max(sizes), serve) + "\n")
        for e in serve["body"] + [serve["title"]]:
            print(f"- {e['file']}: rebuild {e['rebuild_ms']:.1f} ms, reload {e['reload_ms']:.0f} ms, "
                  f"settled {e['settled_ms']:.0f} ms, {pages(e['pages'])}{' (full)' if e['full'] else ''}")
        print()
    print(f"Machine: {machine()}.")
    print(f"Versions: {version([binary, '--version'])}" + (f"; {zola_version(zola)}" if zola else "")
          + (f"; {version([hugo, 'version'])}" if hugo else "") + ".")
    print(f"Method: median of {a.runs} runs after one untimed run; no run finds an earlier output "
          f"(each is moved aside, then all are deleted and the machine left {a.settle:.0f} s before the next batch); "
          "peak RSS is the largest of the runs; load average (1/5/15 min) "
          + " → ".join(loads) + ".")
    if timings:
        print(f"\nStage timings, one `TRELLIS_TIMINGS=1 trellis build` of {max(sizes):,} lessons:\n")
        print("\n".join("    " + line for line in timings.splitlines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
