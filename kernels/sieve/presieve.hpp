#pragma once

// Pre-sieving: the multiples of the primes 7..53 repeat with a period of their
// product, so instead of crossing them off in every segment we cross them off
// once in a few periodic patterns and copy (AND) the patterns into each segment.
// Those eleven primes alone would cost about 40% of all crossings.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "kernels/sieve/wheel.hpp"

namespace parakit::sieve_detail {

// Primes up to this are pre-sieved; the crossing-off loops start above it.
inline constexpr std::uint32_t kLargestPresieved = 53;

class Presieve {
 public:
  Presieve() {
    // Groups whose product stays below ~110 KB keep every pattern in L2.
    add({7, 11, 13, 17});  // 17017 bytes
    add({19, 23, 29});     // 12673 bytes
    add({31, 37, 41});     // 47027 bytes
    add({43, 47, 53});     // 107113 bytes
  }

  // Fills bytes [0, length) of `out`, which stand for absolute byte indices
  // first..first+length-1, with the candidates left by the pre-sieved primes.
  void fill(std::uint8_t* out, std::uint64_t first, std::uint64_t length) const {
    copy_pattern(patterns_[0], out, first, length);
    for (std::size_t g = 1; g < patterns_.size(); ++g) and_pattern(patterns_[g], out, first, length);
  }

 private:
  void add(std::initializer_list<std::uint32_t> primes) {
    std::uint64_t period = 1;
    for (std::uint32_t p : primes) period *= p;
    std::vector<std::uint8_t> pattern(period, 0xFF);
    // A multiple p*m of 30-byte period: bytes 0..period-1 cover 0..30*period-1.
    for (std::uint32_t p : primes) {
      for (std::uint64_t n = p; n < 30 * period; n += 2 * p) {
        const std::uint32_t bit = kBitOf[n % 30];
        if (bit < 8) pattern[n / 30] &= static_cast<std::uint8_t>(~(1u << bit));
      }
    }
    patterns_.push_back(std::move(pattern));
  }

  static void copy_pattern(const std::vector<std::uint8_t>& pattern, std::uint8_t* out,
                           std::uint64_t first, std::uint64_t length) {
    const std::uint64_t period = pattern.size();
    std::uint64_t at = first % period;
    while (length > 0) {
      const std::uint64_t run = std::min(length, period - at);
      std::memcpy(out, pattern.data() + at, run);
      out += run;
      length -= run;
      at = 0;
    }
  }

  static void and_pattern(const std::vector<std::uint8_t>& pattern, std::uint8_t* out,
                          std::uint64_t first, std::uint64_t length) {
    const std::uint64_t period = pattern.size();
    std::uint64_t at = first % period;
    while (length > 0) {
      const std::uint64_t run = std::min(length, period - at);
      const std::uint8_t* in = pattern.data() + at;
      for (std::uint64_t i = 0; i < run; ++i) out[i] &= in[i];
      out += run;
      length -= run;
      at = 0;
    }
  }

  std::vector<std::vector<std::uint8_t>> patterns_;
};

// Built once: 184 KB of constant patterns shared by every sieve call and thread.
inline const Presieve& presieve() {
  static const Presieve instance;
  return instance;
}

}  // namespace parakit::sieve_detail
