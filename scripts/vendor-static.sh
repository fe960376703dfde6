#!/usr/bin/env bash
# Refresh the vendored front-end assets from the npm registry (never served from a CDN).
# The files are committed so the site works offline and `make run` needs no Node.js.
set -euo pipefail
PICO=2.1.1
HTMX=2.0.11
ECHARTS=6.1.0
dest="$(cd "$(dirname "$0")/.." && pwd)/src/jaganetral/core/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack "@picocss/pico@$PICO" "htmx.org@$HTMX" "echarts@$ECHARTS" >/dev/null
tar xzf "picocss-pico-$PICO.tgz" && cp package/css/pico.min.css package/LICENSE.md "$dest/pico/" && rm -rf package
tar xzf "htmx.org-$HTMX.tgz" && cp package/dist/htmx.min.js package/LICENSE "$dest/htmx/" && rm -rf package
charts="$(cd "$(dirname "$0")/.." && pwd)/src/jaganetral/insights/static/insights/vendor/echarts"
tar xzf "echarts-$ECHARTS.tgz" && cp package/dist/echarts.min.js package/LICENSE package/NOTICE "$charts/" && rm -rf package
echo "vendored pico $PICO, htmx $HTMX and echarts $ECHARTS"
