#!/usr/bin/env bash
# Refresh the vendored front-end files in static/vendor/ from the npm registry.
# Versions are pinned here; bump them, run this script, commit the result. No CDN is ever used.
set -euo pipefail

GOVUK_FRONTEND=5.14.0
CHARTJS=4.6.1
AXE_CORE=4.14.1
SASS=1.108.2

root="$(cd "$(dirname "$0")/.." && pwd)"
vendor="$root/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
echo '{"name": "vendor-static", "version": "1.0.0", "private": true}' > package.json
npm install --no-audit --no-fund --silent \
  "govuk-frontend@$GOVUK_FRONTEND" "chart.js@$CHARTJS" \
  "axe-core@$AXE_CORE" "sass@$SASS"

rm -rf "$vendor"
mkdir -p "$vendor/govuk-frontend/assets/images" "$vendor/chartjs" "$vendor/axe-core"

# GOV.UK Frontend: compiled from Sass with the system font stack (no GDS Transport font) and
# our own small additions in static/src/app.scss. The crown and logotype images are not copied.
npx --no-install sass --style=compressed --no-source-map --quiet-deps \
  --load-path=node_modules "$root/static/src/app.scss" "$vendor/govuk-frontend/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$vendor/govuk-frontend/"
cp node_modules/govuk-frontend/dist/govuk/assets/images/favicon.ico \
   node_modules/govuk-frontend/dist/govuk/assets/images/favicon.svg "$vendor/govuk-frontend/assets/images/"
cp node_modules/govuk-frontend/package.json "$vendor/govuk-frontend/package.json"  # MIT; the package ships no licence file

cp node_modules/chart.js/dist/chart.umd.min.js "$vendor/chartjs/" 2>/dev/null \
  || cp node_modules/chart.js/dist/chart.umd.js "$vendor/chartjs/chart.umd.min.js"
cp node_modules/chart.js/LICENSE.md "$vendor/chartjs/LICENSE.md"

cp node_modules/axe-core/axe.min.js "$vendor/axe-core/"
cp node_modules/axe-core/LICENSE "$vendor/axe-core/LICENSE"

# Source maps are not vendored; drop the comments that point at them so that collectstatic's
# manifest storage does not fail looking for the missing .map files.
find "$vendor" -name '*.js' -exec sed -i -E 's@//# sourceMappingURL=[^ ]*$@@' {} +

cat > "$vendor/VERSIONS.txt" <<VERSIONS
govuk-frontend@$GOVUK_FRONTEND (compiled with sass@$SASS from static/src/app.scss)
chart.js@$CHARTJS
axe-core@$AXE_CORE (browser tests only)
VERSIONS
cat > "$vendor/README.md" <<'README'
# Vendored front-end packages

Pinned packages from the npm registry; never loaded from a CDN.

- govuk-frontend: GOV.UK Frontend styles and components, compiled from Sass with the system font
  stack instead of the GOV.UK font, without the crown or logotype (static/src/app.scss).
- chartjs: charts, always with a table alternative on the page.
- axe-core: accessibility checks in the browser tests only.

Refresh with `scripts/vendor-static.sh` (or `make vendor-static`); bump the versions at the top of
the script. VERSIONS.txt lists what is here.
README
echo "Vendored into $vendor:"
cat "$vendor/VERSIONS.txt"
