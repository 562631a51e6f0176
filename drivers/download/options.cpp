#include "drivers/download/options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "io/http/curl_version.hpp"
#include "io/http/size_parse.hpp"
#include "io/mpi/library_version.hpp"
#include "io/run_stop.hpp"
#include "io/version_text.hpp"

namespace parakit::download {
namespace {

constexpr const char* kDescription = R"(Download files over HTTP(S) under one execution model.

Each URL is saved in --output-dir under the last segment of its path, decoded
and made safe; two URLs with the same name get "name-2.ext" and so on. A file
appears under its name only once it is complete and checked (length, and
sha256 when the list gives one); until then it is ".NAME.part". A file already
there is kept: an identical one counts as saved, a different one fails that
URL unless --force replaces it. Files are hashed (SHA-256) only when a digest
is used: a sha256= in the list, --json or --manifest.

With no URL and no -i, runs the lesson's experiment: an in-process file server
with --files synthetic files behind --latency-ms of latency, all downloaded
and verified into a temporary folder, and the time it took.)";

constexpr const char* kExamples = R"(
Examples:
  download                                   the experiment, 8 transfers at a time
  download --driver serial                   the same, one file after another
  download --driver async --jobs 16          one thread, libcurl multi interface
  mpirun -np 4 ./download --driver mpi       four ranks, one transfer each at a time
  download -i urls.txt -o out --manifest out/SHA256SUMS
  mpirun -np 2 ./download --timeline run.svg --trace run.json
                                             every transfer of every rank on a timeline
  download https://example.org/a.pdf https://example.org/b.pdf -o papers
  mpirun -np 2 ./download -i urls.txt -o out --driver hybrid --rank-driver async --jobs 16
  mpirun -np 6 --hostfile nodes ./download -i urls.txt -o 'out/{host}'
                                             every node saves its share in its own folder
  download --cacert lab-ca.pem https://127.0.0.1:8443/data.bin
                                             a server whose certificate a private CA signed

URL lists: one URL per line, optionally followed by sha256=HEX; blank lines and
lines starting with # are skipped.
Drivers: serial (one transfer at a time), threads (--jobs threads, each with its
own connection), async (--jobs transfers on one thread), mpi (ranks split the
list, one transfer at a time each), hybrid (ranks split the list, each runs
--rank-driver with --jobs; default). Schedules split the list over ranks:
block, cyclic, dynamic (default: each rank takes the next file when it is free).
Transient failures (connection errors, timeouts, HTTP 408/429/5xx) are retried
with exponential backoff and jitter, honouring Retry-After; other 4xx are not.
Proxies come from the environment (http_proxy, https_proxy, no_proxy) as in curl.
Security: only http and https are fetched, for the URL and every redirect (at
most 10); TLS certificates and host names are checked unless --insecure; file
names come from the URL as given, never from a redirect or a server header;
passwords in URLs (user:password@) are shown as *** in every output.
Interrupted (Ctrl-C, SIGTERM, --time-limit), transfers stop at once: files that
arrived whole keep their names, the rest stay as .NAME.part. Run the same command
with --continue to keep the saved files (checked against sha256= when given) and
resume the parts with HTTP Range requests.
Exit status: 0 when every file was saved, 1 when some failed, 2 for bad input,
124 when --time-limit ran out, 128+N when stopped by signal N (130 Ctrl-C, 143 SIGTERM).)";

std::optional<std::string> seconds_option(const char* name, double value, double& out) {
  if (!(value >= 0.0) || value > 86400.0) return fmt::format("{} must be between 0 and 86400 seconds (got {})", name, value);
  out = value;
  return std::nullopt;
}

}  // namespace

std::string version_report() { return version_text("download", {mpi_version_line(), http::libcurl_version_line()}); }

