#!/usr/bin/env bash
# Installs what this project needs and is missing, then stops. Idempotent and quick when all is there.
#   Debian packages: emscripten (unless an emsdk is already on PATH), hyperfine, cmake, g++,
#                    clang, GoogleTest, chromium, firefox-esr, webkit2gtk-driver + xvfb (browser tests)
#   npm packages:    `npm ci`, when node_modules is missing or older than package-lock.json
# On other systems it says what to install by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# --- system packages -------------------------------------------------------------------------
missing=()
have emcc && have emcmake || missing+=(emscripten)
have hyperfine || missing+=(hyperfine)
have cmake || missing+=(cmake)
have g++ || missing+=(g++)
have clang++ || missing+=(clang)
[ -f /usr/include/gtest/gtest.h ] || [ -n "${GTEST_ROOT:-}" ] || missing+=(libgtest-dev)
# The C++ tests read the shared conformance cases (test/cases/*.json).
[ -f /usr/include/nlohmann/json.hpp ] || missing+=(nlohmann-json3-dev)
# Headless browser for test/browser.test.js (driven by playwright-core; its own download is not used).
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
# Firefox for test/runtimes.test.js (driven by puppeteer-core over WebDriver BiDi; Debian 12 has no geckodriver).
[ -x /usr/bin/firefox-esr ] || [ -n "${FIREFOX_PATH:-}" ] || missing+=(firefox-esr)
# Safari's engine: WebKitGTK's MiniBrowser through WebKitWebDriver, which needs an X display (xvfb-run + xauth).
[ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
have xvfb-run || missing+=(xvfb)
have xauth || missing+=(xauth)

if [ ${#missing[@]} -gt 0 ]; then
  if ! have apt-get; then
    say "missing: ${missing[*]}. This is not a Debian/Ubuntu system: install them with your package"
    say "manager (for Emscripten: install emsdk and 'source emsdk_env.sh'), then run this again."
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif have sudo && sudo -n true 2>/dev/null; then
    as_root=(sudo)
  else
    say "missing Debian packages: ${missing[*]}"
    say "installing them needs root. Run:  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    say "then run this command again."
    exit 1
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Refresh the package lists only when they are empty or do not know a package we need.
  if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null || ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    "${as_root[@]}" apt-get update -qq
  fi
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "installed: ${missing[*]}"
fi

# --- npm packages ------------------------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The pinned Node binaries (devDependencies node22/node24/node26, for test/runtimes.test.js) each
# declare a `node` bin, and npm links one as node_modules/.bin/node: every npm script and npx would
# then run on that Node instead of the one that runs npm. Remove that link (npm ci puts it back).
if [ -L node_modules/.bin/node ] && [[ "$(readlink node_modules/.bin/node)" == ../node2[0-9]/* ]]; then
  rm node_modules/.bin/node
fi
