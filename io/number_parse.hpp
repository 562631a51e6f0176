#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace parakit {

// Parses a non-negative integer the way people write big ones on a command line:
// "1000000", "1e10", "2.5e9", "2^32", "2^64-1", "1e9+7". The value must be an
// exact integer in [0, 2^64 - 1].
struct ParsedNumber {
  std::uint64_t value = 0;
};
struct ParseError {
  std::string message;  // one line, names the text and the problem
};

std::variant<ParsedNumber, ParseError> parse_number(std::string_view text);

}  // namespace parakit
