#pragma once

#include <curl/curl.h>

#include <memory>

namespace parakit::http {

// curl_global_init on construction, curl_global_cleanup on destruction. Make one
// in main, before any thread starts: libcurl's global set-up is not thread-safe.
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};

// One easy handle per concurrent transfer; reusing it keeps its connection alive.
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;

// Both throw std::runtime_error when libcurl cannot allocate a handle.
EasyHandle make_easy();
MultiHandle make_multi();

}  // namespace parakit::http
