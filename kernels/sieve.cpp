#include "kernels/sieve.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>

#include "kernels/sieve/cross_off.hpp"
#include "kernels/sieve/presieve.hpp"
#include "kernels/sieve/wheel.hpp"

// Segmented sieve of Eratosthenes on the modulo-30 wheel (see sieve/wheel.hpp).
//
// The range is sieved block by block. Inside a block, L1-sized chunks are first
// filled from the pre-sieve patterns (primes 7..53), then crossed off by the
// small sieving primes, which hit every chunk many times. Larger primes cross off
// the whole block at once, which keeps their per-visit overhead low. Every stored
// prime remembers its next multiple from one block to the next.
//
// Base primes up to sqrt(hi) are stored while sqrt(hi) <= 2^23 (12 bytes each with
// their state, at most ~7 MB). Above that only those up to 2^22 are stored, and the rest are
// streamed afresh for each (larger) block from a nested sieve: near 2^64 there are
// 203 million of them, too many to keep.

namespace parakit {
namespace {

using namespace sieve_detail;

constexpr std::uint64_t kChunkBytes = 32 * 1024;  // 983,040 numbers, fits L1
// Primes below this hit a chunk 8+ times per visit; larger ones visit whole blocks.
constexpr std::uint64_t kSmallPrimeLimit = 4096;
// Stored mode up to hi = 2^46: 564,163 base primes, 6.8 MB with their states.
constexpr std::uint64_t kStoredBaseLimit = 1ULL << 23;
constexpr std::uint64_t kStreamStoredLimit = 1ULL << 22;
constexpr std::uint64_t kMaxBlockBytes = 512 * 1024;  // half of L2
constexpr std::uint64_t kStreamBlockBytes = 4 * 1024 * 1024;

std::uint64_t isqrt(std::uint64_t n) {
  auto r = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(n)));
  while (r > 0 && (r > n / r)) --r;    // r * r > n
  while ((r + 1) <= n / (r + 1)) ++r;  // (r + 1)^2 <= n
  return r;
}

// Primes p with kLargestPresieved < p <= limit, ascending (limit <= 2^24), from a
// plain odd-only sieve: it runs once per call and costs little next to the rest.
std::vector<std::uint32_t> base_primes_up_to(std::uint64_t limit) {
  std::vector<std::uint32_t> primes;
  if (limit <= kLargestPresieved) return primes;
  std::vector<bool> composite(limit / 2 + 1, false);  // index i -> 2i + 1
  for (std::uint64_t i = 1; (2 * i + 1) * (2 * i + 1) <= limit; ++i) {
    if (composite[i]) continue;
    const std::uint64_t p = 2 * i + 1;
    for (std::uint64_t m = p * p; m <= limit; m += 2 * p) composite[m / 2] = true;
  }
  const std::uint64_t from = (kLargestPresieved + 1) / 2;
  std::size_t count = 0;  // counted first: growing by doubling would overshoot memory
  for (std::uint64_t i = from; 2 * i + 1 <= limit; ++i) count += composite[i] ? 0 : 1;
  primes.reserve(count);
  for (std::uint64_t i = from; 2 * i + 1 <= limit; ++i) {
    if (!composite[i]) primes.push_back(static_cast<std::uint32_t>(2 * i + 1));
  }
  return primes;
}

// Calls visit(bytes, first_byte, length) for consecutive byte arrays covering
// [lo, hi]: bit k of bytes[i] is set iff 30 * (first_byte + i) + kResidue[k] is a
// prime in [lo, hi] (so 2, 3 and 5 are never reported). bytes is zero-padded to a
// multiple of 8 bytes. Returns false, having visited only whole blocks, when
// `stop` was set before the end (checked between blocks: a few milliseconds apart).
template <typename Visitor>
bool sieve_wheel(std::uint64_t lo, std::uint64_t hi, Visitor&& visit, const std::atomic<bool>* stop = nullptr);

// Every prime p in [lo, hi] above 5, ascending, to visit(p).
template <typename Visitor>
bool for_each_wheel_prime(std::uint64_t lo, std::uint64_t hi, Visitor&& visit,
                          const std::atomic<bool>* stop = nullptr) {
  return sieve_wheel(lo, hi, [&](const std::uint8_t* bytes, std::uint64_t first, std::uint64_t length) {
    for (std::uint64_t i = 0; i < length; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      for (; word != 0; word &= word - 1) {
        const auto bit = static_cast<unsigned>(std::countr_zero(word));
        visit(30 * (first + i + bit / 8) + kResidue[bit % 8]);
      }
    }
  }, stop);
}

