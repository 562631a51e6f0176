#include "io/http/retry_policy.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace parakit::http {

double backoff_delay(const RetryPolicy& policy, int failed_attempts, double uniform01) {
  const int doublings = std::clamp(failed_attempts - 1, 0, 60);
  const double full = std::min(policy.max_delay, policy.base_delay * std::ldexp(1.0, doublings));
  return full / 2.0 + full / 2.0 * std::clamp(uniform01, 0.0, 1.0);
}

std::optional<double> parse_retry_after(std::string_view value, std::time_t now) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    if (value.size() > 9) return std::nullopt;  // longer than 30 years: nonsense
    return std::stod(std::string(value));
  }
  // An HTTP date always names a day or month; anything else ("-5") is not one.
  if (std::none_of(value.begin(), value.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
    return std::nullopt;
  }
  const std::time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::max(0.0, std::difftime(when, now));
}

bool is_transient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

bool is_transient_status(long status) { return status == 408 || status == 429 || (status >= 500 && status <= 599); }

}  // namespace parakit::http
