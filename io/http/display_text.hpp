#pragma once

#include <string>
#include <string_view>

namespace parakit::http {

// Text that comes from outside (URLs, libcurl's errors, which quote what a
// server sent) is made fit to print, log and put in JSON with these.

// Hides credentials in every "scheme://user:password@host" inside `text`:
// "https://ann:s3cret@h/x" -> "https://ann:***@h/x". A user part without a
// password is often a token by itself, so it is hidden whole: "https://***@h/x".
std::string redact_credentials(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

// `text` with every byte that is not part of a well-formed UTF-8 character,
// and every control character, replaced by `replacement`: nothing a terminal
// would act on, and nothing a JSON writer would refuse.
std::string printable_utf8(std::string_view text, char replacement = '?');

// Both of the above: what a URL or an error message looks like on screen.
std::string for_display(std::string_view text);

}  // namespace parakit::http
