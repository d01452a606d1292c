# Shared by scripts/test, scripts/app and scripts/e2e: install only what is missing.

# Debian packages the desktop app needs to build and run (Tauri 2 on WebKitGTK 4.1), and to be
# driven in the end-to-end test under Xvfb.
TAURI_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
    libayatana-appindicator3-dev librsvg2-dev)
E2E_PACKAGES=(xvfb xauth webkit2gtk-driver procps)

ensure_rust() {
    if ! command -v cargo >/dev/null 2>&1; then
        if [ -x "$HOME/.cargo/bin/cargo" ]; then
            export PATH="$HOME/.cargo/bin:$PATH"
        else
            echo "需要 Rust 工具链（cargo）：请先安装 rustup。" >&2
            exit 1
        fi
    fi
    # The test script checks formatting and lints: rustfmt and clippy come with rustup.
    if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
        rustup component add rustfmt clippy
    fi
}

apt_install() {
    # Installs the Debian packages given that are not installed yet.
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        echo "== installing ${missing[*]} =="
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# openpyxl for the benchmark's side-by-side comparison (scripts/openpyxl_read.py). Not needed by
# any test: where it cannot be installed the benchmark says so and leaves the comparison out.
ensure_openpyxl() {
    python3 -c "import openpyxl" 2>/dev/null && return 0
    python3 -m pip install --quiet --disable-pip-version-check openpyxl==3.1.5 >/dev/null 2>&1 \
        || echo "openpyxl 未能安装：基准测试不做 openpyxl 对比。" >&2
}

ensure_node() {
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

# The front end's packages, exactly as locked.
ensure_ui_packages() {
    ensure_node
    if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
        # npm ci installs exactly the lock; npm 11 leaves other platforms' optional packages of
        # @tauri-apps/cli out of a lock written here, and then refuses it: fall back to install.
        # npm ci's own words are shown when it refuses, then the fallback runs.
        (cd ui && { npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci 未成功（见上），改用 npm install。" >&2; npm install --no-audit --no-fund --loglevel=error; }; })
    fi
}

# Builds the release app and its .deb (Tauri's bundler from the @tauri-apps/cli npm package).
build_app() {
    (cd ui && npm run --silent build)
    ui/node_modules/.bin/tauri build --bundles deb
}

ensure_tauri_driver() {
    command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --version '^2' --locked --quiet
    export PATH="$HOME/.cargo/bin:$PATH"
}
