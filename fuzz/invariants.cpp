#include "invariants.hpp"

#include <cstdio>
#include <cstdlib>

namespace parakit::fuzz {

void require(bool holds, std::string_view what, std::string_view detail) {
  if (holds) return;
  std::fprintf(stderr, "invariant broken: %.*s [%.*s]\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

void require_one_line(std::string_view message) {
  require(!message.empty(), "error message is empty");
  for (char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    require(byte >= 0x20 && byte != 0x7f, "error message holds a control character", message);
  }
}

}  // namespace parakit::fuzz
