#include <catch2/catch.hpp>

#include "io/http/retry_policy.hpp"

using namespace parakit::http;

TEST_CASE("backoff doubles, is capped, and jitters within half of it", "[retry]") {
  RetryPolicy policy;
  policy.base_delay = 0.5;
  policy.max_delay = 4.0;
  CHECK(backoff_delay(policy, 1, 0.0) == Approx(0.25));
  CHECK(backoff_delay(policy, 1, 1.0) == Approx(0.5));
  CHECK(backoff_delay(policy, 2, 0.0) == Approx(0.5));
  CHECK(backoff_delay(policy, 3, 0.5) == Approx(1.5));
  CHECK(backoff_delay(policy, 4, 1.0) == Approx(4.0));
  CHECK(backoff_delay(policy, 10, 1.0) == Approx(4.0));   // capped
  CHECK(backoff_delay(policy, 100, 0.0) == Approx(2.0));  // no overflow
}

TEST_CASE("Retry-After is seconds or an HTTP date", "[retry]") {
  const std::time_t now = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT
  CHECK(parse_retry_after(" 120 ", now).value() == Approx(120.0));
  CHECK(parse_retry_after("0", now).value() == Approx(0.0));
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now).value() == Approx(30.0));
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now).value() == Approx(0.0));
  CHECK_FALSE(parse_retry_after("soon", now));
  CHECK_FALSE(parse_retry_after("", now));
  CHECK_FALSE(parse_retry_after("-5", now));
}

TEST_CASE("transient failures are retried, client errors are not", "[retry]") {
  CHECK(is_transient(CURLE_COULDNT_CONNECT));
  CHECK(is_transient(CURLE_OPERATION_TIMEDOUT));
  CHECK(is_transient(CURLE_PARTIAL_FILE));
  CHECK(is_transient(CURLE_RECV_ERROR));
  CHECK_FALSE(is_transient(CURLE_UNSUPPORTED_PROTOCOL));
  CHECK_FALSE(is_transient(CURLE_PEER_FAILED_VERIFICATION));
  CHECK_FALSE(is_transient(CURLE_WRITE_ERROR));
  CHECK(is_transient_status(500));
  CHECK(is_transient_status(503));
  CHECK(is_transient_status(429));
  CHECK(is_transient_status(408));
  CHECK_FALSE(is_transient_status(404));
  CHECK_FALSE(is_transient_status(403));
  CHECK_FALSE(is_transient_status(400));
}
