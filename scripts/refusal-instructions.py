#!/usr/bin/env python3
"""Instructions per late refusal and per /healthz of one `kenshu` binary, under callgrind
(issue 13, item 9): a count that does not move with the machine's load, unlike the rush
bench's latencies.

    python3 scripts/refusal-instructions.py BIN OUT N [seats]

A fresh SQLite database in a temporary directory, a staff account, a training of one seat
taken by a first applicant (the second is refused and teaches the instance that the training
is sold out), then N late applicants refused from memory (their bodies in UTF-8, unescaped,
as the SPA and the rush bench send them) and N `GET /healthz`, one after the
other on one keep-alive connection to `kenshu serve` on 127.0.0.1:18555, running under
`valgrind --tool=callgrind`. The counters are zeroed before each phase and dumped after it:
OUT.<pid>.1 (refusals) and OUT.<pid>.2 (/healthz); `grep ^summary` gives the instructions,
`callgrind_annotate --inclusive=yes` where they go. User-space instructions only: the kernel's
TCP work is not counted. Needs valgrind (Debian package)."""
import datetime, http.client, json, os, subprocess, sys, tempfile, time

bin_, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
# `seats`: a training of 10,000 seats, so that the N applicants of the first phase are each
# seated (201) instead of refused: the instructions of a seat (issue 13, item 8).
seats = sys.argv[4:] == ["seats"]
d = tempfile.mkdtemp()
port = 18555
env = dict(os.environ, KENSHU_DATABASE_URL=f"sqlite://{d}/k.db?mode=rwc", KENSHU_JWT_SECRET=os.urandom(24).hex(),
           KENSHU_SPA_DIR=f"{d}/no-spa", RUST_LOG="warn", KENSHU_BIND=f"127.0.0.1:{port}",
           KENSHU_PUBLIC_URL=f"http://127.0.0.1:{port}")
subprocess.run([bin_, "migrate"], env=env, check=True, capture_output=True)
subprocess.run([bin_, "user", "create", "--email", "cg@example.jp", "--role", "staff"], env=env, check=True,
               input=b"callgrind-password-123456\n", capture_output=True)
server = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}.%p", bin_, "serve"], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(600):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60); c.request("GET", "/readyz")
            if c.getresponse().status == 200: break
        except OSError: pass
        time.sleep(0.2)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    def call(method, path, body=None, headers=None):
        h = {"content-type": "application/json"} | (headers or {})
        c.request(method, path, body=None if body is None else (body if isinstance(body, bytes) else json.dumps(body)), headers=h)
        r = c.getresponse(); data = r.read(); return r.status, data
    st, data = call("POST", "/api/v1/auth/login", {"email": "cg@example.jp", "password": "callgrind-password-123456"})
    token = json.loads(data)["access_token"]; auth = {"authorization": f"Bearer {token}"}
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    iso = lambda t: t.isoformat().replace("+00:00", "Z")
    starts = now + datetime.timedelta(days=14)
    training = {"title": "命令数計測用研修", "purpose": "callgrind", "organiser": "札幌市介護支援専門員連絡協議会",
                "starts_at": iso(starts), "ends_at": iso(starts + datetime.timedelta(minutes=90)), "venue": "会場",
                "fee_yen": 0, "capacity": 10000 if seats else 1, "format": "in_person", "application_opens_at": iso(now - datetime.timedelta(days=1)),
                "application_closes_at": iso(starts - datetime.timedelta(days=3)), "issues_certificate": False,
                "checklist_required": False, "form_kind": "simple", "waiting_list": False}
    st, data = call("POST", "/api/v1/admin/trainings", training, auth); assert st == 201, data
    tid = json.loads(data)["id"]
    st, data = call("POST", f"/api/v1/admin/trainings/{tid}/publish", None, auth); assert st == 200, data
    def apply(i):
        email = f"late-{i}@example.jp"
        body = json.dumps({"member": "non_member", "full_name": "札幌 花子", "workplace": "有限会社谷川企画",
                           "phone": "0123-45-6789", "email": email, "email_confirmation": email,
                           "privacy_consent": True, "checklist_answers": None}, ensure_ascii=False).encode()
        return call("POST", f"/api/v1/trainings/{tid}/applications", body, {"Idempotency-Key": f"cg-{i}"})
    assert apply(0)[0] == 201
    assert apply(1)[0] == (201 if seats else 409)
    time.sleep(3)
    subprocess.run(["callgrind_control", "-z", str(server.pid)], check=True, capture_output=True)
    for i in range(2, 2 + n):
        st, data = apply(i); assert (st == 201) if seats else (st == 409 and b"training_full" in data), (st, data)
    subprocess.run(["callgrind_control", "-d", "refusals", str(server.pid)], check=True, capture_output=True)
    subprocess.run(["callgrind_control", "-z", str(server.pid)], check=True, capture_output=True)
    for i in range(n):
        st, _ = call("GET", "/healthz"); assert st == 200
    subprocess.run(["callgrind_control", "-d", "healthz", str(server.pid)], check=True, capture_output=True)
    st, data = call("GET", "/metrics")
    print([l for l in data.decode().splitlines() if l.startswith("kenshu_refusals_from_memory_total")])
finally:
    server.terminate(); server.wait(timeout=60)
