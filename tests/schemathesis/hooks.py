"""Schemathesis hooks for `scripts/schemathesis`: staff sign-in as the SPA does it.

Staff operations are called with the session cookie and its `X-CSRF-Token`, from a sign-in
made by the hook itself. The sign-in is sent from 127.0.0.2, so the per-address limit that
the fuzzed `POST /auth/login` requests run into (429 from 127.0.0.1) never locks the hook
out. `POST /auth/logout` ends every session of its account, so it runs as a second account
of its own; a 401 (after a logout, or a password reset of that account) signs in again.

The two accounts the run signs in with are never the subject of the staff-account
operations (role, disable, password): the run would otherwise lock itself out and learn
nothing more. Every other id, existing or not, is generated freely.

Environment (set by `scripts/schemathesis`):
  KENSHU_ST_ORIGIN      http://127.0.0.1:PORT
  KENSHU_ST_PASSWORD    the password of both accounts
  KENSHU_ST_ADMIN       the email of the admin account most operations run as
  KENSHU_ST_LOGOUT      the email of the account `POST /auth/logout` runs as
  KENSHU_ST_OWN_IDS     the two accounts' ids, comma-separated
"""

import http.client
import json
import os
import threading
from urllib.parse import urlparse

import schemathesis

ORIGIN = urlparse(os.environ["KENSHU_ST_ORIGIN"])
PASSWORD = os.environ["KENSHU_ST_PASSWORD"]
ADMIN = os.environ["KENSHU_ST_ADMIN"]
LOGOUT = os.environ["KENSHU_ST_LOGOUT"]
OWN_IDS = {int(i) for i in os.environ["KENSHU_ST_OWN_IDS"].split(",")}
LOGOUT_PATH = "/api/v1/auth/logout"
COOKIE = "kenshu_session"

_lock = threading.Lock()


def sign_in(email: str) -> tuple[str, str]:
    """Signs in from 127.0.0.2; returns the session cookie's value and the CSRF token."""
    with _lock:
        conn = http.client.HTTPConnection(ORIGIN.hostname, ORIGIN.port, timeout=30, source_address=("127.0.0.2", 0))
        try:
            body = json.dumps({"email": email, "password": PASSWORD})
            conn.request("POST", "/api/v1/auth/login", body, {"Content-Type": "application/json"})
            res = conn.getresponse()
            payload = res.read()
            if res.status != 200:
                raise RuntimeError(f"sign-in as {email} answered {res.status}: {payload[:300]!r}")
            cookie = next(
                c.split(";")[0].split("=", 1)[1]
                for c in res.headers.get_all("Set-Cookie") or []
                if c.startswith(COOKIE + "=")
            )
            return cookie, json.loads(payload)["csrf_token"]
        finally:
            conn.close()


def _account(case, ctx) -> str:
    return "logout" if ctx.operation.path == LOGOUT_PATH else "admin"


@schemathesis.auth(refresh_interval=36000, cache_by_key=_account, retry_on=[401])
class StaffSession:
    def get(self, case, ctx):
        return sign_in(LOGOUT if _account(case, ctx) == "logout" else ADMIN)

    def set(self, case, data, ctx):
        cookie, csrf = data
        case.cookies = {**(case.cookies or {}), COOKIE: cookie}
        case.headers = {**(case.headers or {}), "X-CSRF-Token": csrf}


@schemathesis.hook
def filter_path_parameters(ctx, path_parameters):
    if ctx.operation is None or not ctx.operation.path.startswith("/api/v1/admin/staff-users/{id}"):
        return True
    return path_parameters.get("id") not in OWN_IDS
