// The lesson's multiprocessing example: the prime test split across child
// processes. Each child gets a copy of the parent's memory, not a share of it,
// so nothing can race, and nothing comes back unless it is sent back.
#include "drivers/lesson/processes.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <stdexcept>
#include <string>
#include <vector>

#include "drivers/lesson/child_process.hpp"
#include "io/table.hpp"
#include "kernels/naive.hpp"
#include "kernels/random_numbers.hpp"

namespace parakit::lesson {

const std::string_view processes_description =
    "The parent forks --processes children and gives each a slice of the random numbers. Each\n"
    "child tests its slice with the naive prime kernel, adds its count to a variable it inherited\n"
    "from the parent, and writes the count back through a pipe. The parent's own copy of that\n"
    "variable never changes: processes share no memory, so there is no race to fix, and results\n"
    "travel only as messages (here a pipe; across machines, MPI). MPI ranks are such processes.";

namespace {

// Every process has its own copy of this; the lesson shows the parent's stays 0.
std::uint64_t primes_found_here = 0;

}  // namespace

Result run_processes(const ProcessesOptions& options) {
  if (options.processes < 1 || options.processes > 64) throw std::invalid_argument("--processes must be between 1 and 64");
  if (options.count > 10'000'000) throw std::invalid_argument("--count must be at most 10,000,000");
  if (options.min > options.max) throw std::invalid_argument("--min must not exceed --max");
  if (options.max > 10'000'000) throw std::invalid_argument("--max must be at most 10,000,000 for the naive kernel");

  primes_found_here = 0;
  const Stopwatch clock;
  std::vector<ChildProcess> children;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> slices;
  for (int p = 0; p < options.processes; ++p) {
    const std::uint64_t begin = options.count * p / options.processes;
    const std::uint64_t end = options.count * (p + 1) / options.processes;
    slices.emplace_back(begin, end);
    children.push_back(ChildProcess::fork_running([&, begin, end](int fd) {
      for (std::uint64_t i = begin; i < end; ++i)
        if (is_prime_naive(uniform_draw(options.seed, i, options.min, options.max))) ++primes_found_here;
      const std::string reply = fmt::format("{} {}\n", ::getpid(), primes_found_here);
      return ::write(fd, reply.data(), reply.size()) == static_cast<ssize_t>(reply.size()) ? 0 : 1;
    }));
  }

  TextTable table({{"process"}, {"pid", true}, {"numbers", true}, {"primes", true}, {"ended"}});
  nlohmann::json per_child = nlohmann::json::array();
  std::uint64_t total = 0;
  for (int p = 0; p < options.processes; ++p) {
    const std::string reply = children[p].read_all();
    const Ending ending = children[p].reap();
    unsigned long pid = 0;
    unsigned long long primes = 0;
    if (!ending.exited || ending.code != 0 || std::sscanf(reply.c_str(), "%lu %llu", &pid, &primes) != 2)
      throw std::runtime_error(fmt::format("child {} failed: {}", p, ending.describe()));
    total += primes;
    const std::uint64_t numbers = slices[p].second - slices[p].first;
    table.add_row({fmt::format("child {}", p), std::to_string(pid), group_digits(numbers), group_digits(primes),
                   ending.describe()});
    per_child.push_back({{"pid", pid}, {"numbers", numbers}, {"primes", primes}});
  }
  const double seconds = clock.seconds();

  std::string story = fmt::format(
      "{} random numbers in [{}, {}] tested by {} child process(es), parent pid {}.\n\n{}\n", options.count,
      options.min, options.max, options.processes, ::getpid(), table.render());
  story += fmt::format(
      "The children found {} primes in all, and each added its count to `primes_found_here`.\n"
      "In the parent that variable is still {}: each child changed its own copy. Processes share\n"
      "no memory, so the lost update of `lesson race` cannot happen; the price is that every\n"
      "result must be sent back explicitly, as the children did through a pipe.\n",
      total, primes_found_here);
  nlohmann::json figures = {{"lesson", "processes"},
                            {"processes", options.processes},
                            {"count", options.count},
                            {"primes", total},
                            {"parent_counter", primes_found_here},
                            {"parent_pid", ::getpid()},
                            {"seconds", seconds},
                            {"children", per_child}};
  return {figures, story};
}

Run setup_processes(CLI::App& command) {
  auto options = std::make_shared<ProcessesOptions>();
  command.add_option("--processes", options->processes, "Child processes")->capture_default_str();
  command.add_option("--count", options->count, "Random numbers to test")->capture_default_str();
  command.add_option("--min", options->min, "Smallest number drawn")->capture_default_str();
  command.add_option("--max", options->max, "Largest number drawn")->capture_default_str();
  command.add_option("--seed", options->seed, "Seed of the draw")->capture_default_str();
  command.footer(
      "Examples:\n"
      "  lesson processes                         the lesson's three processes\n"
      "  lesson processes --processes 2 --json    pids and counts as JSON");
  return [options] { return run_processes(*options); };
}

}  // namespace parakit::lesson
