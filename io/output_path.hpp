#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace parakit {

// Why `path`, given to option `flag` (e.g. "--list"), cannot become an output
// file, or nothing when it can: an empty name, a directory, a missing folder, a
// folder the program may not write in, or (without --force) an existing file.
// Checked before the work starts, so a long run never ends in "cannot write".
// The message is one line naming the option, the path and the cause.
std::optional<std::string> output_path_problem(std::string_view flag, const std::string& path, bool force);

// The first problem among several outputs of one run; two options naming the
// same file also count as a problem. Empty paths mean "option not given".
struct NamedOutput {
  std::string_view flag;
  const std::string* path;
};
std::optional<std::string> first_output_problem(std::initializer_list<NamedOutput> outputs, bool force);

}  // namespace parakit
