#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace parakit {

// Parses whitespace-separated numbers (any form parse_number accepts); '#'
// starts a comment that runs to the end of the line. Throws std::runtime_error
// "NAME:LINE: problem" at the first bad word or over-long line.
std::vector<std::uint64_t> parse_numbers(std::istream& in, const std::string& name);

// parse_numbers on a file, or on standard input when path is "-". Throws
// std::runtime_error with a one-line message naming the file and the problem:
// missing, unreadable, a directory, a bad line, or no numbers at all.
std::vector<std::uint64_t> read_numbers_file(const std::string& path);

}  // namespace parakit