class BlockSieve {
 public:
  BlockSieve(std::uint64_t lo, std::uint64_t hi, const std::atomic<bool>* stop)
      : lo_(lo), hi_(hi), first_(lo / 30), last_(hi / 30), limit_(isqrt(hi)), stop_(stop) {
    stored_limit_ = limit_ <= kStoredBaseLimit ? limit_ : kStreamStoredLimit;
    base_ = base_primes_up_to(stored_limit_);
    // Exact capacities: a doubling vector would overshoot the memory budget.
    const auto small_count = static_cast<std::size_t>(
        std::lower_bound(base_.begin(), base_.end(), kSmallPrimeLimit) - base_.begin());
    small_.reserve(small_count);
    large_.reserve(base_.size() - small_count);
    const std::uint64_t bytes = last_ - first_ + 1;
    if (limit_ > kStoredBaseLimit) {
      block_bytes_ = kStreamBlockBytes;
    } else if (limit_ < kSmallPrimeLimit) {
      block_bytes_ = kChunkBytes;  // every prime is small: blocks are chunks
    } else {
      block_bytes_ = kMaxBlockBytes;
    }
    block_bytes_ = std::min(block_bytes_, (bytes + 7) / 8 * 8);
    buffer_.resize(block_bytes_ + 8);
  }

  // False when stopped; a block cut short by the stop is never visited.
  template <typename Visitor>
  bool run(Visitor&& visit) {
    for (std::uint64_t first = first_;; first += block_bytes_) {
      const std::uint64_t length = std::min(block_bytes_, last_ - first + 1);
      sieve_block(first, length);
      if (stopped()) return false;
      visit(static_cast<const std::uint8_t*>(buffer_.data()), first, length);
      if (last_ - first + 1 <= block_bytes_) return true;
    }
  }

 private:
  void sieve_block(std::uint64_t first, std::uint64_t length) {
    const std::uint64_t last = first + length - 1;
    const std::uint64_t block_hi = last == last_ ? hi_ : 30 * last + 29;
    activate_primes_up_to(std::min(isqrt(block_hi), stored_limit_), first);

    std::uint8_t* bytes = buffer_.data();
    for (std::uint64_t chunk = 0; chunk < length; chunk += kChunkBytes) {
      const std::uint64_t chunk_length = std::min(kChunkBytes, length - chunk);
      presieve().fill(bytes + chunk, first + chunk, chunk_length);
      for (SievingPrime& prime : small_) cross_off(prime, bytes + chunk, chunk_length);
    }
    for (SievingPrime& prime : large_) cross_off(prime, bytes, length);
    if (limit_ > stored_limit_) stream_large_primes(first, length, block_hi);

    restore_presieved_primes(bytes, first, length);
    if (first == first_) bytes[0] &= keep_from(static_cast<std::uint32_t>(lo_ % 30));
    if (last == last_) bytes[length - 1] &= keep_to(static_cast<std::uint32_t>(hi_ % 30));
    std::memset(bytes + length, 0, buffer_.size() - length);
  }

  // Sieving primes join once the block reaches their square; their first multiple
  // is then at most one wheel step past the block, so offsets stay small.
  void activate_primes_up_to(std::uint64_t limit, std::uint64_t first) {
    for (; next_base_ < base_.size() && base_[next_base_] <= limit; ++next_base_) {
      const std::uint64_t p = base_[next_base_];
      WheelPosition position;
      first_multiple(p, first, ~std::uint64_t{0}, position);
      (p < kSmallPrimeLimit ? small_ : large_).push_back(pack(position));
    }
  }

  bool stopped() const { return stop_ != nullptr && stop_->load(std::memory_order_relaxed); }

  // Primes above the stored ones: each has at most a few multiples in the block.
  // Streaming them near 2^64 takes seconds per block, so the stop reaches in here.
  void stream_large_primes(std::uint64_t first, std::uint64_t length, std::uint64_t block_hi) {
    std::uint8_t* bytes = buffer_.data();
    const std::uint64_t last = first + length - 1;
    const std::uint64_t start = 30 * first;
    const std::uint64_t span = 30 * length - 1;  // the block holds start..start+span
    for_each_wheel_prime(stored_limit_ + 1, isqrt(block_hi), [&](std::uint64_t p) {
      // Most of these primes have no multiple in the block: reject them cheaply.
      const std::uint64_t r = remainder_of(start, p);
      if (r != 0 && p - r > span) return;
      WheelPosition position;
      if (first_multiple(p, first, last, position)) cross_off(position, bytes, length);
    }, stop_);
  }

