#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parakit::http {

// "%20" -> " "; a '%' not followed by two hex digits stays as it is.
std::string percent_decode(std::string_view text);

// The last segment of the URL's path (query and fragment ignored), still encoded.
std::string last_path_segment(std::string_view url);

// The name a URL's body is saved under inside the output directory: the last
// path segment, percent-decoded, then made safe. The result never holds a path
// separator or a control character, never starts with '.', is never empty
// (falls back to "download-<12 hex of the URL's sha256>") and stays short
// enough for any file system. Temporary names start with '.', so they can never
// collide with a final name.
std::string safe_file_name(std::string_view url);

// Names for a whole list, in list order: the second URL that maps to "a.txt"
// gets "a-2.txt", the third "a-3.txt", and so on. Same list, same names.
std::vector<std::string> assign_file_names(const std::vector<std::string>& urls);

// ".NAME.part": where a transfer writes until it is complete and checked.
std::string partial_name(std::string_view final_name);

// An output folder per node: every "{host}" in PATTERN becomes HOST, so
// "out/{host}" is "out/node2" for the ranks on node2. Nothing else changes.
std::string expand_host_pattern(std::string_view pattern, std::string_view host);
inline bool has_host_pattern(std::string_view pattern) { return pattern.find("{host}") != std::string_view::npos; }

}  // namespace parakit::http
