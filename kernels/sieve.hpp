#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace parakit {

// Segmented sieve of Eratosthenes over any [lo, hi] with hi up to 2^64 - 1.
//
// Only odd numbers are stored, one bit each, in segments that fit the L1 cache.
// Memory is one segment plus the base primes up to sqrt(hi), never the range:
// while sqrt(hi) <= 2^24 the base primes are kept with their next multiple;
// above that they are regenerated block by block by a nested sieve, so the
// footprint stays a few MiB even next to 2^64.

// Number of primes in [lo, hi]; 0 when lo > hi.
std::uint64_t sieve_count(std::uint64_t lo, std::uint64_t hi);

// The same, giving up (nullopt) once `stop` is set. The flag is read between
// blocks, a few milliseconds of work apart (more near 2^64, where it is also
// read while each block's large primes are streamed).
std::optional<std::uint64_t> sieve_count(std::uint64_t lo, std::uint64_t hi, const std::atomic<bool>& stop);

// Calls visit(p) for every prime p in [lo, hi] in ascending order.
void sieve_for_each(std::uint64_t lo, std::uint64_t hi,
                    const std::function<void(std::uint64_t)>& visit);

// The same, giving up (false) once `stop` is set, as sieve_count does; the
// primes visited before that are a prefix of the range's.
bool sieve_for_each(std::uint64_t lo, std::uint64_t hi, const std::function<void(std::uint64_t)>& visit,
                    const std::atomic<bool>& stop);

// The primes in [lo, hi], ascending.
std::vector<std::uint64_t> sieve_primes(std::uint64_t lo, std::uint64_t hi);

// The same, giving up (nullopt) once `stop` is set, as sieve_count does.
std::optional<std::vector<std::uint64_t>> sieve_primes(std::uint64_t lo, std::uint64_t hi,
                                                       const std::atomic<bool>& stop);

// Splitting a range into tasks narrower than this wastes more time regenerating
// base primes than it gains in balance.
std::uint64_t sieve_min_task_width(std::uint64_t hi);

}  // namespace parakit
