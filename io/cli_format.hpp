#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
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

// --version, listed in --help like every option: `text` makes the lines (see
// io/version_text.hpp), only when asked for. parse_command_line hands them
// back as outcome.print.
inline CLI::Option* add_version_flag(CLI::App& app, std::function<std::string()> text) {
  return app.set_version_flag("--version", std::move(text),
                              "Print the versions of this program, its compiler and libraries, then exit");
}

// What a program's option parser hands its main: exactly one of a text to
// print before exiting 0 (--help, --version), a one-line error for exit code
// 2, or the options to run with.
template <class Options>
struct ParseOutcome {
  std::optional<Options> options;
  std::string print;  // help or version text
  std::string error;  // one line, without the program name
};

// Runs CLI11 and turns its help or version request or parse error into
// `outcome`, so every program reports them the same way. Returns false when
// the caller is done and should return `outcome` as it is.
template <class Options>
bool parse_command_line(CLI::App& app, int argc, char** argv, ParseOutcome<Options>& outcome) {
  try {
    app.parse(argc, argv);
    return true;
  } catch (const CLI::CallForHelp&) {
    outcome.print = app.help();
  } catch (const CLI::CallForVersion& e) {  // a ParseError too: caught first
    outcome.print = e.what();
  } catch (const CLI::ParseError& e) {
    outcome.error = e.what();
  }
  return false;
}

}  // namespace parakit
