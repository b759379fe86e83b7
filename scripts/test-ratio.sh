#!/bin/sh
# Test lines per main line, per top-level package: the lines of src/test/java/org/warplab/P/**
# over those of src/main/java/org/warplab/P/** (every line of every .java file, as `wc -l` counts).
# The target (docs/architecture.md): at least 0.4 in every package but ui.
# Usage: scripts/test-ratio.sh [repository root]   (prints a Markdown table)
cd "${1:-$(dirname "$0")/..}" || exit 2
lines() { if [ -d "$1" ]; then find "$1" -name '*.java' -exec cat {} + | wc -l; else echo 0; fi; }
printf '| package | main lines | test lines | test/main |\n|---|---:|---:|---:|\n'
total_main=0; total_test=0
for dir in src/main/java/org/warplab/*/; do
    p=$(basename "$dir")
    m=$(lines "src/main/java/org/warplab/$p"); t=$(lines "src/test/java/org/warplab/$p")
    total_main=$((total_main + m)); total_test=$((total_test + t))
    printf '| %s | %d | %d | %s |\n' "$p" "$m" "$t" "$(awk -v t="$t" -v m="$m" 'BEGIN { printf "%.3f", m ? t / m : 0 }')"
done
printf '| **all** | %d | %d | %s |\n' "$total_main" "$total_test" "$(awk -v t="$total_test" -v m="$total_main" 'BEGIN { printf "%.3f", t / m }')"
