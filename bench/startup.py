"""How long ``python ui.py`` takes to show its window, on a virtual X screen (Xvfb) like a desktop.

    .venv/bin/python bench/startup.py [--runs 5]

Starts Xvfb, then ``runs`` times: launches ``python ui.py``, polls ``xdotool search --onlyvisible`` for
its window, records the time from launch to a visible window and the process's peak RSS (VmHWM) at
that moment, and closes the app. Needs Debian's xvfb and xdotool. Prints one JSON line like
``python -m app bench --json`` (model ``ui-startup``).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def peak_rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def visible(display):
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Huafeng"], capture_output=True,
                           env={**os.environ, "DISPLAY": display})
    return found.returncode == 0 and found.stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--display", default=":97")
    args = parser.parse_args()
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        sys.exit("needs Xvfb and xdotool: apt-get install xvfb xdotool")
    xvfb = subprocess.Popen(["Xvfb", args.display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = {**os.environ, "DISPLAY": args.display, "QT_QPA_PLATFORM": "xcb"}
        env.pop("QT_QPA_PLATFORM_PLUGIN_PATH", None)
        times, peaks = [], []
        for _ in range(args.runs + 1):  # the first launch warms the file cache and is not counted
            start = time.perf_counter()
            app = subprocess.Popen([sys.executable, "ui.py"], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
            while not visible(args.display):
                if app.poll() is not None or time.perf_counter() - start > 60:
                    sys.exit("the window did not appear")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
            peaks.append(peak_rss_mb(app.pid))
            app.terminate()
            app.wait(timeout=10)
        times, peaks = times[1:], peaks[1:]
        print(json.dumps({"model": "ui-startup", "size": 0, "backend": "-",
                          "median_s": round(statistics.median(times), 3),
                          "min_s": round(min(times), 3), "max_s": round(max(times), 3),
                          "peak_rss_mb": round(max(peaks), 1)}))
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


if __name__ == "__main__":
    main()
