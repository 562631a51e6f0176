#include "io/output_path.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>

#include "io/printable.hpp"

namespace parakit {

std::optional<std::string> output_path_problem(std::string_view flag, const std::string& path, bool force) {
  if (path.empty()) return fmt::format("{} needs a file name", flag);
  const std::string shown = printable(path);
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status)) return fmt::format("{} '{}' is a directory; give a file name", flag, shown);
  if (std::filesystem::exists(status)) {
    if (!std::filesystem::is_regular_file(status)) return fmt::format("{} '{}' exists and is not a regular file", flag, shown);
    if (!force) return fmt::format("{} file '{}' already exists (add --force to overwrite it)", flag, shown);
  }
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  if (!std::filesystem::is_directory(folder, ec)) {
    return fmt::format("{} file '{}': folder '{}' does not exist", flag, shown, printable(folder.string()));
  }
  // access() reports a read-only file system (EROFS) even to root, who ignores permission bits.
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    return fmt::format("{} file '{}': cannot write in folder '{}': {}", flag, shown, printable(folder.string()),
                       std::strerror(errno));
  }
  return std::nullopt;
}

std::optional<std::string> first_output_problem(std::initializer_list<NamedOutput> outputs, bool force) {
  for (auto a = outputs.begin(); a != outputs.end(); ++a) {
    if (a->path->empty()) continue;
    for (auto b = outputs.begin(); b != a; ++b) {
      if (!b->path->empty() && *b->path == *a->path) {
        return fmt::format("{} and {} both name '{}'; give each its own file", b->flag, a->flag, printable(*a->path));
      }
    }
    if (auto problem = output_path_problem(a->flag, *a->path, force)) return problem;
  }
  return std::nullopt;
}

}  // namespace parakit
