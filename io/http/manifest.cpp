#include "io/http/manifest.hpp"

#include <fmt/format.h>

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
  write_file_atomically(manifest_path, format_manifest(entries, manifest_path));
}

}  // namespace parakit::http
