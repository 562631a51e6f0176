# cmake --install build --prefix DIR: the five programs and mpirun-local in
# bin/, the Slurm scripts and the labs in share/parakit/, a CMake package
# (find_package(parakit) -> parakit::kernels, the pure kernels: no MPI, no
# OpenMP) and an Lmod modulefile in share/modulefiles/parakit/VERSION.lua.
# tests/install/ installs into a scratch prefix and uses all three.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(parakit_programs primes download fileserver lesson whereami)
set(parakit_datadir ${CMAKE_INSTALL_DATADIR}/parakit)
set(parakit_cmakedir ${CMAKE_INSTALL_LIBDIR}/cmake/parakit)

# The project's own libraries are static, so an installed program needs only
# the system's shared ones. Keep the folders of those found outside the
# system's (an MPI under /opt, or Debian's openmpi/lib) in the installed
# RUNPATH, so the copy resolves them as the tested build did; the build tree
# is never among them.
set_target_properties(${parakit_programs} PROPERTIES INSTALL_RPATH_USE_LINK_PATH TRUE)
install(TARGETS ${parakit_programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# mpirun-local sources lib/mpi-family.sh beside its real path, so both live in
# share/parakit/tools/ and bin/mpirun-local links to the script (below).
install(PROGRAMS tools/mpirun-local DESTINATION ${parakit_datadir}/tools)
install(FILES tools/lib/mpi-family.sh DESTINATION ${parakit_datadir}/tools/lib)
# slurm/lib/common.sh reads the build's MPI family beside the programs
# ($PARAKIT_BUILD/parakit-mpi.env) to choose srun's plugin and the launcher.
install(FILES ${CMAKE_BINARY_DIR}/parakit-mpi.env DESTINATION ${CMAKE_INSTALL_BINDIR})

# --- the CMake package: parakit::kernels ------------------------------------
# Headers keep their kernels/ folder, so `#include "kernels/sieve.hpp"` works
# from include/parakit as it does from the source root. kernels/concurrency/
# is a library of its own (parakit_concurrency, not exported).
install(TARGETS parakit_kernels EXPORT parakitTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY kernels/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/parakit/kernels
        FILES_MATCHING PATTERN "*.hpp" PATTERN concurrency EXCLUDE)
install(EXPORT parakitTargets NAMESPACE parakit:: DESTINATION ${parakit_cmakedir})
configure_package_config_file(cmake/parakitConfig.cmake.in ${CMAKE_BINARY_DIR}/parakitConfig.cmake
                              INSTALL_DESTINATION ${parakit_cmakedir})
# 0.x: a new minor version may change the kernels' interface.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/parakitConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/parakitConfig.cmake ${CMAKE_BINARY_DIR}/parakitConfigVersion.cmake
        DESTINATION ${parakit_cmakedir})

# --- Slurm scripts and labs: share/parakit/ (PARAKIT_ROOT) ------------------
install(DIRECTORY slurm DESTINATION ${parakit_datadir} USE_SOURCE_PERMISSIONS
        PATTERN __pycache__ EXCLUDE)
# The handouts, the exercises' starting versions and the grader; not the
# solutions, nor the scripts that run the handouts in the test suite.
install(DIRECTORY labs/ DESTINATION ${parakit_datadir}/labs
        FILES_MATCHING PATTERN "*.md"
        PATTERN exercises EXCLUDE PATTERN solutions EXCLUDE PATTERN grader EXCLUDE PATTERN check-support EXCLUDE)
install(DIRECTORY labs/exercises labs/grader labs/check-support DESTINATION ${parakit_datadir}/labs
        USE_SOURCE_PERMISSIONS PATTERN __pycache__ EXCLUDE)
install(PROGRAMS labs/check DESTINATION ${parakit_datadir}/labs)

# --- at install time, when the prefix is known ------------------------------
# share/parakit/build -> bin, so a batch script finds the programs with its
# defaults (PARAKIT_BUILD=$PARAKIT_ROOT/build) even without the module;
# bin/mpirun-local -> share/parakit/tools/mpirun-local, the launcher on the
# module's PATH, with its library beside it; and the modulefile,
# with the prefix written in, so a site may copy it into its own module tree.
# All three are recorded in install_manifest.txt.
install(CODE "
set(parakit_version \"${PROJECT_VERSION}\")
set(parakit_mpi_family \"${PARAKIT_MPI_FAMILY}\")
set(parakit_modulefile_template \"${CMAKE_CURRENT_LIST_DIR}/parakit.lua.in\")
set(parakit_bindir \"${CMAKE_INSTALL_BINDIR}\")
set(parakit_datadir_rel \"${CMAKE_INSTALL_DATADIR}\")
")
install(CODE [[
foreach(dir parakit_bindir parakit_datadir_rel)
  if(NOT IS_ABSOLUTE "${${dir}}")
    set(${dir} "${CMAKE_INSTALL_PREFIX}/${${dir}}")
  endif()
endforeach()
set(PARAKIT_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(PARAKIT_BINDIR "${parakit_bindir}")
set(PARAKIT_SHARE "${parakit_datadir_rel}/parakit")
set(PARAKIT_VERSION "${parakit_version}")
set(PARAKIT_MPI_FAMILY "${parakit_mpi_family}")

# A relative link, so a prefix that is moved (or staged with DESTDIR) keeps it.
function(parakit_link from to)
  get_filename_component(from_folder "${from}" DIRECTORY)
  file(RELATIVE_PATH target "${from_folder}" "${to}")
  set(link "$ENV{DESTDIR}${from}")
  message(STATUS "Installing: ${link} -> ${target}")
  get_filename_component(folder "${link}" DIRECTORY)
  file(MAKE_DIRECTORY "${folder}")
  file(REMOVE "${link}")
  file(CREATE_LINK "${target}" "${link}" SYMBOLIC)
  set(CMAKE_INSTALL_MANIFEST_FILES ${CMAKE_INSTALL_MANIFEST_FILES} "${link}" PARENT_SCOPE)
endfunction()
parakit_link("${PARAKIT_SHARE}/build" "${PARAKIT_BINDIR}")
parakit_link("${PARAKIT_BINDIR}/mpirun-local" "${PARAKIT_SHARE}/tools/mpirun-local")

set(modulefile "$ENV{DESTDIR}${parakit_datadir_rel}/modulefiles/parakit/${PARAKIT_VERSION}.lua")
message(STATUS "Installing: ${modulefile}")
configure_file("${parakit_modulefile_template}" "${modulefile}" @ONLY)
list(APPEND CMAKE_INSTALL_MANIFEST_FILES "${modulefile}")
]])
