# shellcheck shell=bash
# Which MPI a program was built with, and that MPI's launcher (sourced, not
# run). The two families take different launchers with different options, and
# a binary started by the other family's launcher does not fail: every process
# comes up as a singleton of size 1. So a script that builds a launch line
# first learns the family from the program itself. tools/mpirun-local and
# tools/emulated-cluster source this.

# mpi_family_of_program FILE: the MPI family FILE links, from its dynamic
# section. Open MPI's libmpi.so.40 (.20 before 3.0), or the MPICH ABI's
# libmpich.so.12 / libmpi.so.12 (MPICH, Intel MPI, Cray MPICH and MVAPICH share
# it). Prints openmpi, mpich, or nothing when FILE links no MPI.
mpi_family_of_program() {
  local needed
  needed=$(readelf -d "$1" 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p') || return 0
  if grep -qE '^lib(mpich|mpi)\.so\.12' <<<"$needed"; then
    echo mpich
  elif grep -qE '^libmpi\.so\.[0-9]+' <<<"$needed"; then
    echo openmpi
  fi
}

# mpi_family_of_mpirun: the family of the `mpirun` on PATH, or nothing.
mpi_family_of_mpirun() {
  local version
  version=$(mpirun --version 2>&1 || true)
  case $version in
    *"Open MPI"* | *OpenRTE*) echo openmpi ;;
    *HYDRA* | *"Intel(R) MPI"*) echo mpich ;;
  esac
}

# mpi_is_program WORD: WORD names an executable file (a path, or a command on
# PATH). The program of a launch line is such a word, so the options and
# values before it are skipped without knowing every launcher's spelling.
mpi_is_program() {
  local path
  path=$(command -v -- "$1" 2>/dev/null) || return 1
  [[ -f $path && -x $path ]]
}

# mpi_family_of_command LAUNCH-ARGS...: the family of the first executable
# word that links an MPI, else PARAKIT_MPI (openmpi or mpich), else that of the
# mpirun on PATH; nothing when none of them tells. Not simply the first
# executable word: an option's value may name a command too (in
# `--map-by node ./primes`, node is Node.js on many machines), and a program
# started through another (`env X=1 ./primes`) is still the one that counts.
mpi_family_of_command() {
  local arg family=
  for arg in "$@"; do
    mpi_is_program "$arg" || continue
    family=$(mpi_family_of_program "$(command -v -- "$arg")")
    [[ -z $family ]] || break
  done
  echo "${family:-${PARAKIT_MPI:-$(mpi_family_of_mpirun)}}"
}

# mpi_launcher FAMILY: the path of FAMILY's own launcher (Debian installs both
# side by side as mpirun.openmpi and mpiexec.mpich), or nothing.
mpi_launcher() {
  case $1 in
    openmpi) command -v mpirun.openmpi || command -v mpirun || true ;;
    mpich) command -v mpiexec.mpich || command -v mpiexec.hydra || command -v mpiexec || true ;;
  esac
}

# mpi_hydra_args SCRATCH LAUNCH-ARGS...: a launch line written in Open MPI's
# spellings (the default MPI's, which scripts and handouts use), in Hydra's
# words, into the array hydra_args. Only the options before the program are
# translated; the program and its own options are kept. An Open MPI hostfile
# ("node2 slots=2") becomes Hydra's ("node2:2") in a file made in SCRATCH,
# named by hydra_hostfile, which the caller removes; hydra_hosts_given is 1
# when the line names its hosts. What Hydra does not need is dropped:
# --oversubscribe (it oversubscribes unasked), --leave-session-attached, -x
# NAME (it passes the environment on), --mca (with a note).
# shellcheck disable=SC2034  # hydra_* are this function's results, for the caller
mpi_hydra_args() {
  local scratch=$1
  shift
  hydra_args=() hydra_hostfile='' hydra_hosts_given=0
  local arg program_seen=0
  while (($#)); do
    arg=$1
    if ((program_seen)); then
      hydra_args+=("$arg")
      shift
      continue
    fi
    case $arg in
      --oversubscribe|-oversubscribe|--leave-session-attached|-leave-session-attached) ;;
      --mca|-mca)
        echo "${0##*/}: MPICH's mpiexec has no --mca; ignored --mca ${2:-} ${3:-}" >&2
        shift 2 ;;
      -np|--np|-n|-c) hydra_args+=(-n "${2:?$arg needs a number}"); shift ;;
      -np=*|--np=*|-n=*) hydra_args+=(-n "${arg#*=}") ;;
      -H|--host|-host|-hosts) hydra_args+=(-hosts "${2:?$arg needs hosts}"); hydra_hosts_given=1; shift ;;
      --hostfile|-hostfile|--machinefile|-machinefile|-f)
        hydra_hostfile=$(mktemp "$scratch/hostfile.XXXXXX")
        sed -E 's/[[:space:]]+slots=/:/' "${2:?$arg needs a file}" >"$hydra_hostfile"
        hydra_args+=(-f "$hydra_hostfile"); hydra_hosts_given=1; shift ;;
      --map-by|-map-by)
        case ${2:?$arg needs a policy} in
          node) hydra_args+=(-ppn 1) ;;  # Open MPI's round robin over the nodes
          ppr:*:node) local per=${2#ppr:}; hydra_args+=(-ppn "${per%:node}") ;;
          slot|core) ;;                  # Hydra fills each host's slots in order anyway
          *) hydra_args+=(-map-by "$2") ;;
        esac
        shift ;;
      --bind-to|-bind-to) hydra_args+=(-bind-to "${2:?$arg needs a policy}"); shift ;;
      --tag-output|-tag-output) hydra_args+=(-prepend-rank) ;;
      -x)
        # A value given here is set for every rank; a bare name is passed on anyway.
        [[ ${2:?-x needs a variable} != *=* ]] || hydra_args+=(-genv "${2%%=*}" "${2#*=}")
        shift ;;
      *)
        hydra_args+=("$arg")
        if mpi_is_program "$arg"; then program_seen=1; fi ;;
    esac
    shift
  done
}
