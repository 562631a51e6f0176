#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace parakit::http {

struct ManifestEntry {
  std::string sha256;
  std::uint64_t bytes = 0;
  std::filesystem::path path;  // as saved
};

// The text of a manifest that `sha256sum -c` checks: "HEX  PATH" per file,
// with each size on a '#' comment line before it (sha256sum skips those).
// Paths are written relative to the manifest's own directory, so
// `cd $(dirname MANIFEST) && sha256sum -c MANIFEST` works from anywhere.
std::string format_manifest(const std::vector<ManifestEntry>& entries, const std::filesystem::path& manifest_path);

// Writes it through a temporary name; throws std::runtime_error on failure.
void write_manifest(const std::vector<ManifestEntry>& entries, const std::filesystem::path& manifest_path);

}  // namespace parakit::http
