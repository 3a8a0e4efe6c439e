#!/usr/bin/env bash
# The console's browser tests, as `mvn verify` runs them (console-tests/pom.xml, integration-test phase) and as a
# developer can run them by hand after `mvn -B -DskipTests package`. Needs Debian's chromium, Node.js and moto_server.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "console-tests: /usr/bin/chromium is missing. Install Debian's chromium package:" >&2
  echo "  apt-get update && apt-get install -y chromium      (.ci/run does this when it is missing)" >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "console-tests: Node.js and npm are needed (apt-get install -y nodejs npm)" >&2
  exit 1
fi

# npm ci only when node_modules is missing or was installed from another lockfile.
stamp=node_modules/.package-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  npm ci --no-audit --no-fund
  echo "$wanted" > "$stamp"
fi

exec node --test --test-concurrency=1 test/
