#pragma once

// The modulo-30 wheel: every prime above 5 is 30q + r with r one of the eight
// residues below, so one byte holds the candidates among 30 consecutive numbers
// (bit k of byte q stands for 30q + kResidue[k]). That is 3.75 numbers per bit,
// against 2 for an odd-only bit array, and every crossing-off clears one bit.

#include <array>
#include <cstdint>

namespace parakit::sieve_detail {

inline constexpr std::array<std::uint32_t, 9> kResidue = {1, 7, 11, 13, 17, 19, 23, 29, 31};

// Bit index of residue r (r coprime to 30), or 8 for the others.
inline constexpr std::array<std::uint8_t, 30> kBitOf = [] {
  std::array<std::uint8_t, 30> bit{};
  bit.fill(8);
  for (std::uint8_t k = 0; k < 8; ++k) bit[kResidue[k]] = k;
  return bit;
}();

// Smallest wheel index k with kResidue[k] >= r, for r in [0, 30).
inline constexpr std::array<std::uint8_t, 30> kNextIndex = [] {
  std::array<std::uint8_t, 30> next{};
  for (std::uint32_t r = 0; r < 30; ++r) {
    std::uint8_t k = 0;
    while (kResidue[k] < r) ++k;
    next[r] = k;
  }
  return next;
}();

// For a prime p = 30a + kResidue[b] and a multiplier m = 30c + kResidue[k],
//   p * m = 30 * (p*c + a*kResidue[k] + kCarry[b][k]) + (kResidue[b]*kResidue[k] mod 30),
// so the byte of p*m and the bit it clears depend only on (a, b, c, k).
inline constexpr auto kCarry = [] {
  std::array<std::array<std::uint32_t, 9>, 8> carry{};
  for (int b = 0; b < 8; ++b)
    for (int k = 0; k < 9; ++k) carry[b][k] = kResidue[b] * kResidue[k] / 30;
  return carry;
}();

// ~(bit of p*m) for (b, k): AND-ing it clears that multiple.
inline constexpr auto kClearMask = [] {
  std::array<std::array<std::uint8_t, 8>, 8> mask{};
  for (int b = 0; b < 8; ++b)
    for (int k = 0; k < 8; ++k)
      mask[b][k] = static_cast<std::uint8_t>(~(1u << kBitOf[kResidue[b] * kResidue[k] % 30]));
  return mask;
}();

// Bits of a byte that stand for numbers >= 30q + r (keep_from) or <= 30q + r (keep_to).
inline constexpr std::uint8_t keep_from(std::uint32_t r) {
  std::uint8_t mask = 0;
  for (int k = 0; k < 8; ++k)
    if (kResidue[k] >= r) mask |= static_cast<std::uint8_t>(1u << k);
  return mask;
}
inline constexpr std::uint8_t keep_to(std::uint32_t r) {
  std::uint8_t mask = 0;
  for (int k = 0; k < 8; ++k)
    if (kResidue[k] <= r) mask |= static_cast<std::uint8_t>(1u << k);
  return mask;
}

}  // namespace parakit::sieve_detail
