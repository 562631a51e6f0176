#pragma once

#include <string>
#include <string_view>

namespace parakit {

// `text` made safe to quote in a one-line error message: control characters
// and bytes that are not valid UTF-8 become \xNN (so binary garbage cannot
// break the line or the terminal), and anything past `limit` bytes becomes
// "...". Valid UTF-8 such as "café" is kept as it is.
std::string printable(std::string_view text, std::size_t limit = 80);

}  // namespace parakit
