#include "io/version_text.hpp"

#include <fmt/format.h>

#include "parakit/version.hpp"

namespace parakit {

bool wants_version(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--") return false;
    if (word == "--version") return true;
  }
  return false;
}

std::string kit_version_line(std::string_view program) {
  return fmt::format("{} {} (git {})", program, kVersion, kGitCommit);
}

std::string compiler_line() {
  // clang and Intel's icx define __GNUC__ too (as GCC 4.2): test them first.
#if defined(__INTEL_LLVM_COMPILER)
  return "compiler: " __VERSION__;
#elif defined(__clang__)
  return fmt::format("compiler: clang {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  return fmt::format("compiler: GCC {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#elif defined(__VERSION__)
  return "compiler: " __VERSION__;
#else
  return "compiler: unknown";
#endif
}

std::string openmp_version_line(long openmp_date) {
  // The _OPENMP value each specification sets (its release yyyymm).
  struct Spec {
    long date;
    const char* version;
  };
  static constexpr Spec kSpecs[] = {
      {199810, "1.0"}, {200203, "2.0"}, {200505, "2.5"}, {200805, "3.0"}, {201107, "3.1"}, {201307, "4.0"},
      {201511, "4.5"}, {201811, "5.0"}, {202011, "5.1"}, {202111, "5.2"}, {202411, "6.0"},
  };
  for (const Spec& spec : kSpecs) {
    if (spec.date == openmp_date) return fmt::format("OpenMP: {} (_OPENMP {})", spec.version, openmp_date);
  }
  return fmt::format("OpenMP: unknown version (_OPENMP {})", openmp_date);
}

std::string version_text(std::string_view program, std::initializer_list<std::string> lines) {
  std::string text = kit_version_line(program) + "\n" + compiler_line() + "\n";
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

}  // namespace parakit
