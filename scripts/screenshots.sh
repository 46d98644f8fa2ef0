#!/usr/bin/env bash
# Screenshots of every web UI page at phone and desktop width into docs/screenshots/ (shown in
# the README), taken in Debian's chromium against build/admit serving web/dist.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/admit}
(cd tests/e2e && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund)
node tests/e2e/screenshots.mjs "$binary" docs/screenshots
