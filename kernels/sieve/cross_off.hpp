#pragma once

// Crossing off the multiples of one sieving prime in a byte array of the wheel.
//
// A prime p = 30a + r (r = kResidue[b]) is stored with the byte offset of its next
// multiple, relative to the start of the array being sieved, and the wheel index k
// of that multiple's cofactor. Whole turns of the wheel (8 multiples, p bytes) are
// unrolled with offsets known at compile time for each of the 8 residues; single
// steps before and after use the tables.

#include <cstdint>

#include "kernels/sieve/wheel.hpp"

namespace parakit::sieve_detail {

// Where a prime stands in the wheel: p = 30a + kResidue[b], next multiple at byte
// `offset` with cofactor residue kResidue[k].
struct WheelPosition {
  std::uint64_t a = 0;
  std::uint64_t offset = 0;
  unsigned b = 0;
  unsigned k = 0;
};

// The same, packed in 8 bytes for primes below 2^26 so that a million of them
// stay within a few MiB: `wheel` holds a << 6 | b << 3 | k.
struct SievingPrime {
  std::uint32_t offset;
  std::uint32_t wheel;
};

// Crosses off multiples at byte offsets < end; returns the first offset >= end and
// leaves k at its multiple. The switch enters the wheel turn at multiple k (a
// Duff's device); whole turns then run unrolled without bounds checks, and only
// the last, partial turn checks each step.
template <unsigned B>
std::uint64_t cross_off_residue(std::uint8_t* bytes, std::uint64_t end, std::uint64_t at,
                                std::uint64_t a, unsigned& k_ref) {
  constexpr auto& c = kCarry[B];
  constexpr auto& m = kClearMask[B];
  // Byte distance from multiple k to k + 1; cofactor residues step by 6 4 2 4 2 4 6 2.
  const std::uint64_t s0 = a * 6 + (c[1] - c[0]), s1 = a * 4 + (c[2] - c[1]);
  const std::uint64_t s2 = a * 2 + (c[3] - c[2]), s3 = a * 4 + (c[4] - c[3]);
  const std::uint64_t s4 = a * 2 + (c[5] - c[4]), s5 = a * 4 + (c[6] - c[5]);
  const std::uint64_t s6 = a * 6 + (c[7] - c[6]), s7 = a * 2 + (c[8] - c[7]);
  // Offsets of the 8 multiples of a turn from its first; a turn spans p bytes.
  const std::uint64_t o1 = s0, o2 = o1 + s1, o3 = o2 + s2, o4 = o3 + s3, o5 = o4 + s4,
                      o6 = o5 + s5, o7 = o6 + s6, turn = o7 + s7;
  unsigned k = k_ref;
  switch (k) {
    for (;;) {
      case 0:
        for (; at + o7 < end; at += turn) {
          std::uint8_t* s = bytes + at;
          s[0] &= m[0];
          s[o1] &= m[1];
          s[o2] &= m[2];
          s[o3] &= m[3];
          s[o4] &= m[4];
          s[o5] &= m[5];
          s[o6] &= m[6];
          s[o7] &= m[7];
        }
        if (at >= end) { k = 0; break; }
        bytes[at] &= m[0];
        at += s0;
        [[fallthrough]];
      case 1:
        if (at >= end) { k = 1; break; }
        bytes[at] &= m[1];
        at += s1;
        [[fallthrough]];
      case 2:
        if (at >= end) { k = 2; break; }
        bytes[at] &= m[2];
        at += s2;
        [[fallthrough]];
      case 3:
        if (at >= end) { k = 3; break; }
        bytes[at] &= m[3];
        at += s3;
        [[fallthrough]];
      case 4:
        if (at >= end) { k = 4; break; }
        bytes[at] &= m[4];
        at += s4;
        [[fallthrough]];
      case 5:
        if (at >= end) { k = 5; break; }
        bytes[at] &= m[5];
        at += s5;
        [[fallthrough]];
      case 6:
        if (at >= end) { k = 6; break; }
        bytes[at] &= m[6];
        at += s6;
        [[fallthrough]];
      case 7:
        if (at >= end) { k = 7; break; }
        bytes[at] &= m[7];
        at += s7;
    }
  }
  k_ref = k;
  return at;
}

// Crosses off the multiples at byte offsets < end; on return `position.offset`
// is the first one >= end and k its cofactor.
inline void cross_off(WheelPosition& position, std::uint8_t* bytes, std::uint64_t end) {
  std::uint64_t& at = position.offset;
  const std::uint64_t a = position.a;
  unsigned& k = position.k;
  switch (position.b) {
    case 0: at = cross_off_residue<0>(bytes, end, at, a, k); break;
    case 1: at = cross_off_residue<1>(bytes, end, at, a, k); break;
    case 2: at = cross_off_residue<2>(bytes, end, at, a, k); break;
    case 3: at = cross_off_residue<3>(bytes, end, at, a, k); break;
    case 4: at = cross_off_residue<4>(bytes, end, at, a, k); break;
    case 5: at = cross_off_residue<5>(bytes, end, at, a, k); break;
    case 6: at = cross_off_residue<6>(bytes, end, at, a, k); break;
    default: at = cross_off_residue<7>(bytes, end, at, a, k); break;
  }
}

// Same for a packed prime; its offset then counts from `end`, the next array's start.
inline void cross_off(SievingPrime& prime, std::uint8_t* bytes, std::uint64_t end) {
  WheelPosition position{prime.wheel >> 6, prime.offset, (prime.wheel >> 3) & 7, prime.wheel & 7};
  cross_off(position, bytes, end);
  prime.offset = static_cast<std::uint32_t>(position.offset - end);
  prime.wheel = (prime.wheel & ~7u) | position.k;
}

inline SievingPrime pack(const WheelPosition& position) {
  return {static_cast<std::uint32_t>(position.offset),
          static_cast<std::uint32_t>(position.a << 6 | position.b << 3 | position.k)};
}

// The sieving state of prime p (> 5) for an array starting at absolute byte
// `first`: its first multiple p*m >= max(p*p, 30*first) with m coprime to 30.
// Returns false when that multiple lies beyond `last_byte` (or beyond 2^64).
inline bool first_multiple(std::uint64_t p, std::uint64_t first, std::uint64_t last_byte,
                           WheelPosition& out) {
  const std::uint64_t start = 30 * first;  // first <= (2^64 - 1) / 30, so no overflow
  std::uint64_t m = start / p + (start % p != 0);
  if (m < p) m = p;
  const std::uint64_t c = m / 30;
  const auto r = static_cast<unsigned>(m % 30);
  const unsigned k = kNextIndex[r];
  const unsigned b = kBitOf[p % 30];
  const std::uint64_t a = p / 30;
  // Byte of p * (30c + kResidue[k]); below 2^61 as p * c <= p * m / 30.
  const std::uint64_t byte = p * c + a * kResidue[k] + kCarry[b][k];
  if (byte > last_byte) return false;
  out = {a, byte - first, b, k};
  return true;
}

// start mod p for start < 2^64 and 7 <= p < 2^32, without a 64-bit division:
// the double quotient is off by at most one, which the corrections undo.
inline std::uint64_t remainder_of(std::uint64_t start, std::uint64_t p) {
  const auto q = static_cast<std::uint64_t>(static_cast<double>(start) / static_cast<double>(p));
  auto r = static_cast<std::int64_t>(start - q * p);
  if (r < 0) r += static_cast<std::int64_t>(p);
  if (r >= static_cast<std::int64_t>(p)) r -= static_cast<std::int64_t>(p);
  return static_cast<std::uint64_t>(r);
}

}  // namespace parakit::sieve_detail
