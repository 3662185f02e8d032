#!/usr/bin/env bash
# Prints the median of every criterion bench of the last run, as BENCHMARKS.md quotes them:
# `benches/medians.sh [CRITERION_DIR]` (default: $CARGO_TARGET_DIR/criterion or target/criterion).
set -euo pipefail
dir=${1:-${CARGO_TARGET_DIR:-target}/criterion}
find "$dir" -path '*/new/estimates.json' | sort | while read -r f; do
  name=${f#"$dir"/}
  name=${name%/new/estimates.json}
  python3 - "$name" "$f" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
ns = json.load(open(path))["median"]["point_estimate"]
for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3), ("ns", 1.0)):
    if ns >= scale or unit == "ns":
        print(f"{name:45s} {ns / scale:10.3f} {unit}")
        break
PY
done
