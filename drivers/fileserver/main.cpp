// fileserver: serves a directory and/or synthetic files over HTTP/1.1 on
// loopback, with optional latency, a rate cap and test-only faults, until
// SIGINT or SIGTERM.
#include <signal.h>

#include <CLI/CLI.hpp>

#include "io/cli_format.hpp"
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "io/http/file_server.hpp"
#include "io/http/synthetic_files.hpp"
#include "io/atomic_file.hpp"
#include "io/output_path.hpp"
#include "io/http/file_naming.hpp"
#include "io/http/sha256.hpp"
#include "io/http/size_parse.hpp"
#include "io/version_text.hpp"

namespace parakit::fileserver {
namespace {

constexpr int kBadInput = 2;

constexpr const char* kDescription = R"(Serve files over HTTP/1.1 for labs, tests and benchmarks, until Ctrl-C.

Files are served at /NAME: the files under --dir (hidden ones excluded), and
--synthetic N files /synthetic-000.bin ... of --size bytes each, whose content
is the same on every run. Ranges are honoured unless --no-range.

Test-only routes, with --faults:
  /status/CODE[?retry_after=S]        that status, e.g. /status/404
  /redirect?to=URL[&code=N]           302 (or N: 301, 303, 307, 308) to URL,
                                      e.g. to=file:///etc/passwd
  /NAME?disposition=VALUE             the file, with Content-Disposition: VALUE
  /NAME?chunked=1                     the file, chunked: no Content-Length
  /NAME?fail=CODE[&retry_after=S]     that status instead of the file (500, 429 ...)
  /NAME?fail=short                    Content-Length of the whole, then half the body
  /NAME?fail=reset                    half the body, then a TCP reset
  /NAME?fail=stall                    half the body, then silence
  /NAME?...&times=K                   only the first K requests of that URL fail
  /NAME?range=off                     ignores Range for this request)";

constexpr const char* kExamples = R"(
Examples:
  fileserver --synthetic 16 --size 1MiB --latency-ms 200
  fileserver --dir ./public --port 8080
  fileserver --synthetic 64 --size 64KiB --latency-ms 100 --url-list urls.txt
                      then: download -i urls.txt -o out --driver async --jobs 16
  fileserver --port 0 --port-file port.txt --faults      (tests: any free port)
  fileserver --synthetic 4 --tls-cert cert.pem --tls-key key.pem --port 8443
                      HTTPS; then: download --cacert ca.pem https://127.0.0.1:8443/synthetic-000.bin
Exit status: 0 after Ctrl-C or SIGTERM, 2 for bad input, 1 when it cannot listen.)";

struct Options {
  ServerConfig config;
  std::string port_file;
  std::string url_list;
  bool json = false;
  bool quiet = false;
  bool force = false;
};

// Bounds that keep a typo from exhausting memory or threads, or from making
// every response wait for ever.
constexpr long long kMaxSyntheticFiles = 100000;
constexpr int kMaxThreads = 1024;
constexpr double kMaxLatencyMs = 600000.0;

using Parsed = parakit::ParseOutcome<Options>;

