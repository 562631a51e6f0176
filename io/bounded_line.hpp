#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace parakit {

// Lists (numbers, URLs) are read a line at a time; a line longer than this is
// binary data or a device such as /dev/zero, not a list, and reading it whole
// would exhaust memory.
inline constexpr std::size_t kMaxListLineBytes = std::size_t{16} << 20;

// Reads one line without its '\n' into `line`. Returns false at the end of the
// input. Throws std::length_error when the line is longer than `limit` bytes.
bool read_bounded_line(std::istream& in, std::string& line, std::size_t limit = kMaxListLineBytes);

}  // namespace parakit
