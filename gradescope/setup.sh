#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (an Ubuntu base
# image), with the zip's root unpacked in ${AUTOGRADER_ROOT:-/autograder}/source. It
# installs everything grading needs, so run_autograder works offline:
#   1. Node.js 20, unless a Node.js >= 20 is already there;
#   2. the locked dependencies (npm ci, without the development tools);
#   3. the Python runtime (Debian/Ubuntu's python3-torch) when the profile asks for the
#      Python worker ("worker": "python"; no profile does yet) or NETGRADE_PYTHON=1;
#   4. the student's side: the submission's process runs as an unprivileged user (uid
#      2000100, "netgrade-student"; harness/sandbox/isolation.ts), and the grader's files
#      are made unreadable to it — only the installed packages (public npm code, no answer
#      key) and the worker bundle stay readable.
# NETGRADE_NPM_FLAGS adds flags to npm ci (e.g. --prefer-offline); NETGRADE_NO_USERADD=1
# skips creating the named user (the uid works without a name).
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SRC="$ROOT/source"
cd "$SRC"
PROFILE="${NETGRADE_PROFILE:-$(cat gradescope/profile)}"

if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  apt-get update
  apt-get install -y ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
echo "setup: node $(node --version), npm $(npm --version)"

# shellcheck disable=SC2086  # NETGRADE_NPM_FLAGS is a list of flags
npm ci --omit=dev --no-audit --no-fund ${NETGRADE_NPM_FLAGS:-}

wants_python() {
  [ "${NETGRADE_PYTHON:-0}" = 1 ] && return 0
  node -e 'const p = require(require("path").resolve("harness/profiles", process.argv[1] + ".json")); process.exit(p.worker === "python" ? 0 : 1)' "$PROFILE"
}
if wants_python; then
  if python3 -c 'import torch' >/dev/null 2>&1; then
    echo "setup: python3 with torch is already installed"
  else
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-torch || {
      echo "setup: the profile $PROFILE needs the Python worker, and apt-get could not install python3-torch" >&2
      exit 1
    }
  fi
fi

STUDENT_UID=2000100
if [ "$(id -u)" = 0 ] && [ "${NETGRADE_NO_USERADD:-0}" != 1 ] && ! getent passwd "$STUDENT_UID" >/dev/null; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
    --uid "$STUDENT_UID" --user-group netgrade-student
fi
# The grader's files (harness, reference, oracle, fixtures, profiles, rubric): root only.
chmod -R go-rwx "$SRC"
# Other users may pass through the folders (not list them) to reach what stays readable.
chmod go+x "$ROOT" "$SRC"
chmod -R go+rX "$SRC/node_modules"
install -d -m 0711 "$SRC/.netgrade-cache"
echo "setup: done (profile $PROFILE)"
