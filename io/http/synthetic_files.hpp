#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace parakit::fileserver {

// Synthetic file number `index`: "synthetic-007.bin", with content that is a
// pure function of (index, offset), so any byte range can be produced on the
// fly, the same on every run and every machine, without storing the file.
std::string synthetic_name(std::size_t index);
void fill_synthetic(std::size_t index, std::uint64_t offset, char* out, std::size_t count);
std::string synthetic_sha256(std::size_t index, std::uint64_t size);

}  // namespace parakit::fileserver
