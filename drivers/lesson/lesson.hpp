#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace CLI {
class App;
}

namespace parakit::lesson {

// What a lesson hands back: the figures (printed as JSON with --json, and what
// the tests check) and the story a student reads by default.
struct Result {
  nlohmann::json figures;
  std::string story;
};

using Run = std::function<Result()>;

// A lesson adds its own options to its subcommand and returns how to run it;
// the options live inside the returned closure, so nothing is global.
using Setup = Run (*)(CLI::App& command);

struct Entry {
  std::string_view name;
  std::string_view summary;      // one line, for --list
  std::string_view description;  // the paragraph heading `lesson NAME --help`
  Setup setup;
  // Its figures hold per-thread spans, so --trace and --timeline have
  // something to draw; for the others they are refused before the lesson runs.
  bool records_spans = false;
};

// Every lesson, in teaching order.
const std::vector<Entry>& catalogue();

// Wall time since construction, for the figures every lesson reports.
class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  double ms() const { return seconds() * 1000.0; }

 private:
  std::chrono::steady_clock::time_point start_;
};

// Sleeps that lessons use to stand in for I/O or for "processing time".
void pause_ms(double milliseconds);

}  // namespace parakit::lesson
