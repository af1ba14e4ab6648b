#!/usr/bin/env bash
# Renders the evaluation report of the demo table in headless Chromium and saves a screenshot, so a person can look
# at what users will see. Installs Debian's chromium when it is missing (needs root or sudo).
# Usage: scripts/check-report.sh [OUT_DIR]   (default: a new temporary folder; prints the screenshot's path)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d -t bgan-report-XXXXXX)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium…"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

cli=(dotnet run --project src/BeyondGan.Cli -c Release --)
"${cli[@]}" tabular demo --epochs 30 --out "$out" >/dev/null
"${cli[@]}" tabular evaluate --real "$out/demo.csv" --synthetic "$out/synthetic.csv" --holdout "$out/holdout.csv" \
  --target churned --model "$out/demo.bgan" --report "$out/report.html" --json "$out/metrics.json"

# Flags as this machine needs them: no sandbox as root, no GPU, and no background network (the network is closed).
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$out/chromium-profile" \
  --window-size=1280,6000 --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
size=$(stat -c %s "$out/report.png")
[ "$size" -gt 50000 ] || { echo "error: $out/report.png is only $size bytes; the page did not render" >&2; exit 1; }
echo "Screenshot: $out/report.png ($size bytes); report: $out/report.html"
