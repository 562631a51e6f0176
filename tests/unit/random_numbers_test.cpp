#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "kernels/random_numbers.hpp"

using namespace parakit;

TEST_CASE("draws stay within bounds and repeat for the same seed", "[random]") {
  std::vector<std::uint64_t> first;
  for (std::uint64_t i = 0; i < 10000; ++i) {
    const std::uint64_t x = uniform_draw(42, i, 100, 10000);
    REQUIRE(x >= 100);
    REQUIRE(x <= 10000);
    first.push_back(x);
  }
  for (std::uint64_t i = 0; i < 10000; ++i) REQUIRE(uniform_draw(42, i, 100, 10000) == first[i]);
  REQUIRE(*std::min_element(first.begin(), first.end()) < 200);
  REQUIRE(*std::max_element(first.begin(), first.end()) > 9900);
}

TEST_CASE("different seeds give different sequences", "[random]") {
  int same = 0;
  for (std::uint64_t i = 0; i < 1000; ++i) same += uniform_draw(1, i, 0, 1'000'000) == uniform_draw(2, i, 0, 1'000'000);
  REQUIRE(same < 5);
}

TEST_CASE("degenerate and full ranges", "[random]") {
  REQUIRE(uniform_draw(5, 3, 77, 77) == 77);
  const std::uint64_t top = ~std::uint64_t{0};
  REQUIRE(uniform_draw(5, 3, top, top) == top);
  bool high_bit_seen = false;
  for (std::uint64_t i = 0; i < 64; ++i) high_bit_seen |= (uniform_draw(9, i, 0, top) >> 63) != 0;
  REQUIRE(high_bit_seen);
}

TEST_CASE("draws are uniform enough to teach with", "[random]") {
  std::vector<int> buckets(10, 0);
  for (std::uint64_t i = 0; i < 100000; ++i) ++buckets[uniform_draw(3, i, 0, 9)];
  for (int b : buckets) {
    REQUIRE(b > 9500);
    REQUIRE(b < 10500);
  }
}
