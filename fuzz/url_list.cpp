// A URL list (-i FILE) of any bytes: never crashes; an error is one clean line
// naming the list; every entry is an http(s) URL without spaces, and its
// sha256 is empty or 64 lower-case hex digits.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

#include "invariants.hpp"
#include "io/http/url_list.hpp"

using parakit::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    for (const auto& entry : parakit::http::parse_url_list(in, "urls.txt")) {
      require(!parakit::http::url_problem(entry.url).has_value(), "a bad URL was accepted", entry.url);
      for (unsigned char c : entry.url) require(c > 0x20 && c != 0x7f, "a URL holds a space or control character", entry.url);
      require(entry.sha256.empty() || entry.sha256.size() == 64, "sha256 is not 64 digits", entry.sha256);
      for (char c : entry.sha256) {
        require((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'), "sha256 is not lower-case hex", entry.sha256);
      }
    }
  } catch (const std::runtime_error& e) {
    const std::string_view message = e.what();
    parakit::fuzz::require_one_line(message);
    require(message.rfind("urls.txt:", 0) == 0, "error does not name the list", message);
  }
  return 0;
}
