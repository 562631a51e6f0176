#pragma once

#include <string>
#include <string_view>

namespace parakit::http {

// URLs and libcurl's errors (which quote what a server sent) on their way to a
// screen, a log or JSON.

// Hides credentials in every "scheme://user:password@host" inside `text`:
// "https://ann:s3cret@h/x" -> "https://ann:***@h/x". A user part without a
// password is often a token by itself, so it is hidden whole: "https://***@h/x".
std::string redact_credentials(std::string_view text);

// Credentials hidden, then printable_utf8 (io/printable.hpp): what a URL or an
// error message looks like on screen.
std::string for_display(std::string_view text);

}  // namespace parakit::http
