#!/usr/bin/env bash
# tools/mpirun-local must add what a small machine needs without clashing with
# what the caller already chose: mpirun rejects an MCA parameter given twice,
# and a wrapper reached through another wrapper (a handout's shim, a lesson
# that launches mpirun itself) would otherwise pass its options twice.
set -euo pipefail
mpirun_local=$1
fail() { echo "FAIL: $*" >&2; exit 1; }

# More ranks than cores: oversubscription is added.
out=$("$mpirun_local" -np 3 hostname) || fail "-np 3 on $(nproc) cores did not start"
[[ $(wc -l <<<"$out") -eq 3 ]] || fail "-np 3 printed $(wc -l <<<"$out") lines"

# The caller's own choices are kept, not repeated.
"$mpirun_local" --mca mpi_yield_when_idle 0 -np 1 true \
  || fail "an explicit mpi_yield_when_idle was passed twice"
"$mpirun_local" --oversubscribe -np 3 true || fail "an explicit --oversubscribe clashed"
"$mpirun_local" --bind-to none -np 1 true || fail "an explicit --bind-to clashed"

# Reached twice: a private `mpirun` on PATH that is itself the wrapper.
shim=$(mktemp -d)
trap 'rm -rf "$shim"' EXIT
printf '#!/usr/bin/env bash\nPATH=%q exec %q "$@"\n' "$PATH" "$mpirun_local" >"$shim/mpirun"
chmod +x "$shim/mpirun"
PATH="$shim:$PATH" "$mpirun_local" -np 3 true || fail "the wrapper behind a wrapper failed"

# Jobs on one machine share no session folder: a top folder that Open MPI's
# default would need, made unusable (as when another job removes it at the
# moment this one starts), must not matter, and none is left behind.
private_tmp="$shim/tmp"
mkdir "$private_tmp"
touch "$private_tmp/ompi.$(hostname -s).$(id -u)"
TMPDIR=$private_tmp "$mpirun_local" -np 2 true || fail "a job needed the shared session folder"
[[ -z $(find "$private_tmp" -mindepth 1 -name 'ompi.*.pid*') ]] || fail "a session folder was left in TMPDIR"
echo "mpirun-local: all launches succeeded"
