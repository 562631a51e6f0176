#include "kernels/random_numbers.hpp"

#include "kernels/int128.hpp"

namespace parakit {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t uniform_draw(std::uint64_t seed, std::uint64_t index, std::uint64_t min, std::uint64_t max) {
  const std::uint64_t span = max - min;  // the draw has span + 1 outcomes
  std::uint64_t state = splitmix64(seed) ^ index;
  if (span == ~std::uint64_t{0}) return splitmix64(state);
  const std::uint64_t outcomes = span + 1;
  // Lemire's multiply-and-reject: unbiased, and rejection is rare.
  const std::uint64_t threshold = (0 - outcomes) % outcomes;
  for (std::uint64_t attempt = 0;; ++attempt) {
    const std::uint64_t x = splitmix64(state + attempt * 0xD1B54A32D192ED03ULL);
    const u128 product = static_cast<u128>(x) * outcomes;
    if (static_cast<std::uint64_t>(product) >= threshold) {
      return min + static_cast<std::uint64_t>(product >> 64);
    }
  }
}

}  // namespace parakit
