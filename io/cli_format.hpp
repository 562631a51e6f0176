#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace parakit {

// CLI11's default help clutters each option with "x 2" and "Excludes: ...";
// a student reads "--range LO HI" more easily. Exclusions are enforced all the
// same, and explained in the program's description.
class PlainHelpFormatter : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option* option) const override {
    std::string out;
    if (option->get_type_size() != 0 && !option->get_type_name().empty()) out += " " + option->get_type_name();
    if (!option->get_default_str().empty()) out += "=" + option->get_default_str();
    return out;
  }
};

inline void use_plain_help(CLI::App& app, std::size_t column_width = 30) {
  auto formatter = std::make_shared<PlainHelpFormatter>();
  formatter->column_width(column_width);
  app.formatter(formatter);
}

}  // namespace parakit
