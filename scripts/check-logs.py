#!/usr/bin/env python3
"""Fails when a log holds a capability key, another secret, or an applicant's personal data.

Usage: check-logs.py LOG_OR_DIR... --maildev URL

Two kinds of search (issue 13, item 5):
- by shape, whatever mail was sent: a My Page/cancellation key is 48 lowercase hex digits
  (`usecases::apply::new_key`), an API token `kenshu_pat_` + 43 base64url characters, a
  webhook secret `whsec_` + 64 hex digits. Tests that apply without SMTP
  (`TestApp::keys_in_outbox`) or with their own mail sink make keys no shared mail holds.
- by value, from every mail the run sent (read from maildev's HTTP API): the keys in its
  links, its recipients' addresses, and the names and phone numbers it quotes.
A directory stands for every `*.log` in it. None of those may appear in any log.
"""
import json
import os
import re
import sys
import urllib.request

SHAPES = {
    "key": re.compile(r"(?<![0-9a-f])[0-9a-f]{48}(?![0-9a-f])"),
    "API token": re.compile(r"kenshu_pat_[A-Za-z0-9_-]{43}"),
    "webhook secret": re.compile(r"whsec_[0-9a-f]{64}"),
}
TOKEN = re.compile(r"[A-Za-z0-9_-]{22,}")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+")
PHONE = re.compile(r"[0-9０-９-]{10,}")
NON_ASCII_LINE = re.compile(r"^.*[^\x00-\x7f].*$", re.M)


def secrets_from_mails(maildev: str) -> dict[str, set[str]]:
    with urllib.request.urlopen(maildev.rstrip("/") + "/api/email") as res:
        mails = json.load(res)
    found: dict[str, set[str]] = {"key": set(), "email": set(), "name": set(), "phone": set()}
    for mail in mails:
        text = mail.get("text") or ""
        found["key"].update(re.findall(r"/me/(?:[a-z-]+/)?([A-Za-z0-9_-]{22,})", text))
        found["email"].update(t["address"].lower() for t in mail.get("to", []) if t.get("address"))
        found["name"].update(n.strip() for n in re.findall(r"^(?:氏名|お名前)[：:](.+)$", text, re.M) if len(n.strip()) >= 2)
        found["phone"].update(p.strip() for p in re.findall(r"電話番号[：:]\s*([0-9０-９-]{10,})", text))
    return found


def line_of(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def scan(log: str, text: str, secrets: dict[str, set[str]]) -> int:
    """Prints every hit (file, line, kind; never the value) and returns how many."""
    hits = []
    for kind, shape in SHAPES.items():
        hits += [(m.start(), f"{kind} (by its shape)") for m in shape.finditer(text)]
    # By value: candidates are cut out of the log and looked up, so thousands of mails cost
    # one pass over the log each kind, not one pass per value.
    hits += [(m.start(), "key") for m in TOKEN.finditer(text) if m.group() in secrets["key"]]
    hits += [(m.start(), "email") for m in EMAIL.finditer(text) if m.group().lower() in secrets["email"]]
    hits += [(m.start(), "phone") for m in PHONE.finditer(text) if m.group() in secrets["phone"]]
    for m in NON_ASCII_LINE.finditer(text):
        line = m.group()
        hits += [(m.start(), "name") for name in secrets["name"] if name in line]
    for at, kind in sorted(set(hits)):
        print(f"{log}:{line_of(text, at)}: holds a {kind}", file=sys.stderr)
    return len(set(hits))


def main() -> int:
    args = sys.argv[1:]
    if "--maildev" not in args:
        print(__doc__, file=sys.stderr)
        return 2
    i = args.index("--maildev")
    maildev, paths = args[i + 1], args[:i] + args[i + 2 :]
    logs = []
    for path in paths:
        if os.path.isdir(path):
            logs += sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".log"))
        else:
            logs.append(path)
    if not logs:
        print(f"no log to check in {' '.join(paths)}", file=sys.stderr)
        return 1
    secrets = secrets_from_mails(maildev)
    hits = size = 0
    for log in logs:
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        size += len(text)
        hits += scan(log, text, secrets)
    counts = ", ".join(f"{len(v)} {k}s" for k, v in secrets.items())
    print(
        f"{len(logs)} log(s), {size / 1e6:.1f} MB, checked for keys, API tokens and webhook secrets by shape "
        f"and against {counts} from the run's mails: {hits} found"
    )
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
