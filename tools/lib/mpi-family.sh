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