ParseOutcome parse_options(int argc, char** argv) {
  CLI::App app{kDescription, "download"};
  app.footer(kExamples);
  app.get_formatter()->column_width(32);
  add_version_flag(app, version_report);

  Options o;
  std::string driver_text = "hybrid", rank_driver_text = "threads", schedule_text = "dynamic";
  std::string max_size_text, size_text = "256KiB", rate_text = "8MiB";
  double retry_delay = o.transfer.retry.base_delay;
  double connect_timeout = 10, stall_timeout = 30;
  int retries = o.transfer.retry.retries;

  app.add_option("urls", o.urls, "URLs to download (http or https)")->type_name("URL...");
  app.add_option("-i,--input", o.input, "Read URLs from FILE ('-' for stdin)")->type_name("FILE");
  app.add_option("-o,--output-dir", o.out_dir, "Save files in DIR, created if missing (default: .); {host} in DIR is each rank's host name")->type_name("DIR");
  app.add_option("--driver", driver_text, "serial | threads | async | mpi | hybrid")->capture_default_str()->type_name("D");
  app.add_option("--rank-driver", rank_driver_text, "What each hybrid rank runs: threads | async")->capture_default_str()->type_name("R");
  auto* jobs_opt = app.add_option("-j,--jobs", o.jobs, "Transfers at a time per rank (threads, async, hybrid)")->capture_default_str()->type_name("N");
  app.add_option("--schedule", schedule_text, "How ranks split the list: block | cyclic | dynamic")->capture_default_str()->type_name("S");
  app.add_option("--retries", retries, "Attempts after the first for transient failures")->capture_default_str()->type_name("N");
  app.add_option("--retry-delay", retry_delay, "Seconds before the first retry; doubles each time")->capture_default_str()->type_name("S");
  app.add_option("--connect-timeout", connect_timeout, "Seconds to establish a connection")->capture_default_str()->type_name("S");
  app.add_option("--stall-timeout", stall_timeout, "Seconds without data before a transfer is given up")->capture_default_str()->type_name("S");
  app.add_option("--max-size", max_size_text, "Refuse bodies larger than SIZE (e.g. 100MiB)")->type_name("SIZE");
  app.add_option("--cacert", o.transfer.cacert, "Also trust the CA certificates in FILE (PEM)")->type_name("FILE");
  app.add_flag("-k,--insecure", o.transfer.insecure, "Do not check TLS certificates at all (unsafe; prefer --cacert)");
  app.add_flag("-c,--continue", o.transfer.keep_partial,
               "Keep files an earlier run saved, resume its .NAME.part files, and keep parts on failure");
  std::string time_limit_text;
  app.add_option("--time-limit", time_limit_text, "Stop every transfer after SECONDS (exit 124); parts are kept")
      ->type_name("SECONDS");
  app.add_flag("--force", o.transfer.replace, "Replace existing files: downloads that differ, --manifest, --trace, --timeline");
  app.add_option("--manifest", o.manifest, "Write sha256 and size of every saved file to FILE (sha256sum -c format)")->type_name("FILE");
  app.add_option("--trace", o.trace_path, "Write a Chrome trace of every rank and worker to FILE")->type_name("FILE");
  app.add_option("--timeline", o.timeline_path, "Draw the transfers as an SVG Gantt chart, a row per worker")->type_name("FILE");
  app.add_flag("--json", o.json, "Print one JSON object instead of the table");
  app.add_flag("-q,--quiet", o.quiet, "No progress line, even on a terminal");
  auto* files_opt = app.add_option("--files", o.experiment_settings.files, "Experiment: number of files")->capture_default_str()->type_name("N");
  auto* size_opt = app.add_option("--size", size_text, "Experiment: size of each file")->capture_default_str()->type_name("SIZE");
  auto* latency_opt = app.add_option("--latency-ms", o.experiment_settings.latency_ms, "Experiment: server latency per request")->capture_default_str()->type_name("MS");
  auto* rate_opt = app.add_option("--rate", rate_text, "Experiment: bytes/s per transfer, 0 for no cap")->capture_default_str()->type_name("BYTES");

  ParseOutcome outcome;
  auto fail = [&](std::string message) {
    outcome.error = std::move(message);
    return outcome;
  };
  if (!parse_command_line(app, argc, argv, outcome)) return outcome;
  if (!time_limit_text.empty()) {
    if (auto err = parse_time_limit(time_limit_text, o.time_limit)) {
      outcome.error = *err;
      return outcome;
    }
  }

  for (const char* flag : {"--output-dir", "--manifest", "--trace", "--timeline", "--input"}) {
    const CLI::Option* option = app.get_option(flag);
    if (option->count() > 0 && option->as<std::string>().empty()) return fail(fmt::format("{} needs a name", flag));
  }
  auto driver = parse_driver(driver_text);
  if (!driver) return fail(fmt::format("unknown --driver '{}' (serial, threads, async, mpi, hybrid)", driver_text));
  o.driver = *driver;
  auto rank_driver = parse_rank_driver(rank_driver_text);
  if (!rank_driver) return fail(fmt::format("unknown --rank-driver '{}' (threads, async)", rank_driver_text));
  o.rank_driver = *rank_driver;
  auto schedule = parse_schedule(schedule_text);
  if (!schedule) return fail(fmt::format("unknown --schedule '{}' (block, cyclic, dynamic)", schedule_text));
  o.schedule = *schedule;
  if (o.jobs < 1 || o.jobs > 1024) return fail(fmt::format("--jobs must be between 1 and 1024 (got {})", o.jobs));
  if (jobs_opt->count() > 0 && o.jobs > 1 && !runs_concurrently(o.driver)) {
    return fail(fmt::format("--driver {} runs one transfer at a time; use threads, async or hybrid for --jobs {}",
                            driver_name(o.driver), o.jobs));
  }
  if (!runs_concurrently(o.driver)) o.jobs = 1;
  if (retries < 0 || retries > 100) return fail(fmt::format("--retries must be between 0 and 100 (got {})", retries));
  o.transfer.retry.retries = retries;
  if (auto e = seconds_option("--retry-delay", retry_delay, o.transfer.retry.base_delay)) return fail(*e);
  double seconds = 0.0;
  if (auto e = seconds_option("--connect-timeout", connect_timeout, seconds)) return fail(*e);
  // libcurl takes whole seconds here; 0 would mean its own default, not "none".
  o.transfer.connect_timeout = std::max(1L, std::lround(seconds));
  if (auto e = seconds_option("--stall-timeout", stall_timeout, seconds)) return fail(*e);
  o.transfer.stall_timeout = std::max(1L, std::lround(seconds));
  if (o.transfer.insecure && !o.transfer.cacert.empty()) return fail("--insecure checks no certificate, so --cacert would do nothing; give one of them");
  if (!max_size_text.empty()) {
    const auto size = http::parse_size(max_size_text);
    if (!size || *size == 0) return fail(fmt::format("--max-size: '{}' is not a size (e.g. 1048576, 100MiB)", max_size_text));
    o.transfer.max_size = *size;
  }

  o.transfer.hash_all = o.json || !o.manifest.empty();
  o.experiment = o.urls.empty() && o.input.empty();
  const bool experiment_options = files_opt->count() + size_opt->count() + latency_opt->count() + rate_opt->count() > 0;
  if (!o.experiment && experiment_options) {
    return fail("--files, --size, --latency-ms and --rate shape the built-in experiment; they do not apply to URLs");
  }
  if (!o.urls.empty() && !o.input.empty()) return fail("give URLs or -i FILE, not both");
  const auto size = http::parse_size(size_text);
  if (!size) return fail(fmt::format("--size: '{}' is not a size (e.g. 1048576, 256KiB)", size_text));
  o.experiment_settings.size = *size;
  const auto rate = http::parse_size(rate_text);
  if (!rate) return fail(fmt::format("--rate: '{}' is not a number of bytes/s (e.g. 8MiB, 0 for no cap)", rate_text));
  o.experiment_settings.rate = *rate;
  if (o.experiment_settings.files < 1 || o.experiment_settings.files > 10000) {
    return fail(fmt::format("--files must be between 1 and 10000 (got {})", o.experiment_settings.files));
  }
  if (!(o.experiment_settings.latency_ms >= 0.0) || o.experiment_settings.latency_ms > 60000.0) {
    return fail("--latency-ms must be between 0 and 60000");
  }
  outcome.options = std::move(o);
  return outcome;
}

}  // namespace parakit::download
