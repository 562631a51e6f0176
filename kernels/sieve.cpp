#include "kernels/sieve.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace parakit {
namespace {

using Word = std::uint64_t;
constexpr std::uint64_t kWordBits = 64;
// 32 KiB of bits: one L1 data cache on every x86 core of the last decade.
constexpr std::uint64_t kSegmentBits = 32 * 1024 * 8;
constexpr std::uint64_t kStoredBaseLimit = 1ULL << 24;
// Blocks of the streaming mode: 2 MiB of bits, each re-reads the base primes once.
constexpr std::uint64_t kStreamBlockBits = 1ULL << 24;

std::uint64_t isqrt(std::uint64_t n) {
  auto r = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(n)));
  while (r > 0 && (r > n / r)) --r;                 // r * r > n
  while ((r + 1) <= n / (r + 1)) ++r;               // (r + 1)^2 <= n
  return r;
}

// The odd numbers of [lo, hi] as bit positions: bit i stands for first + 2i.
struct OddRange {
  std::uint64_t first = 0;
  std::uint64_t count = 0;  // number of odd values
};

OddRange odd_range(std::uint64_t lo, std::uint64_t hi) {
  if (lo > hi) return {};
  std::uint64_t first = lo | 1;
  if (first < lo || first > hi) return {};  // lo == hi and even
  std::uint64_t last = (hi % 2 == 1) ? hi : hi - 1;
  if (last < first) return {};
  return {first, (last - first) / 2 + 1};
}

// Small plain sieve for the base primes (odd only, 3..limit).
std::vector<std::uint32_t> odd_primes_up_to(std::uint64_t limit) {
  std::vector<std::uint32_t> primes;
  if (limit < 3) return primes;
  std::vector<bool> composite(limit / 2 + 1, false);  // index i -> 2i + 1
  for (std::uint64_t i = 1; i <= limit / 2; ++i) {
    if (composite[i]) continue;
    const std::uint64_t p = 2 * i + 1;
    if (p > limit) break;
    primes.push_back(static_cast<std::uint32_t>(p));
    for (std::uint64_t m = p * p; m <= limit; m += 2 * p) composite[m / 2] = true;
  }
  return primes;
}

// Bit index of the first odd multiple of p in the window that is >= p * p,
// or `count` when there is none.
std::uint64_t first_multiple_index(std::uint64_t p, const OddRange& window) {
  const std::uint64_t square = p * p;  // p <= 2^32 - 1, so this fits
  const std::uint64_t last = window.first + 2 * (window.count - 1);
  if (square > last) return window.count;
  std::uint64_t start;
  if (square >= window.first) {
    start = square;
  } else {
    const std::uint64_t rem = window.first % p;
    std::uint64_t offset = rem == 0 ? 0 : p - rem;  // first multiple >= first
    // first is odd; an even multiple is one p short of an odd one.
    if ((window.first + offset) % 2 == 0) offset += p;
    if (offset > last - window.first) return window.count;
    start = window.first + offset;
  }
  return (start - window.first) / 2;
}

void clear_bit(std::vector<Word>& bits, std::uint64_t i) {
  bits[i / kWordBits] &= ~(Word{1} << (i % kWordBits));
}

// Sets the first `count` bits and clears the rest of the buffer.
void fill_candidates(std::vector<Word>& bits, std::uint64_t count) {
  const std::uint64_t full = count / kWordBits;
  std::fill(bits.begin(), bits.begin() + static_cast<std::ptrdiff_t>(full), ~Word{0});
  std::fill(bits.begin() + static_cast<std::ptrdiff_t>(full), bits.end(), Word{0});
  if (count % kWordBits != 0) bits[full] = (Word{1} << (count % kWordBits)) - 1;
}

// Sieves the odd range in L1-sized segments with stored base primes.
template <typename Visitor>
void sieve_stored(const OddRange& range, std::uint64_t limit, Visitor&& visitor) {
  const std::vector<std::uint32_t> primes = odd_primes_up_to(limit);
  std::vector<std::uint64_t> next(primes.size());
  for (std::size_t k = 0; k < primes.size(); ++k) next[k] = first_multiple_index(primes[k], range);

  std::vector<Word> bits(kSegmentBits / kWordBits);
  for (std::uint64_t start = 0; start < range.count; start += kSegmentBits) {
    const std::uint64_t width = std::min(kSegmentBits, range.count - start);
    const std::uint64_t end = start + width;
    fill_candidates(bits, width);
    for (std::size_t k = 0; k < primes.size(); ++k) {
      std::uint64_t j = next[k];
      const std::uint64_t step = primes[k];
      for (; j < end; j += step) clear_bit(bits, j - start);
      next[k] = j;
    }
    visitor(bits, OddRange{range.first + 2 * start, width});
  }
}

