// The lines of --version: io/version_text and io/mpi/library_version.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <vector>

#include "io/mpi/library_version.hpp"
#include "io/version_text.hpp"
#include "parakit/version.hpp"

using parakit::summarise_mpi_library;

TEST_CASE("Open MPI's library string stays as it is", "[version]") {
  const std::string open_mpi = "Open MPI v4.1.4, package: Debian OpenMPI, ident: 4.1.4, repo rev: v4.1.4, May 26, 2022";
  CHECK(summarise_mpi_library(open_mpi) == open_mpi);
  CHECK(summarise_mpi_library(open_mpi + "\n") == open_mpi);
  CHECK(summarise_mpi_library(open_mpi + std::string(1, '\0')) == open_mpi);
}

TEST_CASE("MPICH's block of lines becomes its name, version and device", "[version]") {
  // As Debian's MPICH 4.0.2 gives it (configure and compiler lines cut short).
  const std::string mpich =
      "MPICH Version:\t4.0.2\n"
      "MPICH Release date:\tThu Apr  7 12:34:45 CDT 2022\n"
      "MPICH ABI:\t14:2:2\n"
      "MPICH Device:\tch4:ucx\n"
      "MPICH configure:\t--build=x86_64-linux-gnu --prefix=/usr --with-device=ch4:ucx\n"
      "MPICH CC:\tgcc  -g -O2\n";
  CHECK(summarise_mpi_library(mpich) == "MPICH 4.0.2 (ch4:ucx)");
  CHECK(summarise_mpi_library("MPICH Version:\t3.4.1\nMPICH Release date:\tsome day\n") == "MPICH 3.4.1");
  CHECK(summarise_mpi_library("MVAPICH2 Version:     \t2.3.7\nMVAPICH2 Device:      \tch3:mrail\n") ==
        "MVAPICH2 2.3.7 (ch3:mrail)");
}

TEST_CASE("any other library string: its first line", "[version]") {
  CHECK(summarise_mpi_library("Intel(R) MPI Library 2021.6 for Linux* OS\n\nmore\n") ==
        "Intel(R) MPI Library 2021.6 for Linux* OS");
  CHECK(summarise_mpi_library("") == "");
}

TEST_CASE("this build's MPI line names the library and the standard", "[version]") {
  const std::string line = parakit::mpi_version_line();  // allowed before MPI_Init
  CHECK(line.starts_with("MPI: "));
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.ends_with(" (MPI standard " + parakit::mpi_standard_version() + ")"));
}

TEST_CASE("_OPENMP dates map to the specification", "[version]") {
  CHECK(parakit::openmp_version_line(201511) == "OpenMP: 4.5 (_OPENMP 201511)");
  CHECK(parakit::openmp_version_line(201811) == "OpenMP: 5.0 (_OPENMP 201811)");
  CHECK(parakit::openmp_version_line(200805) == "OpenMP: 3.0 (_OPENMP 200805)");
  CHECK(parakit::openmp_version_line(201712) == "OpenMP: unknown version (_OPENMP 201712)");
  CHECK(parakit::openmp_version_line().starts_with("OpenMP: "));
}

TEST_CASE("the version text: kit line, compiler line, then the program's lines", "[version]") {
  const std::string text = parakit::version_text("primes", {"MPI: not used", "OpenMP: 4.5 (_OPENMP 201511)"});
  const std::string kit = std::string("primes ") + parakit::kVersion + " (git " + parakit::kGitCommit + ")\n";
  CHECK(text.starts_with(kit));
  CHECK(text.find("\ncompiler: ") == kit.size() - 1);
  CHECK(text.ends_with("\nMPI: not used\nOpenMP: 4.5 (_OPENMP 201511)\n"));
}

TEST_CASE("wants_version looks before the first --", "[version]") {
  auto wants = [](std::initializer_list<const char*> words) {
    std::vector<char*> argv;
    for (const char* w : words) argv.push_back(const_cast<char*>(w));
    return parakit::wants_version(static_cast<int>(argv.size()), argv.data());
  };
  CHECK(wants({"primes", "--version"}));
  CHECK(wants({"primes", "--range", "0", "10", "--version"}));
  CHECK_FALSE(wants({"primes"}));
  CHECK_FALSE(wants({"--version"}));  // argv[0] is the program
  CHECK_FALSE(wants({"download", "--", "--version"}));
  CHECK_FALSE(wants({"primes", "--versions", "-version"}));
}
