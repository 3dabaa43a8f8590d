#!/usr/bin/env bash
# Requests per second of the demo site served the way it is deployed: gunicorn (2 workers,
# gunicorn.conf.py) with the production settings, under wrk at 8 and 32 connections, for the
# pages in PAGES (home, a theme, a track, a listing, in both languages; wrk takes them in turn)
# and for /bench/bare/, a Django view that does nothing, served by the same gunicorn. Pages
# are measured with the page cache on and off (PAGE_CACHE=1/0). Prints req/s, p50, p99 and
# errors (socket errors and non-2xx/3xx answers); asserts nothing.
#
#     bash bench/http.sh [SECONDS]          # SECONDS per run, default 30
#
# Database: DATABASE_URL when set (the demo is loaded into it: load_demo is idempotent), else a
# SQLite demo database built once at $BENCH_DIR/demo.sqlite3 (about three minutes) and reused.
# Cache: REDIS_URL when set, else each worker's local memory. Needs wrk (Debian: apt-get install
# wrk; installed when missing and apt-get is at hand).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

SECONDS_PER_RUN=${1:-30}
CONNECTIONS=(8 32)
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/leertrajecten-http-bench}
# A port nothing listens on (another server answering there would be measured instead).
PORT=${BENCH_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PAGES=${PAGES:-"/ /en/ /themas/flexibele-organisatie/ /en/themes/flexible-organisation/
/leertrajecten/urban-professional/ /en/learning-tracks/urban-professional/ /leertrajecten/
/en/learning-tracks/"}
PY="$REPO/.venv/bin/python"

if ! command -v wrk >/dev/null; then
    if command -v apt-get >/dev/null; then
        apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        echo "bench/http.sh needs wrk (Debian: apt-get install wrk)" >&2
        exit 1
    fi
fi
[ -x "$PY" ] || make install

mkdir -p "$BENCH_DIR"
export DATABASE_URL=${DATABASE_URL:-sqlite:///$BENCH_DIR/demo.sqlite3}
export MEDIA_ROOT=$BENCH_DIR/media
export STATIC_ROOT=$BENCH_DIR/static
export SECRET_KEY="bench-http-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')"
export SECURE_SSL_REDIRECT=0
export ALLOWED_HOSTS=127.0.0.1,localhost
export DEBUG=0
export LOG_LEVEL=ERROR
export PYTHONPATH="$REPO/bench"

echo "==> Demo database ($DATABASE_URL) and static files"
if [[ $DATABASE_URL != sqlite:* || ! -s $BENCH_DIR/demo.sqlite3 ]]; then
    "$PY" manage.py migrate --noinput -v 0
    "$PY" manage.py load_demo | tail -n 1
fi
DJANGO_SETTINGS_MODULE=config.settings.production "$PY" manage.py collectstatic --noinput -v 0

SERVER_PID=""
stop_server() {
    if [[ -n $SERVER_PID ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
trap stop_server EXIT

start_server() {  # $1: PAGE_CACHE
    PAGE_CACHE=$1 DJANGO_SETTINGS_MODULE=http_bench_settings WEB_CONCURRENCY=2 \
        "$REPO/.venv/bin/gunicorn" -c gunicorn.conf.py --bind "127.0.0.1:$PORT" \
        >"$BENCH_DIR/gunicorn.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 300); do
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$BENCH_DIR/gunicorn.log" >&2; exit 1; }
        curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
        sleep 0.2
    done
    # Ours, not another server on the same port.
    [[ $(curl -s "http://127.0.0.1:$PORT/bench/bare/") == ok ]] || {
        echo "no bench gunicorn at 127.0.0.1:$PORT" >&2
        cat "$BENCH_DIR/gunicorn.log" >&2
        exit 1
    }
    # Every page answers 200 (a 404 or 500 would be measured as fast errors), and its
    # renditions exist before the clock starts; each worker warms its own cache.
    for path in $PAGES; do
        for _ in 1 2 3 4 5 6; do
            status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$path")
            [[ $status == 200 ]] || { echo "$path answered $status" >&2; exit 1; }
        done
    done
}

# wrk takes the paths in turn and prints one line: req/s, p50 and p99 (ms), errors, requests.
LUA=$BENCH_DIR/paths.lua
cat >"$LUA" <<'LUA'
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS"), "%S+") do paths[#paths + 1] = path end
local i = 0
request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT %.1f %.1f %.1f %d %d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        e.connect + e.read + e.write + e.timeout + e.status, summary.requests))
end
LUA

declare -A RESULTS
measure() {  # $1: label, $2: paths
    local connections line
    for connections in "${CONNECTIONS[@]}"; do
        line=$(BENCH_PATHS=$2 wrk -t 2 -c "$connections" -d "${SECONDS_PER_RUN}s" --timeout 10s \
            -s "$LUA" "http://127.0.0.1:$PORT" | grep '^RESULT')
        RESULTS["$1 $connections"]=${line#RESULT }
        printf '%-10s %3s connections: %s\n' "$1" "$connections" "${line#RESULT }"
    done
}

echo "==> Page cache on (PAGE_CACHE=1), ${SECONDS_PER_RUN} s per run"
start_server 1
measure bare /bench/bare/
measure cached "$PAGES"
stop_server
echo "==> Page cache off (PAGE_CACHE=0)"
start_server 0
measure uncached "$PAGES"
stop_server

echo
echo "gunicorn 2 workers, production settings, $(nproc) cores; database ${DATABASE_URL%%:*};" \
    "cache ${REDIS_URL:-local memory}; ${SECONDS_PER_RUN} s per run;" \
    "load average now (other processes compete): $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "pages, in turn: $(echo $PAGES)"
printf '%-10s %5s %10s %9s %9s %7s %9s %8s\n' what conns req/s p50_ms p99_ms errors requests "of bare"
for label in bare cached uncached; do
    for connections in "${CONNECTIONS[@]}"; do
        read -r rps p50 p99 errors requests <<<"${RESULTS["$label $connections"]}"
        read -r bare_rps _ <<<"${RESULTS["bare $connections"]}"
        share=$(awk -v a="$rps" -v b="$bare_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')
        printf '%-10s %5s %10s %9s %9s %7s %9s %8s\n' "$label" "$connections" "$rps" "$p50" \
            "$p99" "$errors" "$requests" "$share"
    done
done
