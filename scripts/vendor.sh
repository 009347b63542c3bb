#!/usr/bin/env bash
# Refresh the vendored front-end libraries from the npm registry (no CDN).
# The files are committed, so neither the demo nor the tests need npm; run
# this only to change a version, then commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
HTMX=2.0.8        # htmx 2.x: the ws extension 2.x is made for it
HTMX_WS=2.0.4
AXE=4.11.0
SORTABLE=1.15.7    # drag to reorder survey questions
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "htmx.org@$HTMX" "htmx-ext-ws@$HTMX_WS" "axe-core@$AXE" "sortablejs@$SORTABLE" >/dev/null)
for tgz in "$work"/*.tgz; do mkdir -p "${tgz%.tgz}" && tar -xzf "$tgz" -C "${tgz%.tgz}"; done
static=src/convener/core/static/vendor
mkdir -p "$static" tests/e2e/vendor
cp "$work/htmx.org-$HTMX/package/dist/htmx.min.js" "$static/htmx.min.js"
cp "$work/htmx-ext-ws-$HTMX_WS/package/dist/ws.min.js" "$static/htmx-ext-ws.min.js" 2>/dev/null \
  || cp "$work/htmx-ext-ws-$HTMX_WS/package/ws.js" "$static/htmx-ext-ws.min.js"
cp "$work/axe-core-$AXE/package/axe.min.js" tests/e2e/vendor/axe.min.js
mkdir -p src/convener/surveys/static/surveys/vendor
cp "$work/sortablejs-$SORTABLE/package/Sortable.min.js" src/convener/surveys/static/surveys/vendor/Sortable.min.js
echo "sortablejs $SORTABLE (MIT)" > src/convener/surveys/static/surveys/vendor/VERSIONS
cat > "$static/VERSIONS" <<EOV
htmx.org $HTMX (BSD-2-Clause)
htmx-ext-ws $HTMX_WS (BSD-2-Clause)
EOV
echo "axe-core $AXE (MPL-2.0)" > tests/e2e/vendor/VERSIONS
echo "vendored: htmx $HTMX, htmx-ext-ws $HTMX_WS, axe-core $AXE, sortablejs $SORTABLE"
