#!/usr/bin/env python3
"""Fails when a server log holds a capability key or an applicant's personal data.

Usage: check-logs.py LOG... --maildev URL

Every mail the run sent (read from maildev's HTTP API) gives the secrets to look for: the
My Page and cancellation keys in its links, its recipients' addresses, and the names and
phone numbers it quotes. None may appear in any of the logs (issue 13, item 5).
"""
import json
import re
import sys
import urllib.request


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


def main() -> int:
    args = sys.argv[1:]
    if "--maildev" not in args:
        print(__doc__, file=sys.stderr)
        return 2
    i = args.index("--maildev")
    maildev, logs = args[i + 1], args[:i] + args[i + 2 :]
    secrets = secrets_from_mails(maildev)
    hits = 0
    for log in logs:
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        lowered = text.lower()
        for kind, values in secrets.items():
            for value in values:
                at = (lowered if kind == "email" else text).find(value)
                if at >= 0:
                    hits += 1
                    print(f"{log}:{text.count(chr(10), 0, at) + 1}: holds a {kind}", file=sys.stderr)
    counts = ", ".join(f"{len(v)} {k}s" for k, v in secrets.items())
    print(f"logs checked against {counts} from the run's mails: {hits} found")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
