#pragma once

#include <filesystem>
#include <string_view>

namespace parakit::trace {

// Writes `text` to a temporary beside `path` and renames it into place, so a
// reader never sees half a trace; throws std::runtime_error naming the path.
void write_text_file(const std::filesystem::path& path, std::string_view text);

}  // namespace parakit::trace
