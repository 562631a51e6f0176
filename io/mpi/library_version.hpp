#pragma once

#include <string>
#include <string_view>

namespace parakit {

// The MPI library a program was linked with, in one line. Both calls behind
// these are allowed before MPI_Init (MPI-3), so --version needs no launcher.

// MPI_Get_library_version made one readable line. Open MPI's string is one
// line already and stays as it is. MPICH's (and MVAPICH's) is a block of
// "NAME Version:", "NAME Device:", configure options, compiler flags ...:
// it becomes "MPICH 4.0.2 (ch4:ucx)". Any other library: its first line.
std::string summarise_mpi_library(std::string_view library_version);

// summarise_mpi_library of this process's MPI library.
std::string mpi_library_name();

// The MPI standard the library implements, from MPI_Get_version: "3.1".
std::string mpi_standard_version();

// "MPI: Open MPI v4.1.4, package: ... (MPI standard 3.1)", for --version.
std::string mpi_version_line();

}  // namespace parakit
