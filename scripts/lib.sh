# Shared by scripts/run and scripts/test: install what is missing, nothing more.
# shellcheck shell=bash

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kenshu/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { printf '\n== %s\n' "$*" >&2; }

# apt_install PKG...: installs the Debian packages that are not installed yet.
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# npm_deps DIR: the npm packages of DIR, reinstalled only when its lock file changed.
npm_deps() {
  local dir=$1 stamp="$1/node_modules/.kenshu-lock-hash" want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "npm ci ($dir)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}

frontend_deps() { npm_deps frontend; }

# wait_for_url URL SECONDS
wait_for_url() {
  local url=$1 deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ $SECONDS -lt "$deadline" ] || { echo "timed out waiting for $url" >&2; return 1; }
    sleep 0.2
  done
}

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_maildev: the SMTP sink the tests read mail from (maildev: SMTP + an HTTP API) on free
# ports. Exports KENSHU_TEST_SMTP_URL and KENSHU_TEST_MAILDEV_URL; sets maildev to its pid
# (the caller's trap stops it).
start_maildev() {
  local smtp_port mail_port
  smtp_port=$(free_port)
  mail_port=$(free_port)
  tools/node_modules/.bin/maildev --ip 127.0.0.1 --silent --smtp "$smtp_port" --web "$mail_port" >/dev/null 2>&1 &
  maildev=$!
  export KENSHU_TEST_SMTP_URL="smtp://127.0.0.1:$smtp_port" KENSHU_TEST_MAILDEV_URL="http://127.0.0.1:$mail_port"
  wait_for_url "$KENSHU_TEST_MAILDEV_URL/api/email" 30
}

# ensure_postgres: starts the machine's PostgreSQL cluster if 127.0.0.1:5432 does not answer.
ensure_postgres() {
  pg_isready -q -h 127.0.0.1 -p 5432 && return 0
  say "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 50); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 0.2; done
  echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
  return 1
}
