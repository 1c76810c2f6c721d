"""A headless Chromium driven over the DevTools protocol through --remote-debugging-pipe (the
browser reads commands on fd 3 and writes replies on fd 4, each a JSON message ended by NUL).
It lets one browser process load a page once and look at it at several viewport widths and in
light and dark mode, which the command line cannot emulate. Standard library only."""
import base64
import fcntl
import json
import os
import subprocess


class DevToolsError(RuntimeError):
    pass


class Browser:
    def __init__(self, chromium, timeout=60):
        to_browser_read, self._write = os.pipe()
        self._read, from_browser_write = os.pipe()

        def wire_pipes():
            # Move both ends out of the way first: either may already be fd 3 or 4.
            read_end = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.timeout = timeout
        self.proc = subprocess.Popen(
            [chromium, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--hide-scrollbars", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=wire_pipes)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events = []
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Log.enable")

    def _message(self):
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise DevToolsError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(raw)

    def call(self, method, session=None, **params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._message()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def send(self, method, **params):
        """A command to the page."""
        return self.call(method, session=self.session, **params)

    def wait_for(self, event):
        """Waits for `event` and returns it; every other message stays in `events` (console
        messages sent while a page loads are what console_errors() reports)."""
        for i, message in enumerate(self.events):
            if message.get("method") == event:
                return self.events.pop(i)
        while True:
            message = self._message()
            if message.get("method") == event:
                return message
            self.events.append(message)

    def open(self, url):
        self.events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def console_errors(self):
        """Console messages, exceptions and browser log entries (a resource that failed to load,
        a blocked request) seen since the last open()."""
        out = []
        for m in self.events:
            if m.get("method") == "Runtime.exceptionThrown":
                out.append(m["params"]["exceptionDetails"].get("text", "exception"))
            elif m.get("method") == "Runtime.consoleAPICalled":
                out.append(" ".join(str(a.get("value", "")) for a in m["params"]["args"]))
            elif m.get("method") == "Log.entryAdded":
                entry = m["params"]["entry"]
                out.append(f"{entry.get('level')}: {entry.get('text')} {entry.get('url', '')}".strip())
        return out

    def settle(self, milliseconds=300):
        """Lets timers and late scripts run after the load event, then collects their events."""
        self.evaluate(f"new Promise(function (done) {{ setTimeout(done, {milliseconds}); }})")

    def viewport(self, width, height=900, dark=False):
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        self.send("Emulation.setEmulatedMedia", media="screen",
                  features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}])

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise DevToolsError(result["exceptionDetails"].get("text", "script failed") + ": " + str(result["exceptionDetails"]))
        return result["result"].get("value")

    def screenshot(self, path, width, height):
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close")
        except DevToolsError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._write)
        os.close(self._read)
