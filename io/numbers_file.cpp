#include "io/numbers_file.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "io/number_parse.hpp"

namespace parakit {
namespace {

std::vector<std::uint64_t> read_stream(std::istream& in, const std::string& name) {
  std::vector<std::uint64_t> numbers;
  std::string line;
  for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string word;
    while (words >> word) {
      auto parsed = parse_number(word);
      if (auto* err = std::get_if<ParseError>(&parsed)) {
        throw std::runtime_error(fmt::format("{}:{}: {}", name, line_no, err->message));
      }
      numbers.push_back(std::get<ParsedNumber>(parsed).value);
    }
  }
  if (in.bad()) throw std::runtime_error(fmt::format("cannot read {}: {}", name, std::strerror(errno)));
  return numbers;
}

}  // namespace

std::vector<std::uint64_t> read_numbers_file(const std::string& path) {
  if (path == "-") return read_stream(std::cin, "<stdin>");
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("cannot open --numbers file '{}': {}", path, std::strerror(errno)));
  return read_stream(in, path);
}

}  // namespace parakit