  // The patterns cross off 7..53 themselves, and 1 is not prime.
  static void restore_presieved_primes(std::uint8_t* bytes, std::uint64_t first, std::uint64_t length) {
    if (first == 0) bytes[0] = static_cast<std::uint8_t>((bytes[0] | 0xFE) & 0xFE);  // 7..29, not 1
    if (first <= 1 && first + length > 1) bytes[1 - first] |= 0x5F;  // 31 37 41 43 47 53
  }

  std::uint64_t lo_, hi_, first_, last_, limit_;
  const std::atomic<bool>* stop_;
  std::uint64_t stored_limit_ = 0;
  std::uint64_t block_bytes_ = 0;
  std::vector<std::uint32_t> base_;
  std::size_t next_base_ = 0;
  std::vector<SievingPrime> small_, large_;
  std::vector<std::uint8_t> buffer_;
};

template <typename Visitor>
bool sieve_wheel(std::uint64_t lo, std::uint64_t hi, Visitor&& visit, const std::atomic<bool>* stop) {
  lo = std::max<std::uint64_t>(lo, 7);
  if (lo > hi) return true;
  BlockSieve sieve(lo, hi, stop);
  return sieve.run(visit);
}

std::uint64_t count_below_seven(std::uint64_t lo, std::uint64_t hi) {
  std::uint64_t count = 0;
  for (std::uint64_t p : {2, 3, 5}) count += (lo <= p && p <= hi) ? 1 : 0;
  return count;
}

}  // namespace

namespace {

std::optional<std::uint64_t> count_primes(std::uint64_t lo, std::uint64_t hi, const std::atomic<bool>* stop) {
  if (lo > hi) return 0;
  std::uint64_t count = count_below_seven(lo, hi);
  const bool finished = sieve_wheel(lo, hi, [&](const std::uint8_t* bytes, std::uint64_t, std::uint64_t length) {
    std::uint64_t block_count = 0;
    for (std::uint64_t i = 0; i < length; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      block_count += static_cast<std::uint64_t>(std::popcount(word));
    }
    count += block_count;
  }, stop);
  if (!finished) return std::nullopt;
  return count;
}

std::optional<std::vector<std::uint64_t>> list_primes(std::uint64_t lo, std::uint64_t hi,
                                                      const std::atomic<bool>* stop) {
  std::vector<std::uint64_t> primes;
  if (lo > hi) return primes;
  for (std::uint64_t p : {2, 3, 5}) {
    if (lo <= p && p <= hi) primes.push_back(p);
  }
  if (!for_each_wheel_prime(lo, hi, [&](std::uint64_t p) { primes.push_back(p); }, stop)) return std::nullopt;
  return primes;
}

}  // namespace

std::uint64_t sieve_count(std::uint64_t lo, std::uint64_t hi) { return *count_primes(lo, hi, nullptr); }

std::optional<std::uint64_t> sieve_count(std::uint64_t lo, std::uint64_t hi, const std::atomic<bool>& stop) {
  return count_primes(lo, hi, &stop);
}

namespace {

bool visit_primes(std::uint64_t lo, std::uint64_t hi, const std::function<void(std::uint64_t)>& visit,
                  const std::atomic<bool>* stop) {
  if (lo > hi) return true;
  for (std::uint64_t p : {2, 3, 5}) {
    if (lo <= p && p <= hi) visit(p);
  }
  return for_each_wheel_prime(lo, hi, visit, stop);
}

}  // namespace

void sieve_for_each(std::uint64_t lo, std::uint64_t hi,
                    const std::function<void(std::uint64_t)>& visit) {
  visit_primes(lo, hi, visit, nullptr);
}

bool sieve_for_each(std::uint64_t lo, std::uint64_t hi, const std::function<void(std::uint64_t)>& visit,
                    const std::atomic<bool>& stop) {
  return visit_primes(lo, hi, visit, &stop);
}

std::vector<std::uint64_t> sieve_primes(std::uint64_t lo, std::uint64_t hi) { return *list_primes(lo, hi, nullptr); }

std::optional<std::vector<std::uint64_t>> sieve_primes(std::uint64_t lo, std::uint64_t hi,
                                                       const std::atomic<bool>& stop) {
  return list_primes(lo, hi, &stop);
}

std::uint64_t sieve_min_task_width(std::uint64_t hi) {
  const std::uint64_t limit = isqrt(hi);
  // Each task regenerates and places the base primes: give it enough numbers
  // that this stays a few percent of its time.
  if (limit <= kStoredBaseLimit) return std::max<std::uint64_t>(1ULL << 22, 32 * limit);
  return 2 * 30 * kStreamBlockBytes;
}

}  // namespace parakit
