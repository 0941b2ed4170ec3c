#!/usr/bin/python3
"""Bad input at a classroom's Hub: one student cannot reach another's kernel.

    hub_isolation.py URL PASSWORD

alice logs in, starts her server and a gonsim kernel, and sets x := 41.
bob logs in and makes an API token, as the Hub's token page does. Then:
  * bob's token is refused (403) on every URL of alice's server that
    reaches her kernel (REST and the channels websocket) and on the Hub's
    API for alice's server and tokens (403, or 404 where the Hub hides
    that alice exists); alice's own token works on the same
    URLs (so a refusal is about bob, not about the URL);
  * bob's browser cookies on alice's kernel URL end in a 403 from the Hub's
    OAuth, never in her server's answer;
  * logins with a wrong password, an unsafe name ("../etc") or an empty one
    are refused;
after which alice's kernel still has x (x+1 prints 42): nothing bob tried
reached it. Exit status 1 with every failure printed."""

import asyncio
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "classroom"))
import hubclient as hc  # noqa: E402
from tornado.httpclient import HTTPClientError  # noqa: E402

fails = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        fails.append(what)


async def text_of(kernel, code):
    reply, iopub = await kernel.execute(code, timeout=120)
    outs = hc.outputs_of(iopub)
    return reply["content"]["status"], "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outs)


async def main(url, password):
    alice, bob = hc.Student(url, "alice", password), hc.Student(url, "bob", password)
    for s in (alice, bob):
        await s.login()
    await alice.start_server()
    await alice.open_server()
    k = await alice.start_kernel("smoke.ipynb")
    status, _ = await text_of(k, "x := 41")
    check(status == "ok", "alice's kernel runs x := 41")
    bob_token, alice_token = await bob.make_token(), await alice.make_token()

    kernel = f"/user/alice/api/kernels/{k.id}"
    # Each URL with bob's token (refused: alice's server says 403; the Hub
    # says 404 where a 403 would tell bob that alice exists), then with
    # alice's where it is harmless to repeat (must succeed).
    table = [
        ("GET", "/user/alice/api/kernels", 403, 200),
        ("GET", kernel, 403, 200),
        ("GET", "/user/alice/api/sessions", 403, 200),
        ("GET", "/user/alice/api/contents/smoke.ipynb", 403, 200),
        ("POST", kernel + "/interrupt", 403, 204),
        ("POST", kernel + "/restart", 403, None),
        ("DELETE", kernel, 403, None),
        ("POST", "/user/alice/api/kernels", 403, None),
        ("GET", "/hub/api/users/alice", 404, 200),
        ("POST", "/hub/api/users/alice/tokens", 403, None),
        ("DELETE", "/hub/api/users/alice/server", 404, None),
    ]
    for method, path, refused, alice_code in table:
        body = {} if method == "POST" else None
        resp = await bob.request(method, path, token=bob_token, json_body=body)
        check(resp.code == refused, f"bob's token: {method} {path} -> HTTP {resp.code} (want {refused})")
        if alice_code is not None:
            resp = await alice.request(method, path, token=alice_token, json_body=body)
            check(resp.code == alice_code, f"alice's token: {method} {path} -> HTTP {resp.code} (want {alice_code})")

    intruder = hc.Kernel(alice, k.session_id, k.id)  # alice's URL, bob's token
    try:
        await intruder.connect(token=bob_token)
        check(False, "bob's token: the channels websocket of alice's kernel was accepted")
    except HTTPClientError as e:
        check(e.code == 403, f"bob's token: channels websocket of alice's kernel refused with HTTP {e.code} (want 403)")
    own = hc.Kernel(alice, k.session_id, k.id)
    await own.connect(token=alice_token)
    status, text = await text_of(own, "x + 1")
    check(status == "ok" and text.strip() == "42",
          f"alice's token: her kernel's websocket works and x + 1 is {text.strip()!r} (want '42')")
    own.ws.close()

    code = await follow(bob, kernel)
    check(code == 403, f"bob's cookies: GET {kernel} ends in HTTP {code} after the Hub's redirects (want 403)")

    for name, pw, why in [("carol", password + "x", "wrong password"), ("../etc", password, "unsafe name"),
                          ("", password, "empty name")]:
        try:
            await hc.Student(url, name, pw).login()
            check(False, f"login {name!r} with a {why} was accepted")
        except hc.HubError as e:
            check("login refused" in str(e), f"login {name!r} ({why}) refused: {str(e)[:120]}")

    status, text = await text_of(k, "x + 1")
    check(status == "ok" and text.strip() == "42",
          f"afterwards alice's kernel is untouched: x + 1 is {text.strip()!r} (want '42')")
    await k.close()
    await alice.stop_server()
    models = json.loads((await alice.expect({200}, "GET", "/hub/api/users/alice")).body)
    check("" not in models.get("servers", {}), "alice's server stopped")


async def follow(student, path):
    """GET path with the student's cookies, following redirects as a
    browser does; returns the final status."""
    for _ in range(10):
        resp = await student.request("GET", path)
        if resp.code not in (301, 302, 303, 307):
            return resp.code
        loc = urllib.parse.urlsplit(urllib.parse.urljoin(student.url(path), resp.headers["Location"]))
        path = loc.path + ("?" + loc.query if loc.query else "")
    return resp.code


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    asyncio.run(main(sys.argv[1], sys.argv[2]))
    print(f"{len(fails)} failure(s)")
    sys.exit(1 if fails else 0)
