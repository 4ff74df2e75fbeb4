#!/usr/bin/env bash
# parley's one entry point: set up, build and run.
#   ./dev.sh run [ARGS...]  install what is missing, build (Release), run `parley ARGS`
#                           (default: the flagship scenario's forecast)
#   ./dev.sh test           install what is missing, build, run the whole test suite twice:
#                           the Release build, then under AddressSanitizer + UBSan
#   ./dev.sh quicktest      the Release build's test suite only
#   ./dev.sh bench          build and run the benchmarks
set -euo pipefail
cd "$(dirname "$0")"
command=${1:-run}
shift || true

jobs=$(nproc)
build() {  # build DIR BUILD_TYPE [CMAKE ARGS...]
  local dir=$1 type=$2
  shift 2
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

bash scripts/setup.sh
case "$command" in
  run)
    build build Release
    if (($#)); then exec build/parley "$@"; else exec build/parley forecast; fi
    ;;
  test)
    build build Release
    ctest --test-dir build --output-on-failure -j "$jobs"
    build build-sanitize Debug -DPARLEY_SANITIZE=ON
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --test-dir build-sanitize --output-on-failure -j "$jobs" -LE no-sanitize
    ;;
  quicktest)
    build build Release
    ctest --test-dir build --output-on-failure -j "$jobs"
    ;;
  bench)
    build build Release -DPARLEY_BENCH=ON
    exec build/bench/parley_bench "$@"
    ;;
  *)
    echo "usage: ./dev.sh run [ARGS...] | test | quicktest | bench" >&2
    exit 2
    ;;
esac
