# Shared by every script in slurm/ (sourced, not run): find the parakit build,
# print the run record, and build the hybrid MPI x OpenMP launch line.
#
# Variables a user may set (sbatch passes the submitting shell's environment):
#   PARAKIT_ROOT      the parakit checkout (default: the folder above the submitted script)
#   PARAKIT_BUILD     the build folder with the programs (default: $PARAKIT_ROOT/build)
#   PARAKIT_MODULES   modules to load first, e.g. "openmpi/4.1 gcc/12" (default: none)
#   PARAKIT_LAUNCHER  auto (default), srun or mpirun
#   PARAKIT_SRUN_MPI  srun's --mpi plugin (default: the one the build's MPI speaks and srun
#                     lists: pmix for Open MPI, pmi2 for MPICH)
#   PARAKIT_SRUN_OPTS extra srun options, e.g. "--cpu-bind=verbose,cores"
#   PARAKIT_MPIRUN_OPTS extra mpirun options for the fallback launcher
#   PARAKIT_DRY_RUN   1: print the run record and launch lines, run nothing
#   OMP_PLACES, OMP_PROC_BIND  kept when set; defaults cores and close

parakit_die() { echo "parakit: error: $*" >&2; exit 2; }

# Loads site modules when asked to, so no module line is hard-coded here.
parakit_modules() {
  [[ -n ${PARAKIT_MODULES:-} ]] || return 0
  if ! type module >/dev/null 2>&1; then
    local init
    for init in /etc/profile.d/modules.sh /usr/share/lmod/lmod/init/bash; do
      # shellcheck source=/dev/null  # the site's environment-modules set-up
      if [[ -f $init ]]; then source "$init"; fi
    done
  fi
  type module >/dev/null 2>&1 || parakit_die "PARAKIT_MODULES is set but this system has no 'module' command"
  # shellcheck disable=SC2086  # a list of module names
  module load $PARAKIT_MODULES
}

# parakit_need PROGRAM...: every program must be built in PARAKIT_BUILD.
parakit_need() {
  PARAKIT_BUILD=${PARAKIT_BUILD:-$PARAKIT_ROOT/build}
  local program
  for program in "$@"; do
    [[ -x $PARAKIT_BUILD/$program ]] \
      || parakit_die "$PARAKIT_BUILD/$program not found: build parakit first (cmake --preset default && cmake --build build), or set PARAKIT_BUILD"
  done
}

# One rank per Slurm task, one OpenMP thread per CPU of the task, each thread
# on a core of its own, next to its siblings. A user's own OMP_* wins.
parakit_openmp_defaults() {
  export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-${OMP_NUM_THREADS:-1}}
  export OMP_PLACES=${OMP_PLACES:-cores}
  export OMP_PROC_BIND=${OMP_PROC_BIND:-close}
}

# The MPI family the build was made with (openmpi or mpich), as CMake wrote it
# beside the programs; empty for a build older than that record.
parakit_mpi_family() {
  local record=${PARAKIT_BUILD:-$PARAKIT_ROOT/build}/parakit-mpi.env
  [[ -f $record ]] && sed -n 's/^PARAKIT_MPI_FAMILY=//p' "$record" | head -n1
  return 0
}

# The MPI library the programs run with, as they report it themselves.
parakit_mpi_library() {
  local program line
  for program in primes whereami download; do
    [[ -x ${PARAKIT_BUILD:-}/$program ]] || continue
    line=$("$PARAKIT_BUILD/$program" --version 2>/dev/null | sed -n 's/^MPI: //p' | head -n1)
    if [[ -n $line ]]; then echo "$line"; return 0; fi
  done
  if command -v ompi_info >/dev/null; then
    ompi_info --version 2>/dev/null | head -n1
  elif command -v mpirun >/dev/null; then
    mpirun --version 2>/dev/null | head -n1
  else
    echo "no mpirun in PATH"
  fi
}

# What ran where and with which settings, before any output of the job.
parakit_run_record() {
  local hosts="(not in a Slurm job)"
  if [[ -n ${SLURM_JOB_NODELIST:-} ]]; then
    hosts=$(scontrol show hostnames "$SLURM_JOB_NODELIST" 2>/dev/null | paste -sd' ' -)
    [[ -n $hosts ]] || hosts=$SLURM_JOB_NODELIST
  fi
  echo "=== parakit run record ==="
  echo "script:      ${PARAKIT_SCRIPT:-?} $*"
  echo "job:         ${SLURM_JOB_ID:-none} (${SLURM_JOB_NAME:-}) on cluster ${SLURM_CLUSTER_NAME:-?}, partition ${SLURM_JOB_PARTITION:-?}"
  echo "started:     $(date -Is) on $(hostname -s)"
  echo "hosts:       $hosts"
  echo "layout:      ${SLURM_JOB_NUM_NODES:-1} node(s), ${SLURM_NTASKS:-1} task(s), ${SLURM_CPUS_PER_TASK:-1} CPU(s) per task"
  echo "mpi library: $(parakit_mpi_library)"
  echo "parakit:     $PARAKIT_ROOT (commit $(git -C "$PARAKIT_ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)), build $PARAKIT_BUILD"
  echo "settings:"
  env | grep -E '^(SLURM|OMP|PARAKIT)_' | sort | sed 's/^/  /'
  echo "=========================="
}

