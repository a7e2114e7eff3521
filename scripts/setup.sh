# Shared set-up for scripts/run and scripts/test: sourced, not executed.
#
# Installs the Debian packages the app (and, for tests, the browser and PDF
# tools) need when they are missing, creates .venv with Python 3.11 and
# installs the pinned requirements only when they changed since last time,
# so a second run takes a second or two.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# WeasyPrint's Pango, HarfBuzz's fast font subsetting (without it a Chinese
# letter takes ~9 s instead of ~0.25 s), the Noto CJK fonts, GNU gettext.
APP_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext)
# pdftotext for reading PDFs back, Chromium for the browser tests.
TEST_PACKAGES=(poppler-utils chromium)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else log "Need root to run: $*"; return 1
  fi
}

ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  log "Python 3.11 is required (set PYTHON=/path/to/python3.11)"; return 1
}

ensure_venv() {
  local requirements="$1" python stamp wanted
  if [ ! -x .venv/bin/python ]; then
    python=$(find_python)
    log "Creating .venv with $python"
    if ! "$python" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      ensure_debian_packages python3-venv
      "$python" -m venv .venv
    fi
  fi
  stamp=.venv/.installed-requirements
  wanted=$(cat requirements.txt "$requirements" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    log "Installing pinned Python packages from $requirements"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r "$requirements" 2>&1 |
      grep -v "is ignored: it is neither a file nor a directory" >&2 || true
    .venv/bin/python -m pip check >/dev/null
    echo "$wanted" > "$stamp"
  fi
}

compile_translations() {
  .venv/bin/python manage.py compilemessages --ignore='.venv/*' --ignore='var/*' -v0
}

# The subset fonts letter PDFs embed (var/fonts/); returns at once when they
# are already built from the installed Noto fonts. Takes a few seconds once.
build_letter_fonts() {
  .venv/bin/python manage.py build_letter_fonts
}

# A throwaway PostgreSQL cluster on 127.0.0.1 (CI and the PostgreSQL
# benchmarks): sets DATABASE_URL and stops and deletes the cluster on exit.
start_throwaway_postgres() {
  ensure_debian_packages postgresql
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(mktemp -d /tmp/rights-guide-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
  trap stop_throwaway_postgres EXIT
  run_as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # PG_PORT if given; otherwise the first free port from 54329 up (another
  # cluster or any server may hold 54329), trying the next one should the
  # port be taken between the probe and the start.
  local from=${PG_PORT:-54329} attempt
  for attempt in 1 2 3 4 5; do
    PG_PORT=$(free_port "$from")
    if run_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c full_page_writes=off -c max_connections=200" >/dev/null; then
      break
    fi
    [ "$attempt" -eq 5 ] && { tail -n 20 "$PG_DIR/server.log" >&2; return 1; }
    from=$((PG_PORT + 1))
  done
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres rights_guide
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/rights_guide"
}

# The first port from $1 upwards that nothing listens on at 127.0.0.1.
free_port() {
  python3 - "$1" <<'PY'
import socket
import sys

port = int(sys.argv[1])
while port < 65535:
    with socket.socket() as probe:
        # as servers bind: a port left in TIME_WAIT by a past client is free
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            port += 1
            continue
    break
print(port)
PY
}

# As the postgres user when root, from the cluster's own folder: postgres may
# not be allowed into the folder the script was started from (a clone under
# /root), and initdb and pg_ctl fail when they cannot enter their working folder.
run_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$PG_DIR" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

stop_throwaway_postgres() {
  run_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
