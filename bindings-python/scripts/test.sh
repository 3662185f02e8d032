#!/usr/bin/env bash
# Builds the Python package into a fresh virtual environment (bindings-python/.venv) and runs
# its tests, the stub check and the overhead measurement. Installs everything it needs itself:
# only Python >= 3.10 with pip, and Rust, are assumed.
#
#   bindings-python/scripts/test.sh            # build (release), pytest, stubtest
#   QUANZE_PY_FAST=1 bindings-python/scripts/test.sh   # reuse .venv when it exists
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
python="${PYTHON:-python3}"
venv="$here/.venv"

if [ -z "${QUANZE_PY_FAST:-}" ] || [ ! -x "$venv/bin/python" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet \
    'maturin>=1.5,<2' pytest 'dask[distributed]' pandas polars networkx pyarrow mypy
fi

# maturin honours CARGO_TARGET_DIR; the workspace shares one target directory.
(cd "$here" && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" \
  "$venv/bin/maturin" develop --release --quiet)

# The CLI, for the test that loads its snapshot; copied at once, since the target directory may
# be shared with other builds.
cargo build --quiet -p quanze-cli --manifest-path "$here/../Cargo.toml"
target="${CARGO_TARGET_DIR:-$here/../target}"
cp "$target/debug/quanze" "$venv/bin/quanze"
export QUANZE_BIN="$venv/bin/quanze"

echo "== stubtest"
"$venv/bin/python" -m mypy.stubtest quanze --mypy-config-file "$here/pyproject.toml" \
  --allowlist "$here/tests/stubtest-allowlist.txt"

echo "== mypy"
(cd "$here" && "$venv/bin/python" -m mypy)

echo "== pytest"
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$here/tests"
