#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace parakit::http {

// One line of a URL list: "URL [sha256=HEX]".
struct UrlEntry {
  std::string url;
  std::string sha256;  // lower-case hex, or empty when not given
};

// Why `url` cannot be downloaded (not a URL, a scheme other than http/https,
// no host), or nothing when it is fine.
std::optional<std::string> url_problem(const std::string& url);

// Parses a list: one URL per line, optionally followed by sha256=HEX; blank
// lines and lines starting with '#' are skipped. Throws std::runtime_error
// "SOURCE:LINE: problem" at the first bad line.
std::vector<UrlEntry> parse_url_list(std::istream& in, const std::string& source);

// parse_url_list on a file, or on standard input for "-". Throws
// std::runtime_error when the file cannot be read.
std::vector<UrlEntry> read_url_list(const std::string& path);

}  // namespace parakit::http
