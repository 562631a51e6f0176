# shellcheck shell=bash
# Helpers shared by the tests in tests/cluster (sourced, not run): each test
# brings up its own emulated cluster and an EXIT trap takes it down, also when
# an assertion fails. Exit 77 (SKIPPED) carries the reason emulated-cluster gave.
# The assertions (fail, skip, expect_eq, expect_grep, json) are tests/slurm's.
# shellcheck source=../slurm/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../slurm/lib.sh"

# cluster_up SOURCE_DIR UP_OPTIONS...: a private cluster in a fresh folder.
cluster_up() {
  CLUSTER_TOOL=$1/tools/emulated-cluster
  shift
  CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/parakit-cluster.XXXXXX")
  trap cluster_down EXIT
  local rc=0 log
  log=$("$CLUSTER_TOOL" up --dir "$CLUSTER_DIR" "$@" 2>&1) || rc=$?
  echo "$log"
  ((rc != 77)) || skip "$(sed -n 's/^emulated-cluster: SKIP: //p' <<<"$log")"
  ((rc == 0)) || fail "emulated-cluster up $* failed (exit $rc)"
  # shellcheck source=/dev/null
  source "$CLUSTER_DIR/cluster.env"
}

cluster_down() {
  [[ -n ${CLUSTER_DIR:-} ]] || return 0
  "$CLUSTER_TOOL" down --dir "$CLUSTER_DIR" >/dev/null 2>&1 || echo "WARNING: emulated-cluster down failed for $CLUSTER_DIR" >&2
  rm -rf "$CLUSTER_DIR"
}

# on_cluster MPIRUN_ARGS...: the kit's launch line, bounded by CLUSTER_TIMEOUT.
on_cluster() {
  "$CLUSTER_TOOL" mpirun --dir "$CLUSTER_DIR" --timeout "${CLUSTER_TIMEOUT:-150}" "$@"
}

# cluster_mpi_family BUILD_DIR: openmpi or mpich, the MPI that CMake recorded
# for the build (what a test expects the launcher to say depends on it).
cluster_mpi_family() { sed -n 's/^PARAKIT_MPI_FAMILY=//p' "$1/parakit-mpi.env" 2>/dev/null; }

# The namespace of node K, for what only the test harness does (kill a node).
# shellcheck disable=SC2154  # cluster_id comes from cluster.env, which the caller sources
node_namespace() { echo "$cluster_id-n$1"; }

# expect_hosts WHAT EXPECTED JSON_FILE EXPR: the sorted distinct hosts EXPR yields.
expect_hosts() {
  expect_eq "$1" "$2" "$(json "$3" "' '.join(sorted(set($4)))")"
}
