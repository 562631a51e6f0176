#include <catch2/catch.hpp>

#include "kernels/concurrency/span_recorder.hpp"

using parakit::max_overlap;
using parakit::Span;

TEST_CASE("max_overlap counts spans open at the same instant, per kind") {
  const std::vector<Span> spans = {
      {0, 0, 10, "cpu"}, {1, 5, 15, "cpu"}, {2, 6, 7, "cpu"}, {0, 20, 30, "cpu"}, {1, 0, 100, "io"},
  };
  CHECK(max_overlap(spans, "cpu") == 3);
  CHECK(max_overlap(spans, "io") == 1);
  CHECK(max_overlap(spans, "none") == 0);
}

TEST_CASE("spans that only touch do not overlap") {
  const std::vector<Span> spans = {{0, 0, 10, "cpu"}, {1, 10, 20, "cpu"}, {0, 20, 30, "cpu"}};
  CHECK(max_overlap(spans, "cpu") == 1);
}

TEST_CASE("the recorder keeps spans from every thread, ordered by start") {
  parakit::SpanRecorder recorder;
  const auto t0 = recorder.origin();
  recorder.record(1, "io", t0 + std::chrono::milliseconds(5), t0 + std::chrono::milliseconds(9));
  recorder.record(0, "cpu", t0 + std::chrono::milliseconds(1), t0 + std::chrono::milliseconds(3));
  const auto spans = recorder.spans();
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].thread == 0);
  CHECK(spans[0].start_ms == Approx(1.0));
  CHECK(spans[1].kind == "io");
  CHECK(spans[1].end_ms == Approx(9.0));
}
