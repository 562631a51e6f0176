#include "io/trace/output_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "io/atomic_file.hpp"

namespace parakit::trace {

void write_text_file(const std::filesystem::path& path, std::string_view text) {
  AtomicFile file(path);
  {
    std::ofstream out(file.temporary(), std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write '" + path.string() + "': " + std::strerror(errno));
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) throw std::runtime_error("cannot write '" + path.string() + "': " + std::strerror(errno));
  }
  file.commit();
}

}  // namespace parakit::trace
