#!/usr/bin/env bash
# A short bounded fuzz run for scripts/test: builds every target and runs each for a few
# seconds from its seed corpus (about 40 s in all). A crash fails the run and leaves its input
# under fuzz/artifacts/. The long runs and their record are in fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")"
bin=$(./build.sh --quiet | tail -1)
seconds=${FUZZ_SMOKE_SECONDS:-10}
for target in rule_text queries proof_json cli_args snapshot; do
  corpus=$(mktemp -d)
  cp -r "seeds/$target/." "$corpus/"
  mkdir -p "artifacts/$target"
  "$bin/$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 2>&1 | grep -E '^(Done|stat::number_of_executed_units)' | sed "s/^/$target: /"
  rm -rf "$corpus"
done
