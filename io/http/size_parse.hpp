#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace parakit::http {

// "1048576", "512k", "10M", "1.5GiB", "200MiB": binary units (k = 1024), an
// optional "B"/"iB". Nothing for anything else or a value past 2^63.
std::optional<std::uint64_t> parse_size(std::string_view text);

}  // namespace parakit::http
