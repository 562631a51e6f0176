#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace parakit {

// `PROGRAM --version`, like `curl --version`: one line per item, so a bug
// report or a run on a cluster node says exactly what was built with what.
//   primes 0.1.0 (git c4549074c7be)
//   compiler: GCC 12.2.0
//   MPI: Open MPI v4.1.4, ... (MPI standard 3.1)     io/mpi/library_version.hpp
//   OpenMP: 4.5 (_OPENMP 201511)                     openmp_version_line()
//   libcurl: 7.88.1, OpenSSL/3.0.11                  io/http/curl_version.hpp
// Nothing here starts MPI: --version must work without a launcher, at once.

// True when argv asks for --version before the first "--" (after which every
// word is an operand). For programs that start MPI before they parse their
// options: they answer --version before the session exists.
bool wants_version(int argc, char** argv);

// "primes 0.1.0 (git c4549074c7be)": the kit's version and the commit built.
std::string kit_version_line(std::string_view program);

// "compiler: GCC 12.2.0", or clang's, of the compiler that built the kit.
std::string compiler_line();

// "OpenMP: 4.5 (_OPENMP 201511)": the specification a value of _OPENMP (the
// date of the spec the compiler implements) stands for.
std::string openmp_version_line(long openmp_date);

// The same for this build's compiler. Defined in io/openmp_version.cpp, the
// one file compiled with the OpenMP flag (so _OPENMP is defined there) while
// parakit_io itself neither needs nor links the OpenMP runtime.
std::string openmp_version_line();

// For programs that never call MPI (their MPI experiments run other programs).
inline constexpr const char* kMpiNotUsed = "MPI: not used";

// The whole text: the kit line, the compiler line, then `lines` in order;
// every line ends in a newline.
std::string version_text(std::string_view program, std::initializer_list<std::string> lines);

}  // namespace parakit