Parsed parse(int argc, char** argv) {
  CLI::App app{kDescription, "fileserver"};
  app.footer(kExamples);
  app.get_formatter()->column_width(30);
  // It serves over cpp-httplib: no MPI, no OpenMP, no libcurl.
  add_version_flag(app, [] { return version_text("fileserver", {kMpiNotUsed}); });
  Options o;
  std::string size_text = "1MiB", rate_text, dir_text;
  long long synthetic = 0;
  app.add_option("--address", o.config.address, "Address to listen on (0.0.0.0 for every interface)")->capture_default_str();
  app.add_option("--port", o.config.port, "Port; 0 picks a free one (see --port-file)")->capture_default_str();
  app.add_option("--port-file", o.port_file, "Write the port to FILE once listening")->type_name("FILE");
  app.add_option("--dir", dir_text, "Serve the files under DIR")->type_name("DIR");
  app.add_option("--synthetic", synthetic, "Serve N synthetic files")->type_name("N");
  app.add_option("--size", size_text, "Size of each synthetic file (1048576, 64KiB, 1.5GiB)")->capture_default_str();
  app.add_option("--latency-ms", o.config.latency_ms, "Wait this long before every response")->capture_default_str();
  app.add_option("--rate", rate_text, "Cap each response at this many bytes/s (e.g. 10MiB)")->type_name("BYTES");
  app.add_flag("!--no-range", o.config.ranges, "Ignore Range requests: always the whole file");
  app.add_flag("--faults", o.config.faults, "Enable the test-only fault routes");
  app.add_option("--threads", o.config.threads, "Connections served at once")->capture_default_str();
  app.add_option("--url-list", o.url_list, "Write every file's URL and sha256 to FILE (a download -i list)")->type_name("FILE");
  auto* cert_opt = app.add_option("--tls-cert", o.config.tls_cert, "Serve HTTPS with this PEM certificate (chain)")->type_name("FILE");
  auto* key_opt = app.add_option("--tls-key", o.config.tls_key, "The certificate's PEM private key")->type_name("FILE");
  app.add_flag("--force", o.force, "Overwrite an existing --url-list file");
  app.add_flag("--json", o.json, "Print one JSON object (address, port, files) instead of the banner");
  app.add_flag("-q,--quiet", o.quiet, "No banner");

  Parsed out;
  auto fail = [&](std::string message) {
    out.error = std::move(message);
    return out;
  };
  if (!parse_command_line(app, argc, argv, out)) return out;
  const auto size = http::parse_size(size_text);
  if (!size) return fail(fmt::format("--size: '{}' is not a size (e.g. 1048576, 64KiB, 1.5GiB)", size_text));
  if (synthetic < 0 || synthetic > kMaxSyntheticFiles) {
    return fail(fmt::format("--synthetic must be between 0 and {} (got {})", kMaxSyntheticFiles, synthetic));
  }
  o.config.synthetic_sizes.assign(static_cast<std::size_t>(synthetic), *size);
  if (!rate_text.empty()) {
    const auto rate = http::parse_size(rate_text);
    if (!rate || *rate == 0) return fail(fmt::format("--rate: '{}' is not a positive number of bytes/s", rate_text));
    o.config.rate = *rate;
  }
  if (!dir_text.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir_text, ec)) return fail(fmt::format("--dir '{}' is not a directory", dir_text));
    o.config.directory = dir_text;
  }
  if ((cert_opt->count() > 0) != (key_opt->count() > 0)) return fail("--tls-cert and --tls-key go together: give both");
  for (const auto& path : {o.config.tls_cert, o.config.tls_key}) {
    std::error_code ec;
    if (!path.empty() && !std::filesystem::is_regular_file(path, ec)) return fail(fmt::format("'{}' is not a file", path.string()));
  }
  if (synthetic == 0 && dir_text.empty() && !o.config.faults) return fail("nothing to serve: give --dir DIR or --synthetic N");
  if (o.config.port < 0 || o.config.port > 65535) return fail(fmt::format("--port {} is out of range", o.config.port));
  if (!(o.config.latency_ms >= 0.0 && o.config.latency_ms <= kMaxLatencyMs)) {
    return fail(fmt::format("--latency-ms must be between 0 and {} (got {})", kMaxLatencyMs, o.config.latency_ms));
  }
  if (o.config.threads < 1 || o.config.threads > kMaxThreads) {
    return fail(fmt::format("--threads must be between 1 and {} (got {})", kMaxThreads, o.config.threads));
  }
  for (const char* flag : {"--port-file", "--url-list", "--dir", "--address"}) {
    const CLI::Option* option = app.get_option(flag);
    if (option->count() > 0 && option->as<std::string>().empty()) return fail(fmt::format("{} needs a name", flag));
  }
  // The port file is a note for whoever started the server, rewritten on every
  // start like a pid file; the URL list is data, kept unless --force.
  if (auto problem = first_output_problem({{"--port-file", &o.port_file}}, true)) return fail(*problem);
  if (auto problem = first_output_problem({{"--url-list", &o.url_list}}, o.force)) return fail(*problem);
  if (!o.port_file.empty() && o.port_file == o.url_list) {
    return fail(fmt::format("--port-file and --url-list both name '{}'; give each its own file", o.port_file));
  }
  out.options = std::move(o);
  return out;
}

std::string file_sha256(const ServerConfig& config, const ServedFile& file) {
  for (std::size_t i = 0; i < config.synthetic_sizes.size(); ++i) {
    if (file.path.substr(1) == synthetic_name(i)) return synthetic_sha256(i, file.size);
  }
  return http::file_sha256_hex(config.directory / http::percent_decode(file.path.substr(1)));
}

int run(int argc, char** argv) {
  Parsed parsed = parse(argc, argv);
  if (!parsed.print.empty()) {
    std::cout << parsed.print;
    return 0;
  }
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "fileserver: error: %s\n", parsed.error.c_str());
    return kBadInput;
  }
  const Options& o = *parsed.options;

  // Signals are taken by sigwait below, not by handlers, so every server
  // thread (started after this) inherits the blocked mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  FileServer server(o.config);
  const std::vector<ServedFile> files = server.files();
  if (!o.url_list.empty()) {
    std::string text;
    for (const ServedFile& f : files) text += fmt::format("{}{} sha256={}\n", server.base_url(), f.path, file_sha256(o.config, f));
    write_file_atomically(o.url_list, text);
  }
  if (!o.port_file.empty()) write_file_atomically(o.port_file, fmt::format("{}\n", server.port()));
  if (o.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const ServedFile& f : files) list.push_back({{"url", server.base_url() + f.path}, {"bytes", f.size}});
    std::cout << nlohmann::json{{"url", server.base_url() + "/"}, {"port", server.port()}, {"files", list}}.dump(2) << std::endl;
  } else if (!o.quiet) {
    std::cout << fmt::format("fileserver: {} file{} on {}/ (latency {} ms, {}{}{}); Ctrl-C stops", files.size(),
                             files.size() == 1 ? "" : "s", server.base_url(), o.config.latency_ms,
                             o.config.rate ? fmt::format("{} bytes/s per response", o.config.rate) : "no rate cap",
                             o.config.ranges ? "" : ", no ranges", o.config.faults ? ", fault routes on" : "")
              << std::endl;
  }
  int received = 0;
  sigwait(&stop_signals, &received);
  return 0;
}

}  // namespace
}  // namespace parakit::fileserver

int main(int argc, char** argv) {
  try {
    return parakit::fileserver::run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fileserver: error: %s\n", e.what());
    return 1;
  }
}
