#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60), each on a
# corpus seeded from the bundled scenarios, the test data and the malformed-input corpus.
#   scripts/fuzz.sh [SECONDS]      (also: make fuzz FUZZ_SECONDS=N)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash scripts/setup.sh
command -v clang++ >/dev/null || { apt-get install -y -qq clang libclang-rt-dev >/dev/null 2>&1 || apt-get install -y -qq clang-14 >/dev/null; }
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPARLEY_FUZZ=ON -DPARLEY_TESTS=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)"

seed() {  # seed TARGET FILES...
  local dir=build-fuzz/corpus/$1
  shift
  mkdir -p "$dir"
  for file in "$@"; do [[ -f $file ]] && cp "$file" "$dir/" 2>/dev/null || true; done
}
seed fuzz_reader_toml scenarios/*.toml tests/malformed/*.toml
seed fuzz_reader_csv tests/malformed/csv_* tests/data/*/*.csv
seed fuzz_reader_stakeholder tests/malformed/stakeholder_* tests/data/eum/*.csv
seed fuzz_reader_ktab tests/malformed/ktab_* tests/data/smp/*.csv
mkdir -p build-fuzz/corpus/fuzz_models

status=0
for target in build-fuzz/fuzz/fuzz_*; do
  name=$(basename "$target")
  mkdir -p "build-fuzz/corpus/$name"
  echo "fuzz: $name for ${seconds}s"
  if ! "$target" "build-fuzz/corpus/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="build-fuzz/$name-" 2>"build-fuzz/$name.log"; then
    echo "fuzz: $name FAILED (see build-fuzz/$name.log)"
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/$name.log" | sed "s/^/  /"
done
exit $status
