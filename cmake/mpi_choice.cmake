# Which MPI a build uses, chosen once: PARAKIT_MPI=openmpi or mpich takes that
# library's own compiler wrappers and launcher (Debian installs both side by
# side as mpicxx.openmpi / mpicxx.mpich), so a build never mixes one's headers
# with the other's libraries or launcher. Empty takes whatever mpicxx is.
set(PARAKIT_MPI "" CACHE STRING "MPI library to build with: openmpi, mpich, or empty for the system's default")
set_property(CACHE PARAKIT_MPI PROPERTY STRINGS "" openmpi mpich)

if(PARAKIT_MPI STREQUAL "mpich")
  set(wrapper_suffix mpich)
  set(launcher_names mpiexec.mpich mpiexec.hydra)
elseif(PARAKIT_MPI STREQUAL "openmpi")
  set(wrapper_suffix openmpi)
  set(launcher_names mpirun.openmpi)
elseif(NOT PARAKIT_MPI STREQUAL "")
  message(FATAL_ERROR "PARAKIT_MPI must be openmpi, mpich or empty, not '${PARAKIT_MPI}'")
endif()
if(PARAKIT_MPI)
  find_program(PARAKIT_MPICXX NAMES mpicxx.${wrapper_suffix} mpic++.${wrapper_suffix})
  find_program(PARAKIT_MPICC NAMES mpicc.${wrapper_suffix})
  find_program(PARAKIT_MPIEXEC NAMES ${launcher_names})
  if(NOT PARAKIT_MPICXX OR NOT PARAKIT_MPIEXEC)
    message(FATAL_ERROR "PARAKIT_MPI=${PARAKIT_MPI}: its compiler wrapper (mpicxx.${wrapper_suffix}) or launcher "
                        "(${launcher_names}) is not installed: PARAKIT_MPI=${PARAKIT_MPI} tools/install-deps")
  endif()
  set(MPI_CXX_COMPILER ${PARAKIT_MPICXX} CACHE FILEPATH "" FORCE)
  if(PARAKIT_MPICC)
    set(MPI_C_COMPILER ${PARAKIT_MPICC} CACHE FILEPATH "" FORCE)
  endif()
  set(MPIEXEC_EXECUTABLE ${PARAKIT_MPIEXEC} CACHE FILEPATH "" FORCE)
endif()

find_package(MPI REQUIRED COMPONENTS CXX)

# The family of the library found, from its own header, for the run record and
# for the scripts that launch the programs (build/parakit-mpi.env).
# Asked anew at every configure: the answer must follow a change of wrapper.
include(CheckCXXSymbolExists)
set(CMAKE_REQUIRED_LIBRARIES MPI::MPI_CXX)  # brings the target's include folders along
set(CMAKE_REQUIRED_QUIET ON)
unset(PARAKIT_HAVE_OPEN_MPI CACHE)
unset(PARAKIT_HAVE_MPICH CACHE)
check_cxx_symbol_exists(OPEN_MPI mpi.h PARAKIT_HAVE_OPEN_MPI)
check_cxx_symbol_exists(MPICH_VERSION mpi.h PARAKIT_HAVE_MPICH)
unset(CMAKE_REQUIRED_LIBRARIES)
unset(CMAKE_REQUIRED_QUIET)
if(PARAKIT_HAVE_OPEN_MPI)
  set(PARAKIT_MPI_FAMILY openmpi)
elseif(PARAKIT_HAVE_MPICH)
  set(PARAKIT_MPI_FAMILY mpich)  # also Intel MPI, Cray MPICH and MVAPICH, which define it
else()
  set(PARAKIT_MPI_FAMILY other)
endif()
if(PARAKIT_MPI AND NOT PARAKIT_MPI STREQUAL PARAKIT_MPI_FAMILY)
  message(FATAL_ERROR "PARAKIT_MPI=${PARAKIT_MPI}, but ${MPI_CXX_COMPILER} compiles against ${PARAKIT_MPI_FAMILY}")
endif()
message(STATUS "MPI: ${PARAKIT_MPI_FAMILY}, launcher ${MPIEXEC_EXECUTABLE}")
file(WRITE ${CMAKE_BINARY_DIR}/parakit-mpi.env
     "# Written by CMake: the MPI this build uses, read by tools/mpirun-local and slurm/.\n"
     "PARAKIT_MPI_FAMILY=${PARAKIT_MPI_FAMILY}\nPARAKIT_MPIEXEC=${MPIEXEC_EXECUTABLE}\n")
