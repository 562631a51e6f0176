#pragma once

#include <cstdint>
#include <functional>
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

// Calls visit(p) for every prime p in [lo, hi] in ascending order.
void sieve_for_each(std::uint64_t lo, std::uint64_t hi,
                    const std::function<void(std::uint64_t)>& visit);

// The primes in [lo, hi], ascending.
std::vector<std::uint64_t> sieve_primes(std::uint64_t lo, std::uint64_t hi);

// Splitting a range into tasks narrower than this wastes more time regenerating
// base primes than it gains in balance.
std::uint64_t sieve_min_task_width(std::uint64_t hi);

}  // namespace parakit
