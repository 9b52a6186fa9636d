#!/usr/bin/env bash
# Installs the offline test host: a real VS Code 1.100.3 (code-server 4.100.3 from npm) with its native
# modules rebuilt, plus Debian's chromium and ripgrep. Idempotent: a run that finds everything in place
# only checks and returns. Each step names itself so a failure says where and why.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST_DIR="${THREADLINE_TEST_HOST_DIR:-$ROOT/.cache/test-host}"
CODE_SERVER_VERSION="4.100.3"
VSCODE_DIR="$HOST_DIR/node_modules/code-server/lib/vscode"
STAMP="$HOST_DIR/.installed-$CODE_SERVER_VERSION"

step() { CURRENT_STEP="$1"; echo "[test-host] $1"; }
trap 'echo "[test-host] FAILED at step: ${CURRENT_STEP:-start} (exit $?). See the output above for the cause." >&2' ERR

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
# kerberos (proxy auth only) builds against these headers; without them its rebuild is skipped.
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  step "apt-get install ${need_apt[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "[test-host] need root to install ${need_apt[*]}; run: sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ -f "$STAMP" ] && [ -x "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg" ]; then
  echo "[test-host] code-server $CODE_SERVER_VERSION already installed in $HOST_DIR"
  exit 0
fi

mkdir -p "$HOST_DIR"
cd "$HOST_DIR"
[ -f package.json ] || echo '{"name":"threadline-test-host","private":true}' > package.json

step "npm install code-server@$CODE_SERVER_VERSION (scripts off: its postinstall downloads from GitHub)"
npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION" >/dev/null

step "rebuild argon2"
npm_config_yes=true npm rebuild argon2 >/dev/null

cd "$VSCODE_DIR"
step "install VS Code server dependencies"
npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null

step "rebuild native modules (node-pty, spdlog, watcher, watchdog, deviceid)"
npm_config_yes=true npm rebuild node-pty @vscode/spdlog @parcel/watcher native-watchdog @vscode/deviceid >/dev/null
if dpkg -s libkrb5-dev >/dev/null 2>&1; then
  step "rebuild kerberos"
  npm_config_yes=true npm rebuild kerberos >/dev/null || echo "[test-host] kerberos did not build; it is only used for proxy auth"
fi

step "link Debian's ripgrep as @vscode/ripgrep"
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar

step "install built-in extension dependencies"
(cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null)

touch "$STAMP"
echo "[test-host] ready: $HOST_DIR"
