# Sourced by ./hub test: what the browser tests need and a fresh machine lacks.
#  - Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver), installed with
#    apt-get where missing (as root, as CI runs; otherwise the command says what to install).
#  - axe-core, the accessibility checker the tests run in each page, from npm at the exact version
#    that src/test/browser/package.json pins (into src/test/browser/node_modules, not committed).

ensure_browser_test_tools() {
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "The browser tests need Debian's chromium and chromium-driver: run as root, or" \
           "'sudo apt-get install -y chromium chromium-driver' once" >&2
      return 1
    fi
    echo "Installing chromium and chromium-driver for the browser tests (once)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null
  fi
  local browser_dir
  browser_dir="$(dirname "${BASH_SOURCE[0]}")/../src/test/browser"
  if [ ! -f "$browser_dir/node_modules/axe-core/axe.min.js" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "The browser tests need npm (Node.js) to fetch axe-core" >&2
      return 1
    fi
    echo "Fetching axe-core for the accessibility checks (once)" >&2
    (cd "$browser_dir" && npm ci --no-audit --no-fund --silent)
  fi
}