parakit_mpich_launcher() {
  command -v mpiexec.mpich || command -v mpiexec.hydra || echo mpiexec
}

# Fills the array PARAKIT_LAUNCH with the launcher and its options for one
# hybrid step: SLURM_NTASKS ranks of SLURM_CPUS_PER_TASK threads each.
parakit_launch_line() {
  local ranks=${SLURM_NTASKS:-1} cpus=${SLURM_CPUS_PER_TASK:-1}
  local launcher=${PARAKIT_LAUNCHER:-auto} mpi=${PARAKIT_SRUN_MPI:-}
  if [[ $launcher == auto ]]; then
    launcher=mpirun
    if [[ -n ${SLURM_JOB_ID:-} ]] && command -v srun >/dev/null; then
      # srun must speak the start-up protocol of the build's MPI: Debian's Open
      # MPI speaks PMIx only (pmi2 fails), MPICH's processes PMI-1/PMI-2.
      if [[ -z $mpi ]]; then
        local plugins candidate candidates="pmix pmix_v4 pmix_v3"
        plugins=$(srun --mpi=list 2>&1 || true)
        if [[ $(parakit_mpi_family) == mpich ]]; then candidates="pmi2"; fi
        for candidate in $candidates; do
          if grep -qw "$candidate" <<<"$plugins"; then mpi=$candidate; break; fi
        done
      fi
      if [[ -n $mpi ]]; then launcher=srun; fi
    fi
  fi
  case $launcher in
    srun)
      # Since Slurm 22.05 srun does not inherit --cpus-per-task: pass -c explicitly.
      PARAKIT_LAUNCH=(srun --mpi="${mpi:-pmix}" --ntasks="$ranks" --cpus-per-task="$cpus")
      # shellcheck disable=SC2206  # options as a user would type them
      if [[ -n ${PARAKIT_SRUN_OPTS:-} ]]; then PARAKIT_LAUNCH+=($PARAKIT_SRUN_OPTS); fi
      ;;
    mpirun)
      if [[ $(parakit_mpi_family) == mpich ]]; then
        # Hydra's mpiexec passes the whole environment on and runs as root.
        PARAKIT_LAUNCH=("$(parakit_mpich_launcher)" -n "$ranks" -bind-to "core:$cpus")
      else
        # Open MPI refuses root unless told; inside an allocation that is deliberate.
        if [[ $(id -u) -eq 0 ]]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
        PARAKIT_LAUNCH=("$(command -v mpirun.openmpi || echo mpirun)" -np "$ranks")
        # Give each rank its cores; without PE=, Open MPI binds each rank to one core.
        if ((cpus > 1)); then
          PARAKIT_LAUNCH+=(--map-by "slot:PE=$cpus" --bind-to core)
        else
          PARAKIT_LAUNCH+=(--map-by slot --bind-to core)
        fi
        PARAKIT_LAUNCH+=(-x OMP_NUM_THREADS -x OMP_PLACES -x OMP_PROC_BIND)
      fi
      # shellcheck disable=SC2206
      if [[ -n ${PARAKIT_MPIRUN_OPTS:-} ]]; then PARAKIT_LAUNCH+=($PARAKIT_MPIRUN_OPTS); fi
      ;;
    *) parakit_die "PARAKIT_LAUNCHER must be auto, srun or mpirun, not '$launcher'" ;;
  esac
}

parakit_quote() { local out; printf -v out '%q ' "$@"; echo "${out% }"; }

# parakit_run COMMAND...: launch COMMAND on every rank (or only print it with PARAKIT_DRY_RUN=1).
parakit_run() {
  parakit_launch_line
  local line=("${PARAKIT_LAUNCH[@]}" "$@")
  if [[ ${PARAKIT_DRY_RUN:-0} == 1 ]]; then
    echo "dry run: $(parakit_quote "${line[@]}")"
    return 0
  fi
  echo "+ $(parakit_quote "${line[@]}")" >&2   # stderr: stdout stays the program's own
  "${line[@]}"
}
