"""A student's browser, reduced to its HTTP and websocket traffic: what the
Hub's login page, its home page's "Start My Server" button and the classic
Notebook's JavaScript send, with the cookies a browser keeps.

    s = Student(base_url, "alice", password)
    await s.login()                        # POST /hub/login
    await s.start_server()                 # POST /hub/api/users/alice/server, poll until ready
    await s.open_server()                  # /user/alice/tree through the Hub's OAuth
    nb = await s.get_notebook("03_x.ipynb")   # GET /user/alice/api/contents/...
    k = await s.start_kernel("03_x.ipynb")    # POST /user/alice/api/sessions
    reply, outputs = await k.execute(code)    # websocket .../channels
    await k.close(); await s.stop_server(); await s.logout()

Runs under Debian's Python with Debian's tornado (a jupyterhub dependency):
no package from PyPI."""

import asyncio
import http.cookiejar
import http.cookies
import json
import time
import urllib.parse
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

# A class's worth of requests at once: tornado's default of 10 concurrent
# requests per client would queue the students behind each other.
AsyncHTTPClient.configure(None, max_clients=1000)


class HubError(Exception):
    """A request a browser would make failed: says which, and what came back."""


class CookieJar:
    """The cookies of one browser: by name and path, sent to every request
    whose path lies under the cookie's (the Hub's and the Notebook server's
    _xsrf cookies have the same name under different paths)."""

    def __init__(self):
        self.cookies = {}  # (name, path) -> value

    def update(self, response):
        for header in response.headers.get_list("Set-Cookie"):
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                key = (name, morsel["path"] or "/")
                if morsel["max-age"] == "0" or morsel.value == "" or _expired(morsel["expires"]):
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value

    def header(self, path):
        # Longest path first, as browsers order them.
        found = sorted(((len(p), n, v) for (n, p), v in self.cookies.items() if _under(path, p)), reverse=True)
        return "; ".join(f"{n}={v}" for _, n, v in found)

    def get(self, name, path):
        for (n, p), v in self.cookies.items():
            if n == name and _under(path, p):
                return v
        return None


def _under(path, cookie_path):
    return path == cookie_path or path.startswith(cookie_path.rstrip("/") + "/")


def _expired(expires):
    if not expires:
        return False
    try:
        return http.cookiejar.http2time(expires) < time.time()
    except (TypeError, ValueError):
        return False



