#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace parakit {

// Reads whitespace-separated numbers (any form parse_number accepts) from a file,
// or from standard input when path is "-". Lines starting with '#' are comments.
// Throws std::runtime_error with a one-line message naming the file, the line
// and the problem.
std::vector<std::uint64_t> read_numbers_file(const std::string& path);

}  // namespace parakit
