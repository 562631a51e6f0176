// The lost update. Each thread reads the shared counter, pauses (the lesson's
// "processing time"), and writes back what it read plus one. Two threads that
// read the same value both write the same value: one update is lost.
#include "drivers/lesson/race.hpp"

#include <omp.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <fmt/format.h>
#include <latch>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "io/table.hpp"

namespace parakit::lesson {

const std::string_view race_description =
    "Every thread adds 1 to a shared counter `updates` times, by reading it, pausing, and writing\n"
    "back the value it read plus one. Threads that read the same value write the same value, so\n"
    "updates are lost: with the pause, every time. --fix shows each cure and its cost per update.\n"
    "--no-pause drops the pause and raises the count: the loss then happens by chance, and a\n"
    "ThreadSanitizer build names the race (from the source folder):\n"
    "  cmake --preset tsan && cmake --build build-tsan --target lesson\n"
    "  ./build-tsan/lesson race --no-pause --updates 1000\n";

namespace {

constexpr Fix kAllFixes[] = {Fix::none, Fix::mutex, Fix::atomic, Fix::omp_critical, Fix::omp_atomic,
                             Fix::reduction};

std::string_view fix_name(Fix fix) {
  switch (fix) {
    case Fix::none: return "none";
    case Fix::mutex: return "mutex";
    case Fix::atomic: return "atomic";
    case Fix::omp_critical: return "omp-critical";
    case Fix::omp_atomic: return "omp-atomic";
    case Fix::reduction: return "reduction";
  }
  return "?";
}

std::string_view fix_cure(Fix fix) {
  switch (fix) {
    case Fix::none: return "nothing: read, pause, write back";
    case Fix::mutex: return "std::mutex held from read to write";
    case Fix::atomic: return "std::atomic fetch_add after the pause";
    case Fix::omp_critical: return "#pragma omp critical around read-pause-write";
    case Fix::omp_atomic: return "#pragma omp atomic update after the pause";
    case Fix::reduction: return "reduction(+): private counters summed at the end";
  }
  return "?";
}

// volatile keeps every read and write in memory, as in the lesson's Python;
// otherwise the optimiser would fold a thread's whole loop into one addition.
// It gives no atomicity at all: this is still a data race, on purpose.
std::int64_t read_shared(const std::int64_t& counter) { return *static_cast<const volatile std::int64_t*>(&counter); }
void write_shared(std::int64_t& counter, std::int64_t value) { *static_cast<volatile std::int64_t*>(&counter) = value; }

// The same accesses under names of their own for the unprotected count only:
// tools/sanitizers/tsan.supp lets stacks through these two race, and nothing
// else, so a cure that stops working is still reported.
std::int64_t racy_read(const std::int64_t& counter) { return read_shared(counter); }
void racy_write(std::int64_t& counter, std::int64_t value) { write_shared(counter, value); }

// Runs body(thread_index) on `threads` std::threads released together, so the
// race starts with every thread in step rather than whichever started first.
template <typename Body>
void on_threads(int threads, Body body) {
  std::latch start(threads);
  std::vector<std::jthread> team;
  for (int t = 0; t < threads; ++t)
    team.emplace_back([&, t] {
      start.arrive_and_wait();
      body(t);
    });
}

std::int64_t count_unprotected(int threads, std::int64_t updates, double pause) {
  std::int64_t counter = 0;
  on_threads(threads, [&](int) {
    for (std::int64_t u = 0; u < updates; ++u) {
      const std::int64_t seen = racy_read(counter);
      pause_ms(pause);
      racy_write(counter, seen + 1);
    }
  });
  return counter;
}

std::int64_t count_with_mutex(int threads, std::int64_t updates, double pause) {
  std::int64_t counter = 0;
  std::mutex counter_mutex;
  on_threads(threads, [&](int) {
    for (std::int64_t u = 0; u < updates; ++u) {
      // The pause stays inside the lock, as in the lesson: correct, but the
      // threads now take turns for the whole read-pause-write.
      std::lock_guard lock(counter_mutex);
      const std::int64_t seen = read_shared(counter);
      pause_ms(pause);
      write_shared(counter, seen + 1);
    }
  });
  return counter;
}

std::int64_t count_with_atomic(int threads, std::int64_t updates, double pause) {
  std::atomic<std::int64_t> counter{0};
  on_threads(threads, [&](int) {
    for (std::int64_t u = 0; u < updates; ++u) {
      // An atomic read-modify-write cannot contain a pause: the work happens
      // first, then one indivisible addition publishes it.
      pause_ms(pause);
      counter.fetch_add(1, std::memory_order_relaxed);
    }
  });
  return counter.load();
}

// The OpenMP variants report how many threads the runtime really gave, since
// the expected total depends on it.
std::int64_t count_with_omp_critical(int threads, std::int64_t updates, double pause, int& team) {
  std::int64_t counter = 0;
#pragma omp parallel num_threads(threads)
  {
#pragma omp single
    team = omp_get_num_threads();
    for (std::int64_t u = 0; u < updates; ++u) {
#pragma omp critical(race_counter)
      {
        const std::int64_t seen = read_shared(counter);
        pause_ms(pause);
        write_shared(counter, seen + 1);
      }
    }
  }
  return counter;
}

std::int64_t count_with_omp_atomic(int threads, std::int64_t updates, double pause, int& team) {
  std::int64_t counter = 0;
#pragma omp parallel num_threads(threads)
  {
#pragma omp single
    team = omp_get_num_threads();
    for (std::int64_t u = 0; u < updates; ++u) {
      pause_ms(pause);
#pragma omp atomic update
      counter += 1;
    }
  }
  return counter;
}

std::int64_t count_with_reduction(int threads, std::int64_t updates, double pause, int& team) {
  std::int64_t counter = 0;
  // Each thread adds into its own private copy; OpenMP sums the copies once,
  // at the end of the region, so the threads never touch shared memory at all.
#pragma omp parallel num_threads(threads) reduction(+ : counter)
  {
#pragma omp single
    team = omp_get_num_threads();
    for (std::int64_t u = 0; u < updates; ++u) {
      pause_ms(pause);
      counter += 1;
    }
  }
  return counter;
}

// 5.6e-3 s -> "5.6 ms": with a pause the cost per update is milliseconds, without one nanoseconds.
std::string readable_duration(double seconds) {
  if (seconds >= 1e-3) return fmt::format("{:.1f} ms", seconds * 1e3);
  if (seconds >= 1e-6) return fmt::format("{:.1f} us", seconds * 1e6);
  return fmt::format("{:.1f} ns", seconds * 1e9);
}

std::optional<Fix> parse_fix(std::string_view name) {
  for (Fix fix : kAllFixes)
    if (fix_name(fix) == name) return fix;
  return std::nullopt;
}

std::string story_for(const RaceOptions& options, const std::vector<RaceRun>& runs) {
  TextTable table({{"fix"}, {"expected", true}, {"final", true}, {"lost", true}, {"time/update", true}, {"cure"}});
  for (const RaceRun& run : runs) {
    const double updates = static_cast<double>(run.expected);
    table.add_row({std::string(fix_name(run.fix)), group_digits(run.expected), group_digits(run.final),
                   group_digits(run.expected - run.final),
                   readable_duration(updates > 0 ? run.seconds / updates : 0.0),
                   std::string(fix_cure(run.fix))});
  }
  std::string story =
      options.pause_ms > 0
          ? fmt::format("{} threads each added 1 to a shared counter {} times, pausing {} ms between reading\n"
                        "it and writing it back.\n\n{}\n",
                        options.threads, options.updates, options.pause_ms, table.render())
          : fmt::format("{} threads each added 1 to a shared counter {} times, with no pause between reading\n"
                        "it and writing it back.\n\n{}\n",
                        options.threads, group_digits(options.updates), table.render());
  bool lost_any = false;
  for (const RaceRun& run : runs) lost_any |= run.final != run.expected;
  if (lost_any && options.pause_ms > 0)
    story +=
        "Without a fix, threads read the same value during the pause and write back the same result:\n"
        "each such collision erases an update. The pause makes this happen every time.\n";
  else if (lost_any)
    story +=
        "Without the pause the window between read and write is a few instructions wide, yet with\n"
        "enough updates the threads still collide by chance. A ThreadSanitizer build names the race\n"
        "(from the source folder):\n"
        "  cmake --preset tsan && cmake --build build-tsan --target lesson\n"
        "  ./build-tsan/lesson race --no-pause --updates 1000\n";
  if (runs.size() > 1)
    story +=
        "Every cure gets the right total, at a price. The mutex and omp critical make threads take\n"
        "turns through the whole read-pause-write; atomic and omp atomic make only the addition\n"
        "indivisible, so the pauses overlap; the reduction shares nothing until the end. With\n"
        "--no-pause the time per update is the cost of the cure itself (run it on an idle machine).\n";
  else if (runs.front().fix == Fix::none)
    story += "Try --fix mutex (or atomic, omp-critical, omp-atomic, reduction, all).\n";
  return story;
}

}  // namespace

RaceRun count_with(Fix fix, int threads, std::int64_t updates, double pause) {
  RaceRun run{fix, static_cast<std::int64_t>(threads) * updates, 0, 0};
  int team = threads;
  const Stopwatch clock;
  switch (fix) {
    case Fix::none: run.final = count_unprotected(threads, updates, pause); break;
    case Fix::mutex: run.final = count_with_mutex(threads, updates, pause); break;
    case Fix::atomic: run.final = count_with_atomic(threads, updates, pause); break;
    case Fix::omp_critical: run.final = count_with_omp_critical(threads, updates, pause, team); break;
    case Fix::omp_atomic: run.final = count_with_omp_atomic(threads, updates, pause, team); break;
    case Fix::reduction: run.final = count_with_reduction(threads, updates, pause, team); break;
  }
  run.seconds = clock.seconds();
  run.expected = static_cast<std::int64_t>(team) * updates;
  return run;
}

Result run_race(const RaceOptions& options) {
  if (options.threads < 1 || options.threads > 256)
    throw std::invalid_argument(fmt::format("--threads must be between 1 and 256, got {}", options.threads));
  if (options.updates < 1) throw std::invalid_argument("--updates must be at least 1");
  if (options.pause_ms < 0 || options.pause_ms > 1000)
    throw std::invalid_argument("--pause-ms must be between 0 and 1000");
  if (options.pause_ms > 0 && options.updates > 1000)
    throw std::invalid_argument("with a pause, keep --updates at 1000 or fewer (or add --no-pause)");

  std::vector<Fix> fixes;
  if (options.fix == "all")
    fixes.assign(std::begin(kAllFixes), std::end(kAllFixes));
  else if (auto fix = parse_fix(options.fix))
    fixes.push_back(*fix);
  else
    throw std::invalid_argument(fmt::format("unknown --fix '{}'", options.fix));

  std::vector<RaceRun> runs;
  for (Fix fix : fixes) runs.push_back(count_with(fix, options.threads, options.updates, options.pause_ms));

  nlohmann::json figures = {{"lesson", "race"},
                            {"threads", options.threads},
                            {"updates_per_thread", options.updates},
                            {"pause_ms", options.pause_ms},
                            {"expected", runs.front().expected},
                            {"runs", nlohmann::json::array()}};
  for (const RaceRun& run : runs)
    figures["runs"].push_back({{"fix", fix_name(run.fix)},
                               {"expected", run.expected},
                               {"final", run.final},
                               {"lost", run.expected - run.final},
                               {"seconds", run.seconds},
                               {"ns_per_update", run.seconds * 1e9 / static_cast<double>(run.expected)}});
  if (runs.size() == 1) {
    figures["fix"] = fix_name(runs.front().fix);
    figures["final"] = runs.front().final;
    figures["lost"] = runs.front().expected - runs.front().final;
  }
  return {figures, story_for(options, runs)};
}

Run setup_race(CLI::App& command) {
  auto options = std::make_shared<RaceOptions>();
  auto no_pause = std::make_shared<bool>(false);
  command.add_option("--threads", options->threads, "Threads updating the counter")->capture_default_str();
  auto* updates = command.add_option("--updates", options->updates,
                                     "Updates per thread (default 5, or 1,000,000 with --no-pause)");
  command.add_option("--pause-ms", options->pause_ms, "Pause between read and write, in ms")
      ->capture_default_str();
  command.add_flag("--no-pause", *no_pause, "No pause, many updates: the race by chance, at scale");
  command.add_option("--fix", options->fix, "How to protect the counter")
      ->check(CLI::IsMember({"none", "mutex", "atomic", "omp-critical", "omp-atomic", "reduction", "all"}))
      ->capture_default_str();
  command.footer(
      "Examples:\n"
      "  lesson race                              updates lost, every time\n"
      "  lesson race --fix mutex                  the lesson's cure\n"
      "  lesson race --no-pause --fix all         every cure at scale, and its cost per update\n"
      "  lesson race --threads 4 --json           figures, with expected and final");
  return [options, no_pause, updates] {
    RaceOptions chosen = *options;
    if (*no_pause) {
      chosen.pause_ms = 0;
      if (updates->count() == 0) chosen.updates = 1'000'000;
    }
    return run_race(chosen);
  };
}

}  // namespace parakit::lesson
