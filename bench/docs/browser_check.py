#!/usr/bin/env python3
"""Browser check of the HTML docs (issue 8), in headless Chromium over the DevTools protocol.

Loads the page of specs/todo.yaml, types into the search box, moves through the results with the arrow keys and
opens one with Enter, and takes screenshots (wide, dark, phone); sends a request from the --try-it page to a
running `gatehouse serve`; then loads the GitHub page three times and prints
the time to the load event. Skipped, with the reason printed, where Chromium or websocket-client is missing.

    python3 bench/docs/browser_check.py [--gatehouse PATH]

Needs: Debian's `chromium`, PyPI's `websocket-client`. Screenshots go to bench/docs/*.png.
"""
import argparse
import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "bench", "out", "docs")
SHOTS = os.path.join(ROOT, "bench", "docs")


def skip(reason):
    print(f"browser check skipped: {reason}")
    sys.exit(0)


class DevTools:
    def __init__(self, url):
        import websocket

        self.socket = websocket.create_connection(url, timeout=60)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[: index + 1]
                    return message
            self.events.append(json.loads(self.socket.recv()))
        raise TimeoutError(event)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def load(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        return self.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart")

    def screenshot(self, name):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path = os.path.join(SHOTS, name)
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))
        return os.path.relpath(path, ROOT)

    def key(self, key, code, keycode):
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code, windowsVirtualKeyCode=keycode)


def generate(gatehouse, spec, name):
    folder = os.path.join(OUT, name)
    subprocess.run([gatehouse, "generate", spec, "--docs", "--out", folder], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return "file://" + os.path.join(folder, "docs", "index.html")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gatehouse", default=None)
    arguments = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        skip("chromium is not installed (Debian: apt-get install chromium)")
    try:
        import websocket  # noqa: F401
    except ImportError:
        skip("the Python package websocket-client is not installed (pip install websocket-client)")
    gatehouse = arguments.gatehouse
    for candidate in (".build-release/release/gatehouse", ".build/debug/gatehouse"):
        if gatehouse is None and os.path.exists(os.path.join(ROOT, candidate)):
            gatehouse = os.path.join(ROOT, candidate)
    if gatehouse is None:
        skip("no gatehouse binary; build it first (swift build --product gatehouse)")

    os.makedirs(OUT, exist_ok=True)
    todo = generate(gatehouse, "specs/todo.yaml", "todo")
    github_spec = os.path.join(ROOT, "..", "shared", "testdata", "real-world", "github.json")
    github = generate(gatehouse, github_spec, "github") if os.path.exists(github_spec) else None

    profile = tempfile.mkdtemp(prefix="gatehouse-chromium-")
    browser = subprocess.Popen(
        [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1280,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not os.path.exists(port_file) and time.time() < deadline:
            time.sleep(0.1)
        if not os.path.exists(port_file):
            skip("chromium did not start its DevTools endpoint within 30 s")
        time.sleep(0.2)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(target for target in targets if target["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        tools.call("Page.enable")
        tools.call("Runtime.enable")

        todo_load = tools.load(todo)
        total = tools.evaluate("document.querySelectorAll('#nav-list li[data-search]').length")
        tools.evaluate("document.getElementById('search').focus()")
        tools.call("Input.insertText", text="todo")
        tools.key("ArrowDown", "ArrowDown", 40)
        visible = tools.evaluate(
            "[...document.querySelectorAll('#nav-list li[data-search]')].filter(li => !li.hidden).length")
        chosen = tools.evaluate("document.querySelector('#nav-list li.active a').getAttribute('href')")
        counter = tools.evaluate("document.getElementById('search-count').textContent")
        wide = tools.screenshot("todo-search.png")
        tools.key("Enter", "Enter", 13)
        time.sleep(0.3)
        opened = tools.evaluate("location.hash")
        focused = tools.evaluate("document.activeElement.id")
        opened_shot = tools.screenshot("todo-operation.png")
        tools.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": "dark"}])
        dark = tools.screenshot("todo-dark.png")
        tools.call("Emulation.setEmulatedMedia", features=[])
        tools.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1, mobile=True)
        tools.load(todo)
        phone = tools.screenshot("todo-phone.png")
        tools.call("Emulation.clearDeviceMetricsOverride")

        problems = []
        if not (0 < visible < total):
            problems.append(f"the search 'todo' left {visible} of {total} operations")
        if chosen is None or not opened.startswith("#operation/") or opened != chosen:
            problems.append(f"Enter on the chosen result {chosen!r} opened {opened!r}")
        if focused != opened[1:]:
            problems.append(f"focus is on {focused!r}, not the opened operation")

        print(f"todo page: load event after {todo_load:.0f} ms; search 'todo' shows {visible} of {total} "
              f"operations ('{counter}'); ArrowDown chose {chosen}, Enter opened {opened}")
        print(f"screenshots: {wide}, {opened_shot}, {dark}, {phone}")
        # Try it: the page of --try-it sends a request to a running `gatehouse serve` and shows the answer.
        serve = subprocess.Popen(
            [gatehouse, "serve", "specs/todo.yaml", "--port", "0", "--cors", "*", "--store", "memory"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            base = None
            deadline = time.time() + 30
            while base is None and time.time() < deadline:
                line = serve.stdout.readline()
                if line.startswith("Listening on "):
                    base = line.split()[2]
            if base is None:
                problems.append("gatehouse serve did not start within 30 s")
            else:
                folder = os.path.join(OUT, "todo-try-it")
                subprocess.run([gatehouse, "generate", "specs/todo.yaml", "--docs", "--out", folder, "--try-it", base],
                               check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
                tools.load("file://" + os.path.join(folder, "docs", "index.html"))
                tools.evaluate("(() => { const f = document.querySelector('#operation\\\\/createList form');"
                               " f.closest('details').open = true; f.requestSubmit(); })()")
                answer = ""
                deadline = time.time() + 10
                while not answer.startswith(("2", "4", "5", "The request failed")) and time.time() < deadline:
                    time.sleep(0.1)
                    answer = tools.evaluate(
                        "document.querySelector('#operation\\\\/createList output').textContent") or ""
                print(f"try it: POST /lists from the page to {base} answered '{answer.splitlines()[0] if answer else ''}'")
                if not answer.startswith("201"):
                    problems.append(f"the try-it form of createList got {answer[:80]!r}")
        finally:
            serve.terminate()
            serve.wait(timeout=10)

        if github:
            loads = [tools.load(github) for _ in range(3)]
            size = os.path.getsize(github[len("file://"):])
            shot = tools.screenshot("github.png")
            print(f"github page ({size / 1e6:.1f} MB): load event after "
                  f"{', '.join(f'{ms:.0f}' for ms in loads)} ms (median {statistics.median(loads):.0f} ms); "
                  f"screenshot {shot}")
        if problems:
            print("browser check FAILED: " + "; ".join(problems))
            sys.exit(1)
        print("browser check passed")
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
