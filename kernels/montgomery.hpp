#pragma once

#include <bit>
#include <cstdint>

#include "kernels/int128.hpp"

namespace parakit {

// Arithmetic modulo an odd n < 2^64 in Montgomery form (x * 2^64 mod n), so a
// modular multiplication costs two 64x64 products and no division.
class Montgomery {
 public:
  explicit Montgomery(std::uint64_t n) : n_(n) {
    // Newton's iteration doubles the correct low bits each step: 5 steps give 64.
    std::uint64_t inv = n;
    for (int i = 0; i < 5; ++i) inv *= 2 - n * inv;
    inv_ = inv;
    one_ = (0 - n) % n;  // 2^64 mod n
    r2_ = static_cast<std::uint64_t>(static_cast<u128>(one_) * one_ % n);
  }

  std::uint64_t modulus() const { return n_; }
  std::uint64_t one() const { return one_; }
  std::uint64_t minus_one() const { return n_ - one_; }

  std::uint64_t to_form(std::uint64_t a) const { return multiply(a % n_, r2_); }

  // REDC in the form that cannot overflow: the low halves cancel by construction,
  // so only the high halves are subtracted.
  std::uint64_t multiply(std::uint64_t a, std::uint64_t b) const {
    const u128 t = static_cast<u128>(a) * b;
    const std::uint64_t m = static_cast<std::uint64_t>(t) * inv_;
    const std::uint64_t t_hi = static_cast<std::uint64_t>(t >> 64);
    const std::uint64_t mn_hi = static_cast<std::uint64_t>((static_cast<u128>(m) * n_) >> 64);
    return t_hi >= mn_hi ? t_hi - mn_hi : t_hi - mn_hi + n_;
  }

  // 2x mod n for x in Montgomery form (doubling commutes with the form).
  std::uint64_t doubled(std::uint64_t x) const {
    const std::uint64_t sum = x + x;  // may wrap when n > 2^63
    return (sum < x || sum >= n_) ? sum - n_ : sum;
  }

  // 2^exponent in Montgomery form, left to right: a multiplication by the base
  // is then a doubling, so only the squarings cost a product.
  std::uint64_t power_of_two(std::uint64_t exponent) const {
    if (exponent == 0) return one_;
    int bit = 63 - std::countl_zero(exponent);
    std::uint64_t result = doubled(one_);
    while (--bit >= 0) {
      result = multiply(result, result);
      if ((exponent >> bit) & 1) result = doubled(result);
    }
    return result;
  }

  // Two powers with the same exponent, interleaved: their products are
  // independent, so the CPU overlaps them instead of waiting on one chain.
  void power_pair(std::uint64_t& base1_form, std::uint64_t& base2_form, std::uint64_t exponent) const {
    int bit = 63 - std::countl_zero(exponent);  // exponent >= 1
    std::uint64_t r1 = base1_form, r2 = base2_form;
    while (--bit >= 0) {
      r1 = multiply(r1, r1);
      r2 = multiply(r2, r2);
      if ((exponent >> bit) & 1) {
        r1 = multiply(r1, base1_form);
        r2 = multiply(r2, base2_form);
      }
    }
    base1_form = r1;
    base2_form = r2;
  }

  std::uint64_t power(std::uint64_t base_form, std::uint64_t exponent) const {
    std::uint64_t result = one_;
    while (exponent != 0) {
      if (exponent & 1) result = multiply(result, base_form);
      base_form = multiply(base_form, base_form);
      exponent >>= 1;
    }
    return result;
  }

 private:
  std::uint64_t n_;
  std::uint64_t inv_;
  std::uint64_t one_;
  std::uint64_t r2_;
};

}  // namespace parakit
