#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu base image, as root).
# It installs Node.js 20 and the project's locked dependencies; the project sits in
# ${AUTOGRADER_ROOT:-/autograder}/source, where Gradescope unpacks the bundle.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"

if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  apt-get update
  apt-get install -y ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi

cd "$ROOT/source"
npm ci --no-audit --no-fund
