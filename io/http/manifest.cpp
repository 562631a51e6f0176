#include "io/http/manifest.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "io/atomic_file.hpp"

namespace parakit::http {

std::string format_manifest(const std::vector<ManifestEntry>& entries, const std::filesystem::path& manifest_path) {
  const std::filesystem::path base = std::filesystem::absolute(manifest_path).parent_path();
  std::string text = "# parakit download manifest; check with: sha256sum -c (from this directory)\n";
  for (const ManifestEntry& e : entries) {
    const std::filesystem::path relative = std::filesystem::absolute(e.path).lexically_relative(base);
    text += fmt::format("# {} bytes\n{}  {}\n", e.bytes, e.sha256, relative.string());
  }
  return text;
}

void write_manifest(const std::vector<ManifestEntry>& entries, const std::filesystem::path& manifest_path) {
  AtomicFile file(manifest_path);
  {
    std::ofstream out(file.temporary(), std::ios::binary);
    out << format_manifest(entries, manifest_path);
    out.flush();
    if (!out) {
      throw std::runtime_error(fmt::format("cannot write manifest '{}': {}", manifest_path.string(), std::strerror(errno)));
    }
  }
  file.commit();
}

}  // namespace parakit::http
