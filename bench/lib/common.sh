# Shared by the bench scripts: build, run in turn, medians, ratios.
# Source it; it sets ROOT, BUILD, BENCH_BIN, QUICK and ROUNDS.
#
# Environment:
#   BENCH_QUICK=1      tiny sizes and one round, only to check the script runs
#                      (tests/bench does this); its figures mean nothing.
#   BENCH_BUILD_DIR=D  use the build in D as it is instead of configuring and
#                      building the `native` preset (build-native).
#   BENCH_ROUNDS=N     rounds of ours/peer in turn (default 5; 1 when quick).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
QUICK=${BENCH_QUICK:-0}
# shellcheck disable=SC2034  # read by the scripts that source this file
if [[ $QUICK == 1 ]]; then ROUNDS=${BENCH_ROUNDS:-1}; else ROUNDS=${BENCH_ROUNDS:-5}; fi
SKIP=77  # ctest SKIP_RETURN_CODE: a peer tool is missing

die() { echo "$(basename "$0"): error: $*" >&2; exit 2; }
skip() { echo "$(basename "$0"): skipped: $*" >&2; exit "$SKIP"; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed (${2:-tools/install-deps bench})"; }

# Builds TARGETS (default: primes and the kernels library) in the native
# preset, unless BENCH_BUILD_DIR names a build to use as it is.
# shellcheck disable=SC2120  # most scripts want the default targets
build_parakit() {
  local targets=("${@:-primes}")
  (($# > 0)) || targets+=(parakit_kernels)
  if [[ -n ${BENCH_BUILD_DIR:-} ]]; then
    BUILD=$(cd "$BENCH_BUILD_DIR" && pwd)
  else
    BUILD=$ROOT/build-native
    (cd "$ROOT" && cmake --preset native >/dev/null && cmake --build build-native -j2 --target "${targets[@]}" >/dev/null) \
      || die "building the native preset failed (run: cmake --preset native && cmake --build build-native)"
  fi
  local target
  for target in "${targets[@]}"; do
    [[ $target == parakit_* || -x $BUILD/$target ]] || die "$BUILD/$target is missing (build the '$target' target)"
  done
  BENCH_BIN=$BUILD/bench
  mkdir -p "$BENCH_BIN"
}

# compile_tool NAME [extra link flags...]: bench/src/NAME.cpp against parakit_kernels.
compile_tool() {
  local name=$1; shift
  local lib=$BUILD/kernels/libparakit_kernels.a
  [[ -f $lib ]] || die "$lib is missing (build the 'parakit_kernels' target)"
  local flags=("${BENCH_OPT:--O3}" -std=c++20 -Wall -Wextra -Wpedantic)
  grep -q 'PARAKIT_NATIVE:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null && flags+=(-march=native)
  "${CXX:-g++}" "${flags[@]}" -I"$ROOT" "$ROOT/bench/src/$name.cpp" "$lib" "$@" -o "$BENCH_BIN/$name" \
    || die "compiling bench/src/$name.cpp failed"
}

# Wall seconds of a command (its output discarded).
wall() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }'
}

# Peak resident memory in KiB of a command (GNU time).
max_rss_kib() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1
}

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f\n", a / b; else print "-" }'; }
fmt() { printf '%.3f' "$1"; }

# A field of primes --json, read with python3 (always present on Debian).
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }

machine() {
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(uname -r); load $(cut -d' ' -f1-3 /proc/loadavg)"
}
