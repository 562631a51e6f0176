#include "io/http/display_text.hpp"

#include <cstddef>
#include <cstdint>

namespace parakit::http {
namespace {

// The length of the well-formed UTF-8 character that starts text[at], or 0.
std::size_t utf8_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t code = 0, minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, code = lead & 0x1Fu, minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, code = lead & 0x0Fu, minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, code = lead & 0x07u, minimum = 0x10000;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(at + i) & 0x3Fu);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

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

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string printable_utf8(std::string_view text, char replacement) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_length(text, i);
    const auto byte = static_cast<unsigned char>(text[i]);
    // C1 controls (U+0080 to U+009F) act on terminals as C0 ones do.
    const bool c1_control = length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (c1_control) {
      out.push_back(replacement);
      i += 2;
    } else if (length == 0 || byte < 0x20 || byte == 0x7f) {
      out.push_back(replacement);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string for_display(std::string_view text) { return printable_utf8(redact_credentials(text)); }

}  // namespace parakit::http
