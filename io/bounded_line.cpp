#include "io/bounded_line.hpp"

#include <stdexcept>

namespace parakit {

bool read_bounded_line(std::istream& in, std::string& line, std::size_t limit) {
  line.clear();
  std::istream::sentry ready(in, true);  // true: keep leading whitespace
  if (!ready) return false;
  std::streambuf* buffer = in.rdbuf();
  for (;;) {
    const int c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return !line.empty();
    }
    if (c == '\n') return true;
    if (line.size() == limit) throw std::length_error("line too long");
    line.push_back(static_cast<char>(c));
  }
}

}  // namespace parakit
