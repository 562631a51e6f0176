#include "drivers/download/experiment.hpp"

#include <fmt/format.h>

#include "io/http/synthetic_files.hpp"

namespace parakit::download {

std::unique_ptr<fileserver::FileServer> start_experiment_server(const ExperimentSettings& settings, bool all_interfaces) {
  fileserver::ServerConfig config;
  config.address = all_interfaces ? "0.0.0.0" : "127.0.0.1";
  config.port = 0;
  config.synthetic_sizes.assign(static_cast<std::size_t>(settings.files), settings.size);
  config.latency_ms = settings.latency_ms;
  config.rate = settings.rate;
  return std::make_unique<fileserver::FileServer>(config);
}

std::vector<http::UrlEntry> experiment_urls(const fileserver::FileServer& server, const ExperimentSettings& settings,
                                            const std::string& host) {
  std::vector<http::UrlEntry> urls;
  for (int i = 0; i < settings.files; ++i) {
    const auto index = static_cast<std::size_t>(i);
    urls.push_back({fmt::format("http://{}:{}/{}", host, server.port(), fileserver::synthetic_name(index)),
                    fileserver::synthetic_sha256(index, settings.size)});
  }
  return urls;
}

}  // namespace parakit::download
