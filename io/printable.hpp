#pragma once

#include <string>
#include <string_view>

namespace parakit {

// Text that comes from outside (arguments, files, URLs, what a server sent) is
// made fit for a terminal, a log line or JSON with these. Each keeps valid
// UTF-8 such as "café" as it is; they differ in what they do with the rest.

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

// For a one-line error message that must show exactly what was wrong: control
// characters (C0, DEL and C1) and bytes that are not valid UTF-8 become \xNN,
// and anything past `limit` bytes becomes "...".
std::string printable(std::string_view text, std::size_t limit = 80);

// For names and messages shown as they are: the same bytes replaced by
// `replacement` instead, so the length stays close and nothing needs unescaping
// (file names built from URLs use '_').
std::string printable_utf8(std::string_view text, char replacement = '?');

}  // namespace parakit
