#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60), each on a
# corpus seeded from the bundled scenarios, the test data and the malformed-input corpus.
#   scripts/fuzz.sh [SECONDS]      (also: make fuzz FUZZ_SECONDS=N)
#   FUZZ_RUNS=10000000 scripts/fuzz.sh   runs each target for that many executions instead
#   FUZZ_TARGETS="fuzz_reader_toml fuzz_models" limits the targets
#   FUZZ_SANITIZERS=undefined builds without AddressSanitizer (build-fuzz-undefined): several
#   times more inputs per second; replay the corpus it grows under ASan afterwards
#   (build/fuzz/<target>_replay --mutations 0 build-fuzz-undefined/corpus/<target>).
# Inputs are capped at FUZZ_MAX_LEN bytes (default 4096): the readers' bugs live in short
# inputs, and the 10 MB case has its own test (tests/malformed_test.cpp).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
runs=${FUZZ_RUNS:-}
max_len=${FUZZ_MAX_LEN:-4096}
sanitizers=${FUZZ_SANITIZERS:-address,undefined}
out=build-fuzz
[[ $sanitizers == address,undefined ]] || out=build-fuzz-${sanitizers//,/-}
bash scripts/setup.sh
command -v clang++ >/dev/null || { apt-get install -y -qq clang libclang-rt-dev >/dev/null 2>&1 || apt-get install -y -qq clang-14 >/dev/null; }
CC=clang CXX=clang++ cmake -S . -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPARLEY_FUZZ=ON -DPARLEY_FUZZ_SANITIZERS="$sanitizers" -DPARLEY_TESTS=OFF >/dev/null
cmake --build "$out" -j "$(nproc)"

seed() {  # seed TARGET FILES...
  local dir=$out/corpus/$1
  shift
  mkdir -p "$dir"
  for file in "$@"; do [[ -f $file ]] && cp "$file" "$dir/" 2>/dev/null || true; done
}
seed fuzz_reader_toml scenarios/*.toml tests/malformed/*.toml
seed fuzz_reader_csv tests/malformed/csv_* tests/data/*/*.csv
seed fuzz_reader_stakeholder tests/malformed/stakeholder_* tests/data/eum/*.csv
seed fuzz_reader_ktab tests/malformed/ktab_* tests/data/smp/*.csv fuzz/regressions/ktab_*
seed fuzz_reader_decide tests/malformed/decide_* tests/data/exchange/*.csv
seed fuzz_reader_deu tests/malformed/deu_* tests/data/deu/*.tsv
mkdir -p $out/corpus/fuzz_models

status=0
if [[ -n $runs ]]; then limit=(-runs="$runs"); else limit=(-max_total_time="$seconds"); fi
targets=${FUZZ_TARGETS:-$(cd $out/fuzz && ls -d fuzz_* | grep -v '\.')}
for name in $targets; do
  target=$out/fuzz/$name
  mkdir -p "$out/corpus/$name"
  echo "fuzz: $name (${limit[0]})"
  if ! "$target" "$out/corpus/$name" "${limit[@]}" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$out/$name-" 2>"$out/$name.log"; then
    echo "fuzz: $name FAILED (see $out/$name.log)"
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$out/$name.log" | sed "s/^/  /"
done
exit $status
