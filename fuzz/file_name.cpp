// The URL -> file name mapping on any text: the name never holds a path
// separator or a control character, is never empty, ".", ".." or a hidden
// name, stays under NAME_MAX with room for ".part"; names of one list are unique.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "invariants.hpp"
#include "io/http/file_naming.hpp"

using parakit::fuzz::require;

namespace {

void require_safe(const std::string& name) {
  require(!name.empty(), "empty file name");
  require(name.front() != '.', "file name starts with a dot", name);
  require(name.size() + 6 <= 255, "file name too long for NAME_MAX with '.' and '.part'", name);
  for (unsigned char c : name) {
    require(c != '/' && c != '\\', "file name holds a path separator", name);
    require(c >= 0x20 && c != 0x7f, "file name holds a control character", name);
  }
  const std::string part = parakit::http::partial_name(name);
  require(part.front() == '.' && part != name, "partial name is not hidden", part);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  require_safe(parakit::http::safe_file_name(text));
  // The input split at newlines is a list: every name safe, no two alike.
  std::vector<std::string> urls;
  for (std::size_t start = 0; start <= text.size() && urls.size() < 64;) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    urls.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  const auto names = parakit::http::assign_file_names(urls);
  require(names.size() == urls.size(), "one name per URL");
  std::set<std::string> seen;
  for (const auto& name : names) {
    require_safe(name);
    require(seen.insert(name).second, "two URLs of one list got the same name", name);
  }
  return 0;
}
