// lesson: the Python concurrency lesson, one runnable C++ lesson per concept.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "drivers/lesson/lesson.hpp"
#include "drivers/lesson/trace_output.hpp"
#include "io/cli_format.hpp"
#include "io/run_stop.hpp"
#include "io/output_path.hpp"
#include "io/version_text.hpp"

namespace {

constexpr int kBadInput = 2;

std::string list_text() {
  std::string text = "Lessons, in teaching order (run `lesson NAME --help` for each):\n";
  for (const auto& entry : parakit::lesson::catalogue()) {
    text += "  " + std::string(entry.name);
    text += std::string(entry.name.size() < 14 ? 14 - entry.name.size() : 1, ' ');
    text += std::string(entry.summary) + "\n";
  }
  return text;
}

bool is_lesson(const std::string& word) {
  for (const auto& entry : parakit::lesson::catalogue())
    if (entry.name == word) return true;
  return false;
}

int run(int argc, char** argv) {
  CLI::App app{"Runnable C++ counterparts of the Python concurrency lesson: threads, locks, timers,\n"
               "queues, daemon threads, processes, pools, the GIL, and CPU- versus I/O-bound work.",
               "lesson"};
  app.footer(
      "Examples:\n"
      "  lesson --list                    name every lesson\n"
      "  lesson race                      lose updates to a race, then\n"
      "  lesson race --fix all            see every cure and what it costs\n"
      "  lesson gil --json                the simulated GIL's figures as JSON\n"
      "  lesson gil --timeline gil.svg    every thread of every case on one timeline\n"
      "  lesson queue --help              what the queue lesson shows and its options\n"
      "  lesson timer --time-limit 5      end any lesson after 5 s (exit 124)\n"
      "\n"
      "Exit status: 0 ok, 1 failure, 2 bad input, 124 when --time-limit ran out,\n"
      "128+N when stopped by signal N (130 for Ctrl-C, 143 for SIGTERM).");
  // Its MPI lessons run primes and download as child processes: see theirs.
  parakit::add_version_flag(app, [] {
    return parakit::version_text("lesson", {parakit::kMpiNotUsed, parakit::openmp_version_line()});
  });
  bool list = false;
  app.add_flag("--list", list, "Name every lesson, in teaching order");

  bool json = false, force = false;
  std::string trace_path, timeline_path, chosen_name, time_limit_text;
  parakit::lesson::Run chosen;
  bool chosen_records_spans = false;
  for (const auto& entry : parakit::lesson::catalogue()) {
    CLI::App* command = app.add_subcommand(std::string(entry.name), std::string(entry.summary));
    command->description(std::string(entry.summary) + "\n\n" + std::string(entry.description));
    command->add_flag("--json", json, "Print the figures as one JSON object instead of the story");
    command->add_option("--trace", trace_path, "Write what each thread did as a Chrome trace to FILE")->type_name("FILE");
    command->add_option("--timeline", timeline_path, "Draw what each thread did as an SVG timeline")->type_name("FILE");
    command->add_option("--time-limit", time_limit_text, "End the lesson after SECONDS with exit code 124")
        ->type_name("SECONDS");
    command->add_flag("--force", force, "Overwrite existing --trace or --timeline files");
    parakit::lesson::Run run_lesson = entry.setup(*command);
    command->callback([&chosen, &chosen_name, &chosen_records_spans, run_lesson, entry] {
      chosen = run_lesson;
      chosen_name = entry.name;
      chosen_records_spans = entry.records_spans;
    });
  }

  // A mistyped lesson name deserves a better message than "unexpected argument".
  if (argc > 1 && argv[1][0] != '-' && !is_lesson(argv[1])) {
    std::fprintf(stderr, "lesson: error: unknown lesson '%s' (run `lesson --list` to see them)\n", argv[1]);
    return kBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "lesson: error: %s\n", e.what());
    return kBadInput;
  }

  // Output files are checked before the lesson runs, so it never ends in "cannot write".
  for (const CLI::App* command : app.get_subcommands()) {
    for (const auto& [flag, path] : {std::pair{"--trace", &trace_path}, std::pair{"--timeline", &timeline_path}}) {
      if (command->count(flag) > 0 && path->empty()) {
        std::fprintf(stderr, "lesson: error: %s needs a file name\n", flag);
        return kBadInput;
      }
    }
  }
  if (auto problem = parakit::first_output_problem({{"--trace", &trace_path}, {"--timeline", &timeline_path}}, force)) {
    std::fprintf(stderr, "lesson: error: %s\n", problem->c_str());
    return kBadInput;
  }
  if (list || !chosen) {
    std::cout << list_text();
    return 0;
  }
  if ((!trace_path.empty() || !timeline_path.empty()) && !chosen_records_spans) {
    std::fprintf(stderr, "lesson: error: %s\n", parakit::lesson::no_spans_problem(chosen_name).c_str());
    return kBadInput;
  }
  double time_limit = 0;
  if (!time_limit_text.empty()) {
    if (auto problem = parakit::parse_time_limit(time_limit_text, time_limit)) {
      std::fprintf(stderr, "lesson: error: %s\n", problem->c_str());
      return kBadInput;
    }
  }
  // A lesson cannot be asked to stop half-way, so a signal or the time limit
  // ends the process at once (zero grace): its children die with it, and its
  // --trace and --timeline, written only at the end, never exist half-written.
  const parakit::RunStop stop("lesson " + chosen_name, time_limit, std::chrono::milliseconds(0));
  try {
    const parakit::lesson::Result result = chosen();
    if (json)
      std::cout << result.figures.dump(2) << "\n";
    else
      std::cout << result.story;
    const std::string problem = parakit::lesson::write_lesson_trace(chosen_name, result.figures, trace_path, timeline_path);
    if (!problem.empty()) {
      std::fprintf(stderr, "lesson: error: %s\n", problem.c_str());
      return kBadInput;
    }
  } catch (const std::invalid_argument& e) {
    // Combinations of options that each parse fine but make no sense together.
    std::fprintf(stderr, "lesson: error: %s\n", e.what());
    return kBadInput;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lesson: failed: %s\n", e.what());
    return 1;
  }
}
