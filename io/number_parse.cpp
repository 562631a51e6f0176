#include "io/number_parse.hpp"

#include <cctype>
#include <fmt/format.h>
#include <optional>

#include "io/printable.hpp"
#include "kernels/int128.hpp"

namespace parakit {
namespace {

// Values are carried in 128 bits so "2^64-1" can pass through 2^64.
constexpr u128 kLimit = (u128{1} << 64);  // anything above is out of range even mid-expression

struct Cursor {
  std::string_view text;
  std::size_t pos = 0;
  bool done() const { return pos >= text.size(); }
  char peek() const { return done() ? '\0' : text[pos]; }
};

std::optional<u128> digits(Cursor& c, int* count = nullptr) {
  std::size_t start = c.pos;
  u128 value = 0;
  while (!c.done() && std::isdigit(static_cast<unsigned char>(c.peek()))) {
    value = value * 10 + static_cast<unsigned>(c.peek() - '0');
    if (value > kLimit * 10) value = kLimit * 10;  // saturate; reported as too large later
    ++c.pos;
  }
  if (count) *count = static_cast<int>(c.pos - start);
  if (c.pos == start) return std::nullopt;
  return value;
}

u128 saturating_mul(u128 a, u128 b) {
  if (a != 0 && b > (kLimit * 10) / a) return kLimit * 10;
  return a * b;
}

u128 power(u128 base, u128 exponent) {
  u128 result = 1;
  for (u128 i = 0; i < exponent; ++i) {
    result = saturating_mul(result, base);
    if (result > kLimit || (base <= 1)) break;
  }
  if (base == 0 && exponent == 0) return 1;
  if (base == 0) return 0;
  return result;
}

// term := digits ['.' digits] ['e' digits] | digits '^' digits
std::variant<u128, std::string> term(Cursor& c) {
  auto mantissa = digits(c);
  if (!mantissa) return std::string("expected digits");
  if (c.peek() == '^') {
    ++c.pos;
    auto exponent = digits(c);
    if (!exponent) return std::string("expected an exponent after '^'");
    return power(*mantissa, *exponent);
  }
  // Only the fraction's significant digits count: trailing zeros change
  // nothing, and keeping them would make 10^digits overflow and saturate.
  std::string_view fraction_text;
  if (c.peek() == '.') {
    ++c.pos;
    const std::size_t start = c.pos;
    if (!digits(c)) return std::string("expected digits after '.'");
    fraction_text = c.text.substr(start, c.pos - start);
    fraction_text = fraction_text.substr(0, fraction_text.find_last_not_of('0') + 1);
  }
  u128 exponent = 0;
  if (c.peek() == 'e' || c.peek() == 'E') {
    ++c.pos;
    auto e = digits(c);
    if (!e) return std::string("expected an exponent after 'e'");
    exponent = *e;
  }
  const u128 fraction_digits = fraction_text.size();
  if (exponent < fraction_digits) return std::string("is not a whole number");  // 2.5, 1.25e1
  Cursor fraction_cursor{fraction_text};
  const u128 fraction = fraction_text.empty() ? 0 : *digits(fraction_cursor);
  // value = (mantissa * 10^f + fraction) * 10^(exponent - f); saturation only
  // ever happens when the true value is above the limit.
  const u128 scaled = saturating_mul(*mantissa, power(10, fraction_digits)) + fraction;
  return saturating_mul(scaled, power(10, exponent - fraction_digits));
}

}  // namespace

std::variant<ParsedNumber, ParseError> parse_number(std::string_view text) {
  const std::string shown = printable(text);
  if (text.empty()) return ParseError{"empty number"};
  if (text.front() == '-') return ParseError{fmt::format("'{}' is negative; numbers start at 0", shown)};
  Cursor c{text};
  bool negative = false;  // running sign of the expression's value
  u128 total = 0;
  char op = '+';
  while (true) {
    auto t = term(c);
    if (auto* err = std::get_if<std::string>(&t)) {
      if (*err == "is not a whole number") return ParseError{fmt::format("'{}' is not a whole number", shown)};
      return ParseError{fmt::format("'{}' is not a number ({}; write 1000000, 1e6, 2^20 or 2^64-1)", shown, *err)};
    }
    const u128 value = std::get<u128>(t);
    if (value > kLimit * 2) return ParseError{fmt::format("'{}' exceeds 2^64-1 (18446744073709551615)", shown)};
    if (op == '+') {
      if (negative) {
        if (value >= total) { total = value - total; negative = false; } else { total -= value; }
      } else {
        total += value;
      }
    } else {
      if (negative) {
        total += value;
      } else if (value > total) {
        total = value - total;
        negative = true;
      } else {
        total -= value;
      }
    }
    if (c.done()) break;
    op = c.peek();
    if (op != '+' && op != '-') {
      return ParseError{fmt::format("'{}' is not a number (unexpected '{}'; write 1000000, 1e6, 2^20 or 2^64-1)",
                                    shown, printable(std::string_view(&op, 1)))};
    }
    ++c.pos;
  }
  if (negative && total != 0) return ParseError{fmt::format("'{}' is negative; numbers start at 0", shown)};
  if (total >= kLimit) return ParseError{fmt::format("'{}' exceeds 2^64-1 (18446744073709551615)", shown)};
  return ParsedNumber{static_cast<std::uint64_t>(total)};
}

}  // namespace parakit
