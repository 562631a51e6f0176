#include "io/http/curl_version.hpp"

#include <curl/curl.h>

namespace parakit::http {

std::string libcurl_version_line() {
  // Safe before curl_global_init: it only reads what the library was built with.
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  if (!info || !info->version) return "libcurl: unknown";
  std::string line = std::string("libcurl: ") + info->version;
  line += info->ssl_version ? std::string(", ") + info->ssl_version : ", no TLS";
  return line;
}

}  // namespace parakit::http
