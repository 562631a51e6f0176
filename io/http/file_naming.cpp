#include "io/http/file_naming.hpp"

#include <set>

#include "io/http/display_text.hpp"
#include "io/printable.hpp"
#include "io/http/sha256.hpp"

namespace parakit::http {
namespace {

// Leaves room for ".part", a "-NNN" collision suffix and the leading dot under
// the usual 255-byte NAME_MAX.
constexpr std::size_t kMaxNameBytes = 200;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Cuts at a byte limit without splitting a UTF-8 sequence.
std::string truncate_utf8(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

}  // namespace

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string last_path_segment(std::string_view url) {
  std::size_t start = 0;
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) {
    // The path starts after the authority; "http://h?q=/etc/passwd" has none.
    start = url.find_first_of("/?#", scheme + 3);
    if (start == std::string_view::npos || url[start] != '/') return "";
  }
  std::string_view path = url.substr(start);
  path = path.substr(0, path.find_first_of("?#"));
  const std::size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string safe_file_name(std::string_view url) {
  // Control characters and bytes that are not UTF-8 become '_' too: a name is
  // printed and written to JSON, and must not drive a terminal or break either.
  std::string name = printable_utf8(percent_decode(last_path_segment(url)), '_');
  for (char& c : name) {
    if (c == '/' || c == '\\') c = '_';
  }
  // Dropping every leading dot turns "..", "." and ".bashrc" into "", "" and "bashrc".
  name.erase(0, name.find_first_not_of('.'));
  name = truncate_utf8(std::move(name), kMaxNameBytes);
  if (name.empty()) name = "download-" + sha256_hex(url).substr(0, 12);
  return name;
}

std::vector<std::string> assign_file_names(const std::vector<std::string>& urls) {
  std::vector<std::string> names;
  std::set<std::string> taken;
  names.reserve(urls.size());
  for (const std::string& url : urls) {
    const std::string base = safe_file_name(url);
    std::string name = base;
    if (taken.count(name) > 0) {
      const std::size_t dot = base.rfind('.');
      const bool has_extension = dot != std::string::npos && dot > 0;
      const std::string stem = has_extension ? base.substr(0, dot) : base;
      const std::string extension = has_extension ? base.substr(dot) : "";
      for (int n = 2; taken.count(name) > 0; ++n) name = stem + "-" + std::to_string(n) + extension;
    }
    taken.insert(name);
    names.push_back(std::move(name));
  }
  return names;
}

std::string partial_name(std::string_view final_name) {
  std::string name;
  name.reserve(final_name.size() + 6);
  name.append(".").append(final_name).append(".part");
  return name;
}

std::string expand_host_pattern(std::string_view pattern, std::string_view host) {
  constexpr std::string_view key = "{host}";
  std::string out;
  for (std::size_t at = 0;;) {
    const std::size_t found = pattern.find(key, at);
    out.append(pattern.substr(at, found == std::string_view::npos ? std::string_view::npos : found - at));
    if (found == std::string_view::npos) return out;
    out.append(host);
    at = found + key.size();
  }
}

}  // namespace parakit::http
