#!/usr/bin/env bash
# Installs the offline test host: a real VS Code 1.100.3 (code-server 4.100.3 from npm) with its native
# modules rebuilt, plus Debian's chromium and ripgrep. Idempotent: a run that finds everything in place only
# checks (well under a second) and returns. Each step names itself; when one fails, the script says which one
# and shows the end of that step's log.
#
#   bash scripts/install-test-host.sh          (npm run test-host)
#   THREADLINE_TEST_HOST_DIR=/elsewhere ...     install somewhere other than .cache/test-host
set -Eeuo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST_DIR="${THREADLINE_TEST_HOST_DIR:-$ROOT/.cache/test-host}"
CODE_SERVER_VERSION="4.100.3"
CS_DIR="$HOST_DIR/node_modules/code-server"
VSCODE_DIR="$CS_DIR/lib/vscode"
STAMP="$HOST_DIR/.installed-$CODE_SERVER_VERSION"
LOG_DIR="$HOST_DIR/.install-logs"

CURRENT_STEP="start"
CURRENT_LOG=""
on_error() {
  local code=$?
  echo "[test-host] FAILED at step: $CURRENT_STEP (exit $code)" >&2
  if [ -n "$CURRENT_LOG" ] && [ -s "$CURRENT_LOG" ]; then
    echo "[test-host] last lines of $CURRENT_LOG:" >&2
    tail -n 25 "$CURRENT_LOG" | sed 's/^/    /' >&2
  fi
  exit "$code"
}
trap on_error ERR

# run_step "what it does" command...   (output goes to a per-step log, shown only on failure)
STEP_NO=0
run_step() {
  CURRENT_STEP="$1"; shift
  STEP_NO=$((STEP_NO + 1))
  CURRENT_LOG="$LOG_DIR/$(printf '%02d' "$STEP_NO").log"
  echo "[test-host] $CURRENT_STEP"
  "$@" >"$CURRENT_LOG" 2>&1
  CURRENT_LOG=""
}

major_node() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# ---- system packages -------------------------------------------------------------------------------------
CURRENT_STEP="check Node.js"
if [ "$(major_node)" != "20" ]; then
  echo "[test-host] code-server $CODE_SERVER_VERSION needs Node 20; found $(node --version 2>/dev/null || echo none)." >&2
  exit 1
fi

native_ok() {
  # Loading a rebuilt native module proves it matches this Node's ABI, not just that files exist.
  [ -f "$STAMP" ] && [ -x "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg" ] &&
    (cd "$VSCODE_DIR" && node -e "require('node-pty'); require('@vscode/spdlog')") >/dev/null 2>&1
}

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
# Screenshots are for people: without a basic font, text renders as boxes.
dpkg -s fonts-liberation >/dev/null 2>&1 || dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need_apt+=(fonts-liberation)
# Korean (the panel in Korean, test/ui/koreanLocale.test.ts) needs a CJK font, or Hangul renders as boxes.
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
if ! native_ok; then
  # Only a (re)build needs compilers; kerberos (proxy auth only) builds against the krb5 headers.
  for pkg in build-essential python3 pkg-config libkrb5-dev; do dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg"); done
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    CURRENT_STEP="apt-get install ${need_apt[*]}"
    echo "[test-host] need root to install ${need_apt[*]}; run: sudo apt-get install -y --no-install-recommends ${need_apt[*]}" >&2
    exit 1
  fi
  mkdir -p "$LOG_DIR"
  export DEBIAN_FRONTEND=noninteractive
  run_step "apt-get update" apt-get update -q
  run_step "apt-get install ${need_apt[*]}" apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

if native_ok; then
  echo "[test-host] code-server $CODE_SERVER_VERSION already installed in $HOST_DIR"
  exit 0
fi

# ---- code-server -----------------------------------------------------------------------------------------
mkdir -p "$HOST_DIR" "$LOG_DIR"
# Two installs at once would corrupt node_modules; the second waits for the first.
exec 9>"$HOST_DIR/.lock"
flock 9
if native_ok; then
  echo "[test-host] code-server $CODE_SERVER_VERSION was installed meanwhile in $HOST_DIR"
  exit 0
fi
rm -f "$STAMP"
cd "$HOST_DIR"
[ -f package.json ] || echo '{"name":"threadline-test-host","private":true}' > package.json
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

run_step "npm install code-server@$CODE_SERVER_VERSION (scripts off: its postinstall downloads from GitHub)" \
  npm install --ignore-scripts "code-server@$CODE_SERVER_VERSION"
run_step "rebuild argon2" npm rebuild argon2

cd "$VSCODE_DIR"
run_step "install VS Code server dependencies" npm install --omit=dev --ignore-scripts
run_step "rebuild native modules (node-pty, spdlog, watcher, watchdog, deviceid)" \
  npm rebuild node-pty @vscode/spdlog @parcel/watcher native-watchdog @vscode/deviceid
if dpkg -s libkrb5-dev >/dev/null 2>&1; then
  run_step "rebuild kerberos (optional: proxy auth only)" bash -c 'npm rebuild kerberos || echo "kerberos did not build; it is only used for proxy auth"'
fi

CURRENT_STEP="link Debian's ripgrep as @vscode/ripgrep"
echo "[test-host] $CURRENT_STEP"
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar

run_step "install built-in extension dependencies" bash -c 'cd extensions && npm install --omit=dev --ignore-scripts'

CURRENT_STEP="check: code-server starts and native modules load"
echo "[test-host] $CURRENT_STEP"
node -e "require('node-pty'); require('@vscode/spdlog')"
XDG_CONFIG_HOME="$HOST_DIR/.config" node "$CS_DIR/out/node/entry.js" --version >/dev/null

touch "$STAMP"
echo "[test-host] ready: $HOST_DIR"
