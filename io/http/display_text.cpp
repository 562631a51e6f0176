#include "io/http/display_text.hpp"

#include <cstddef>

#include "io/printable.hpp"

namespace parakit::http {

std::string redact_credentials(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t done = 0;
  for (std::size_t scheme = text.find("://"); scheme != std::string_view::npos; scheme = text.find("://", done)) {
    const std::size_t start = scheme + 3;
    // The authority ends where the path, query or fragment starts, or where the
    // URL ends inside a sentence.
    std::size_t end = text.find_first_of("/?#\"'<> \t\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    const std::size_t at = text.substr(start, end - start).rfind('@');
    out.append(text.substr(done, start - done));
    if (at != std::string_view::npos) {
      const std::string_view user_info = text.substr(start, at);
      const std::size_t colon = user_info.find(':');
      if (colon != std::string_view::npos) out.append(user_info.substr(0, colon + 1));
      out.append("***");
      out.append(text.substr(start + at, end - start - at));
    } else {
      out.append(text.substr(start, end - start));
    }
    done = end;
  }
  out.append(text.substr(done));
  return out;
}

std::string for_display(std::string_view text) { return printable_utf8(redact_credentials(text)); }

}  // namespace parakit::http
