#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/http/file_server.hpp"
#include "io/http/url_list.hpp"

namespace parakit::download {

// The lesson's experiment, offline: a handful of files behind a server that
// takes its time to answer, as a far-away web server does.
struct ExperimentSettings {
  int files = 16;
  std::uint64_t size = 256 * 1024;
  double latency_ms = 200.0;
  std::uint64_t rate = 8 * 1024 * 1024;  // bytes/s per response; 0 for no cap
};

// Starts the in-process file server for the experiment. With `all_interfaces`
// (ranks on several hosts) it listens on every interface and the URLs name this
// host; otherwise it stays on 127.0.0.1.
std::unique_ptr<fileserver::FileServer> start_experiment_server(const ExperimentSettings& settings, bool all_interfaces);

// Its files as a URL list, each with its sha256, so the run verifies them.
std::vector<http::UrlEntry> experiment_urls(const fileserver::FileServer& server, const ExperimentSettings& settings,
                                            const std::string& host);

}  // namespace parakit::download
