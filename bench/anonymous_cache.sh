#!/usr/bin/env bash
# Anonymous pages from the cache (core.cache) beside a bare Django view, under gunicorn with
# production settings (2 sync workers, DEBUG off, Redis cache), measured with wrk.
#
#   bench/anonymous_cache.sh            # uses expo_cache_bench, seeds it if it is empty
#
# Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/expo_cache_bench, created
# with `createdb` beforehand), BENCH_CACHE_URL (default redis://127.0.0.1:6379/5), DURATION (10s),
# CONNECTIONS (16), THREADS (2), WORKERS (2). Prints req/s and p50 per page, and the ratio to the
# bare view; "uncached" rows send a session cookie, so they show what the cache saves.
# Not part of `make test`: it measures, it does not assert.
set -euo pipefail
cd "$(dirname "$0")/.."

DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/expo_cache_bench}
CACHE_URL=${BENCH_CACHE_URL:-redis://127.0.0.1:6379/5}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}
VAR_DIR=$(mktemp -d /tmp/bench-cache-XXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

export DATABASE_URL DJANGO_DEBUG=0 EXPO_VAR_DIR="$VAR_DIR" DJANGO_STATIC_ROOT="$VAR_DIR/static"
export REDIS_URL=$CACHE_URL CACHE_URL CACHE_KEY_PREFIX=bench-cache
export CELERY_BROKER_URL=""  # no broker: the demo's photos are processed in-process
export DATABASE_CONN_MAX_AGE=60  # as in production: no new connection per request
PY=.venv/bin/python

$PY manage.py migrate -v0
if [ "$($PY manage.py shell -v0 -c 'from catalog.models import Product; print(Product.objects.exists())')" != "True" ]; then
  $PY manage.py seed_demo >/dev/null
fi
$PY manage.py collectstatic --noinput -v0

# One published expo with a hall, a booth and a product on it.
read -r EXPO HALL VENDOR PRODUCT < <($PY manage.py shell -v0 -c '
from expo.models import Booth
b = Booth.objects.filter(status="approved", expo__status__in=["published", "live", "closed"],
                         hall__isnull=False, vendor__status="verified").select_related("expo", "hall", "vendor").first()
p = b.featured_products.public().first() or b.vendor.products.public().first()
print(b.expo.slug, b.hall.slug, b.vendor.slug, p.slug)')

$PY -m gunicorn bench.wsgi:application --workers "$WORKERS" --worker-class sync \
  --bind "127.0.0.1:$PORT" --log-level warning &
GUNICORN=$!
trap 'kill $GUNICORN; wait $GUNICORN 2>/dev/null; rm -rf "$VAR_DIR"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/bench/hello/" >/dev/null && break; sleep 0.2; done

measure() {  # name path [extra wrk args] → "name req/s p50"
  local name=$1 path=$2; shift 2
  curl -sf -o /dev/null "http://127.0.0.1:$PORT$path" "$@" || { echo "$name: $path failed" >&2; return; }
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "http://127.0.0.1:$PORT$path")
  local rps p50
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  echo "$name $rps $p50"
}

SESSION=(-H "Cookie: sessionid=benchmark-visitor")  # a session cookie: per-visitor, uncached
{
  measure "bare-view" /bench/hello/
  measure "home" /en/
  measure "lobby" "/en/expos/$EXPO/"
  measure "hall" "/en/expos/$EXPO/halls/$HALL/"
  measure "booth" "/en/expos/$EXPO/booths/$VENDOR/"
  measure "product" "/en/products/$PRODUCT/"
  measure "catalogue" /en/products/
  measure "catalogue-filtered" "/en/products/?q=kopi&sort=newest"
  measure "home-uncached" /en/ "${SESSION[@]}"
  measure "product-uncached" "/en/products/$PRODUCT/" "${SESSION[@]}"
  measure "catalogue-uncached" /en/products/ "${SESSION[@]}"
} | awk 'NR == 1 {bare = $2} {printf "%-20s %9.0f req/s  p50 %-9s %5.2fx bare\n", $1, $2, $3, $2 / bare}'