class Student:
    """One student's browser session with the Hub at base_url."""

    def __init__(self, base_url, name, password, timeout=180):
        self.base = base_url.rstrip("/")
        self.name = name
        self.password = password
        self.timeout = timeout
        self.jar = CookieJar()
        self.http = AsyncHTTPClient()

    def url(self, path):
        return self.base + path

    async def request(self, method, path, body=None, headers=None, json_body=None, token=None):
        """One request with the jar's cookies (or a token instead), no
        redirect followed; returns the response whatever its status."""
        h = {"Referer": self.url("/hub/home")}
        if token is None:
            cookies = self.jar.header(urllib.parse.urlsplit(path).path)
            if cookies:
                h["Cookie"] = cookies
        else:
            h["Authorization"] = f"token {token}"
        if json_body is not None:
            body = json.dumps(json_body)
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        if body is None and method in ("POST", "PUT", "PATCH"):
            body = ""
        req = HTTPRequest(self.url(path), method=method, headers=h, body=body, follow_redirects=False,
                          request_timeout=self.timeout, allow_nonstandard_methods=True)
        try:
            resp = await self.http.fetch(req, raise_error=False)
        except (OSError, HTTPClientError) as e:  # refused, reset, timed out
            raise HubError(f"{self.name}: {method} {path}: no answer ({e})") from e
        self.jar.update(resp)
        return resp

    async def expect(self, want, method, path, **kw):
        resp = await self.request(method, path, **kw)
        if resp.code not in want:
            raise HubError(f"{self.name}: {method} {path}: HTTP {resp.code}, want {sorted(want)}: "
                           f"{_body(resp)[:300]}")
        return resp

    async def login(self):
        """The Hub's login form. A refused login raises HubError."""
        await self.expect({200}, "GET", "/hub/login")
        form = urllib.parse.urlencode({"username": self.name, "password": self.password})
        resp = await self.request("POST", "/hub/login", body=form,
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
        if resp.code != 302 or not self.jar.get("jupyterhub-hub-login", "/hub/"):
            raise HubError(f"{self.name}: login refused (HTTP {resp.code}): {_login_error(resp)}")

    async def start_server(self):
        """What "Start My Server" does: ask the REST API, then poll the
        user's model until the server is ready."""
        resp = await self.expect({201, 202, 400}, "POST", f"/hub/api/users/{self.name}/server", json_body={})
        if resp.code == 400 and b"already running" not in resp.body:
            raise HubError(f"{self.name}: start server: HTTP 400: {_body(resp)[:300]}")
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            model = json.loads((await self.expect({200}, "GET", f"/hub/api/users/{self.name}")).body)
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            if not server.get("pending") and not server.get("ready") and resp.code != 400:
                raise HubError(f"{self.name}: server stopped while starting: {json.dumps(model)[:300]}")
            await asyncio.sleep(0.25)
        raise HubError(f"{self.name}: server not ready within {self.timeout} s")

    async def open_server(self):
        """Opens /user/NAME/tree as a browser: through the Hub's OAuth
        redirects to the Notebook server's cookie and its _xsrf cookie."""
        path = f"/user/{self.name}/tree"
        for _ in range(10):
            resp = await self.request("GET", path)
            if resp.code == 200:
                if not self.jar.get("_xsrf", f"/user/{self.name}/"):
                    raise HubError(f"{self.name}: the Notebook server set no _xsrf cookie")
                return
            if resp.code not in (301, 302, 303, 307):
                raise HubError(f"{self.name}: GET {path}: HTTP {resp.code}: {_body(resp)[:300]}")
            loc = urllib.parse.urlsplit(urllib.parse.urljoin(self.url(path), resp.headers["Location"]))
            path = loc.path + ("?" + loc.query if loc.query else "")
        raise HubError(f"{self.name}: more than 10 redirects opening the Notebook server")

    def xsrf(self):
        return {"X-XSRFToken": self.jar.get("_xsrf", f"/user/{self.name}/") or ""}

    async def get_notebook(self, name):
        resp = await self.expect({200}, "GET", f"/user/{self.name}/api/contents/{urllib.parse.quote(name)}")
        return json.loads(resp.body)["content"]

    async def start_kernel(self, notebook, kernel="gonsim"):
        """Opening a notebook: a session with a fresh kernel, then its
        channels websocket, answered kernel_info."""
        resp = await self.expect({201}, "POST", f"/user/{self.name}/api/sessions", headers=self.xsrf(),
                                 json_body={"path": notebook, "type": "notebook", "name": "",
                                            "kernel": {"name": kernel}})
        model = json.loads(resp.body)
        k = Kernel(self, model["id"], model["kernel"]["id"])
        await k.connect()
        return k

    async def make_token(self, note="load test"):
        """What the Hub's token page does: a new API token of this user."""
        resp = await self.expect({200, 201}, "POST", f"/hub/api/users/{self.name}/tokens",
                                 json_body={"note": note, "expires_in": 3600})
        return json.loads(resp.body)["token"]

    async def stop_server(self):
        await self.expect({202, 204}, "DELETE", f"/hub/api/users/{self.name}/server")
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            model = json.loads((await self.expect({200}, "GET", f"/hub/api/users/{self.name}")).body)
            if "" not in model.get("servers", {}):
                return
            await asyncio.sleep(0.25)
        raise HubError(f"{self.name}: server not stopped within {self.timeout} s")

    async def logout(self):
        await self.expect({200, 302}, "GET", "/hub/logout")


class Kernel:
    """A kernel's channels websocket, as the Notebook page holds it."""

    def __init__(self, student, session_id, kernel_id):
        self.student = student
        self.session_id = session_id
        self.id = kernel_id
        self.client_session = uuid.uuid4().hex
        self.ws = None
        self.language_info = {}
        self.restarts = 0  # status "restarting" seen on iopub
        self.nudges = 0  # kernel_info requests whose idle status was lost

    def channels_url(self):
        s = self.student
        ws = s.base.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
        return f"{ws}/user/{s.name}/api/kernels/{self.id}/channels?session_id={self.client_session}"

    async def connect(self, token=None):
        s = self.student
        headers = {"Origin": s.base}
        if token is None:
            headers["Cookie"] = s.jar.header(f"/user/{s.name}/api/kernels/{self.id}/channels")
        else:
            headers["Authorization"] = f"token {token}"
        req = HTTPRequest(self.channels_url(), headers=headers, request_timeout=s.timeout)
        self.ws = await websocket_connect(req, max_message_size=256 << 20)
        # Notebook 6.4 makes sure a new websocket's iopub subscription is in
        # place ("nudge") before it passes messages on, but skips that when
        # the kernel is busy at that moment -- as it is when it is still
        # answering the server's own kernel_info of a moment before. Then
        # the first cells' iopub messages can be lost to ZeroMQ's slow
        # joiner: their idle never comes, their output is gone. So this
        # client does what Notebook meant to: kernel_info until one is
        # followed by its idle status, and counts the extra ones.
        deadline = time.monotonic() + s.timeout
        while True:
            try:
                reply, _ = await self.request("kernel_info_request", {}, max(1.0, deadline - time.monotonic()),
                                              idle_grace=1.0)
                break
            except ReplyLost as e:
                if e.reply is None or time.monotonic() > deadline:
                    raise
                self.nudges += 1
        self.language_info = reply["content"].get("language_info", {})

    def message(self, msg_type, content):
        return {
            "header": {"msg_id": uuid.uuid4().hex, "username": self.student.name, "session": self.client_session,
                       "msg_type": msg_type, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": [],
        }

    async def request(self, msg_type, content, timeout, idle_grace=None):
        """Sends a shell request; returns (reply, iopub messages of it) once
        both the reply and the iopub idle status have arrived: the reply
        within timeout, the idle within idle_grace of the reply if given."""
        msg = self.message(msg_type, content)
        msg_id = msg["header"]["msg_id"]
        await self.ws.write_message(json.dumps(msg))
        reply, iopub, idle = None, [], False
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ReplyLost(f"{self.student.name}: no {'reply' if reply is None else 'idle status'} "
                                f"to {msg_type} within {timeout} s", reply)
            try:
                raw = await asyncio.wait_for(self.ws.read_message(), left)
            except asyncio.TimeoutError:
                continue
            if raw is None:
                raise ReplyLost(f"{self.student.name}: the kernel's websocket closed during {msg_type}", reply)
            if isinstance(raw, bytes):
                continue  # binary frames carry buffers (comms); cells here send none
            m = json.loads(raw)
            parent = m.get("parent_header", {}).get("msg_id")
            if m.get("channel") == "iopub" and m["header"]["msg_type"] == "status" \
                    and m["content"].get("execution_state") == "restarting":
                self.restarts += 1
            if parent != msg_id:
                continue
            if m.get("channel") == "shell":
                reply = m
                if idle_grace is not None:
                    deadline = min(deadline, time.monotonic() + idle_grace)
            elif m.get("channel") == "iopub":
                if m["header"]["msg_type"] == "status":
                    idle = idle or m["content"].get("execution_state") == "idle"
                else:
                    iopub.append(m)
        return reply, iopub

    async def execute(self, code, timeout=300):
        return await self.request("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}, timeout)

    async def close(self):
        """Closing the notebook's tab and shutting its kernel down."""
        if self.ws is not None:
            self.ws.close()
        await self.student.expect({204}, "DELETE", f"/user/{self.student.name}/api/sessions/{self.session_id}",
                                  headers=self.student.xsrf())


class ReplyLost(Exception):
    """No execute_reply (or no idle status) within the time allowed; reply
    is the reply when only the idle status is missing."""

    def __init__(self, msg, reply=None):
        super().__init__(msg)
        self.reply = reply


def outputs_of(iopub):
    """nbformat outputs of a cell from its iopub messages."""
    outs = []
    for m in iopub:
        t, c = m["header"]["msg_type"], m["content"]
        if t == "stream":
            if outs and outs[-1]["output_type"] == "stream" and outs[-1]["name"] == c["name"]:
                outs[-1]["text"] += c["text"]
            else:
                outs.append({"output_type": "stream", "name": c["name"], "text": c["text"]})
        elif t in ("display_data", "execute_result"):
            out = {"output_type": t, "data": c.get("data", {}), "metadata": c.get("metadata", {})}
            if t == "execute_result":
                out["execution_count"] = c.get("execution_count")
            outs.append(out)
        elif t == "error":
            outs.append({"output_type": "error", "ename": c.get("ename"), "evalue": c.get("evalue"),
                         "traceback": c.get("traceback", [])})
        elif t == "clear_output":
            outs.clear()
    return outs


def _body(resp):
    return (resp.body or b"").decode("utf-8", "replace")


def _login_error(resp):
    body = _body(resp)
    i = body.find("login_error")
    return " ".join(body[i:i + 200].split()) if i >= 0 else body[:200]
