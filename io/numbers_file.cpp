#include "io/numbers_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "io/bounded_line.hpp"
#include "io/number_parse.hpp"
#include "io/printable.hpp"

namespace parakit {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

}  // namespace

std::vector<std::uint64_t> parse_numbers(std::istream& in, const std::string& name) {
  std::vector<std::uint64_t> numbers;
  std::string line;
  for (std::size_t line_no = 1;; ++line_no) {
    try {
      if (!read_bounded_line(in, line)) break;
    } catch (const std::length_error&) {
      throw std::runtime_error(fmt::format("{}:{}: line longer than {} MiB; is this a list of numbers?", name, line_no,
                                           kMaxListLineBytes >> 20));
    }
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::size_t pos = 0;
    while (pos < line.size()) {
      while (pos < line.size() && is_space(line[pos])) ++pos;
      const std::size_t start = pos;
      while (pos < line.size() && !is_space(line[pos])) ++pos;
      if (pos == start) break;
      auto parsed = parse_number(std::string_view(line).substr(start, pos - start));
      if (auto* err = std::get_if<ParseError>(&parsed)) {
        throw std::runtime_error(fmt::format("{}:{}: {}", name, line_no, err->message));
      }
      numbers.push_back(std::get<ParsedNumber>(parsed).value);
    }
  }
  if (in.bad()) throw std::runtime_error(fmt::format("cannot read {}: {}", name, std::strerror(errno)));
  return numbers;
}

std::vector<std::uint64_t> read_numbers_file(const std::string& path) {
  std::vector<std::uint64_t> numbers;
  const std::string shown = path == "-" ? std::string("<stdin>") : printable(path);
  if (path == "-") {
    numbers = parse_numbers(std::cin, shown);
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw std::runtime_error(fmt::format("--numbers '{}' is a directory", shown));
    std::ifstream in(path);
    if (!in) throw std::runtime_error(fmt::format("cannot open --numbers file '{}': {}", shown, std::strerror(errno)));
    numbers = parse_numbers(in, shown);
  }
  if (numbers.empty()) throw std::runtime_error(fmt::format("--numbers {}: no numbers in it", shown == "<stdin>" ? shown : "'" + shown + "'"));
  return numbers;
}

}  // namespace parakit
