#include "io/printable.hpp"

#include <cstdint>
#include <fmt/format.h>

namespace parakit {
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

// Splits `text` into well-formed characters a terminal would not act on, passed
// to keep(), and the rest (a C0 or C1 control, DEL, a byte that is not UTF-8),
// passed to replace(); either returns false to stop. Returns the bytes consumed.
template <typename Keep, typename Replace>
std::size_t scan(std::string_view text, Keep&& keep, Replace&& replace) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_length(text, i);
    const auto byte = static_cast<unsigned char>(text[i]);
    // C1 controls (U+0080 to U+009F) act on terminals as C0 ones do.
    const bool c1_control = length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    const bool unsafe = length == 0 || byte < 0x20 || byte == 0x7F || c1_control;
    const std::string_view piece = text.substr(i, length == 0 ? 1 : length);
    if (!(unsafe ? replace(piece) : keep(piece))) break;
    i += piece.size();
  }
  return i;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string printable(std::string_view text, std::size_t limit) {
  std::string out;
  const auto keep = [&](std::string_view character) {
    if (out.size() >= limit) return false;
    out.append(character);
    return true;
  };
  const auto escape = [&](std::string_view bytes) {
    if (out.size() >= limit) return false;
    for (const char byte : bytes) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(byte));
    return true;
  };
  if (scan(text, keep, escape) < text.size()) out += "...";
  return out;
}

std::string printable_utf8(std::string_view text, char replacement) {
  std::string out;
  out.reserve(text.size());
  const auto keep = [&](std::string_view character) {
    out.append(character);
    return true;
  };
  const auto replace = [&](std::string_view) {
    out.push_back(replacement);
    return true;
  };
  scan(text, keep, replace);
  return out;
}

}  // namespace parakit
