// Compiled with the OpenMP flag only (see io/CMakeLists.txt): _OPENMP is the
// compiler's, as every OpenMP file of the kit sees it; nothing here calls the
// runtime, so parakit_io does not link libgomp.
#include "io/version_text.hpp"

namespace parakit {

std::string openmp_version_line() {
#ifdef _OPENMP
  return openmp_version_line(static_cast<long>(_OPENMP));
#else
  return "OpenMP: not enabled when the kit was compiled";
#endif
}

}  // namespace parakit
