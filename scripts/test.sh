#!/bin/sh
# npm test: type-check, build the client, then the unit, integration and browser suites.
#   TEST_JOBS=N      run the files in N parallel mocha workers (default 1: one process, files in order)
#   TEST_BROWSER=0   leave out the browser journeys (CI runs them once, on PostgreSQL)
set -e
npm run typecheck
npm run build
set -- 'tests/unit/**/*.test.ts' 'tests/integration/**/*.test.ts'
if [ "${TEST_BROWSER:-1}" != 0 ]; then set -- "$@" 'tests/e2e/**/*.test.ts'; fi
if [ "${TEST_JOBS:-1}" -gt 1 ]; then set -- --parallel --jobs "$TEST_JOBS" "$@"; fi
exec npx mocha "$@"
