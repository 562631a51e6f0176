#pragma once

#include <curl/curl.h>

#include <ctime>
#include <optional>
#include <string_view>

namespace parakit::http {

// When and how often a transient failure is tried again.
struct RetryPolicy {
  int retries = 3;             // attempts after the first
  double base_delay = 0.5;     // seconds before the first retry
  double max_delay = 30.0;     // cap of the doubling
  double max_retry_after = 120.0;  // a server asking for longer is not waited for
};

// Seconds to wait after `failed_attempts` failures (1 for the first): the
// doubling delay capped at max_delay, with "equal jitter": half of it fixed,
// half scaled by `uniform01` in [0, 1), so many clients do not retry in lockstep.
double backoff_delay(const RetryPolicy& policy, int failed_attempts, double uniform01);

// Retry-After as seconds from `now`: either a number of seconds or an HTTP date.
// Nothing for a value that is neither; a date in the past gives 0.
std::optional<double> parse_retry_after(std::string_view value, std::time_t now);

// Failures worth another attempt: the network or the server may do better
// next time (connection refused or reset, timeouts, bodies cut short).
bool is_transient(CURLcode code);

// 408, 429 and 5xx; every other 4xx will fail the same way again.
bool is_transient_status(long status);

}  // namespace parakit::http
