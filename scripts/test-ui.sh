#!/usr/bin/env bash
# `npm run test:ui`: build what is needed (see prepare-host.sh), then run the Playwright browser
# tests in ui-tests/ against Debian's Chromium. Arguments go to `playwright test`, e.g.
#   npm run test:ui -- -g smoke        npm run test:ui -- --trace on
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prepare-host.sh
printf '\n== Browser tests (Playwright, ui-tests/)\n'
cd ui-tests
exec npx playwright test "$@"
