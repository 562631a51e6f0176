#pragma once

#include <string>
#include <vector>

namespace parakit {

// A plain text table with aligned columns, for the human-readable reports.
// Columns whose header is right-aligned (numbers) are marked with `right`.
class TextTable {
 public:
  struct Column {
    std::string header;
    bool right = false;
  };
  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  std::string render(const std::string& indent = "  ") const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// 1234567 -> "1,234,567": counts of primes are easier to read grouped.
std::string group_digits(unsigned long long value);

}  // namespace parakit
