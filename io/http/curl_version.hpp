#pragma once

#include <string>

namespace parakit::http {

// "libcurl: 7.88.1, OpenSSL/3.0.11": the libcurl this process runs with (not
// the headers it was compiled against) and its TLS library, for --version.
std::string libcurl_version_line();

}  // namespace parakit::http