// Near 2^64 the base primes reach 2^32 (203 million of them): too many to keep.
// Each block instead walks them afresh from a nested (stored-mode) sieve.
template <typename Visitor>
void sieve_streaming(const OddRange& range, Visitor&& visitor) {
  std::vector<Word> bits(kStreamBlockBits / kWordBits);
  for (std::uint64_t start = 0; start < range.count; start += kStreamBlockBits) {
    const std::uint64_t width = std::min(kStreamBlockBits, range.count - start);
    const OddRange block{range.first + 2 * start, width};
    fill_candidates(bits, width);
    const std::uint64_t limit = isqrt(block.first + 2 * (width - 1));
    const OddRange base = odd_range(3, limit);
    sieve_stored(base, isqrt(limit), [&](const std::vector<Word>& base_bits, const OddRange& seg) {
      for (std::uint64_t w = 0; w * kWordBits < seg.count; ++w) {
        for (Word word = base_bits[w]; word != 0; word &= word - 1) {
          const std::uint64_t p = seg.first + 2 * (w * kWordBits + std::countr_zero(word));
          for (std::uint64_t j = first_multiple_index(p, block); j < width; j += p) clear_bit(bits, j);
        }
      }
    });
    visitor(bits, block);
  }
}

template <typename Visitor>
void sieve_odd(std::uint64_t lo, std::uint64_t hi, Visitor&& visitor) {
  const OddRange range = odd_range(lo, hi);
  if (range.count == 0) return;
  // 1 is odd but not prime, and it is never crossed off.
  auto skip_one = [&](const std::vector<Word>& bits, const OddRange& window) {
    if (window.first == 1) {
      std::vector<Word> copy = bits;
      clear_bit(copy, 0);
      visitor(copy, window);
    } else {
      visitor(bits, window);
    }
  };
  const std::uint64_t limit = isqrt(hi);
  if (limit <= kStoredBaseLimit) {
    sieve_stored(range, limit, skip_one);
  } else {
    sieve_streaming(range, skip_one);
  }
}

}  // namespace

std::uint64_t sieve_count(std::uint64_t lo, std::uint64_t hi) {
  if (lo > hi) return 0;
  std::uint64_t count = (lo <= 2 && 2 <= hi) ? 1 : 0;
  sieve_odd(lo, hi, [&](const std::vector<Word>& bits, const OddRange& window) {
    const std::uint64_t words = (window.count + kWordBits - 1) / kWordBits;
    for (std::uint64_t w = 0; w < words; ++w) count += static_cast<std::uint64_t>(std::popcount(bits[w]));
  });
  return count;
}

void sieve_for_each(std::uint64_t lo, std::uint64_t hi,
                    const std::function<void(std::uint64_t)>& visit) {
  if (lo > hi) return;
  if (lo <= 2 && 2 <= hi) visit(2);
  sieve_odd(lo, hi, [&](const std::vector<Word>& bits, const OddRange& window) {
    const std::uint64_t words = (window.count + kWordBits - 1) / kWordBits;
    for (std::uint64_t w = 0; w < words; ++w) {
      for (Word word = bits[w]; word != 0; word &= word - 1) {
        visit(window.first + 2 * (w * kWordBits + static_cast<std::uint64_t>(std::countr_zero(word))));
      }
    }
  });
}

std::vector<std::uint64_t> sieve_primes(std::uint64_t lo, std::uint64_t hi) {
  std::vector<std::uint64_t> primes;
  sieve_for_each(lo, hi, [&](std::uint64_t p) { primes.push_back(p); });
  return primes;
}

std::uint64_t sieve_min_task_width(std::uint64_t hi) {
  const std::uint64_t limit = isqrt(hi);
  if (limit <= kStoredBaseLimit) return std::max<std::uint64_t>(1ULL << 20, 8 * limit);
  return 2 * kStreamBlockBits;  // one streaming block of odd numbers
}

}  // namespace parakit
