// parse_number on any text: never crashes, errors are one clean line, and a
// value, written back in plain digits, parses to itself; plain digit strings
// agree with std::from_chars.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "invariants.hpp"
#include "io/number_parse.hpp"

using parakit::fuzz::require;

namespace {

// The exact decimal value of "M[.F][eE]" by moving the decimal point in the
// digit string: a reference that cannot overflow. Returns nothing for other
// forms (and for exponents too long to expand quickly).
struct Decimal {
  bool whole = true;
  std::string integer;  // no leading zeros; "0" for zero
};
std::optional<Decimal> reference_decimal(std::string_view text) {
  std::size_t i = 0;
  auto run = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return text.substr(start, i - start);
  };
  const std::string_view mantissa = run();
  if (mantissa.empty()) return std::nullopt;
  std::string_view fraction, exponent;
  if (i < text.size() && text[i] == '.') {
    ++i;
    fraction = run();
    if (fraction.empty()) return std::nullopt;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    exponent = run();
    if (exponent.empty() || exponent.size() > 4) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  const std::string digits = std::string(mantissa) + std::string(fraction);
  const std::size_t point = mantissa.size() + (exponent.empty() ? 0 : std::stoul(std::string(exponent)));
  Decimal d;
  if (point >= digits.size()) {
    d.integer = digits + std::string(point - digits.size(), '0');
  } else {
    d.integer = digits.substr(0, point);
    d.whole = digits.find_first_not_of('0', point) == std::string::npos;
  }
  d.integer.erase(0, std::min(d.integer.find_first_not_of('0'), d.integer.size()));
  if (d.integer.empty()) d.integer = "0";
  return d;
}

bool fits_64_bits(const std::string& integer) {
  return integer.size() < 20 || (integer.size() == 20 && integer <= "18446744073709551615");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = parakit::parse_number(text);
  std::uint64_t reference = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), reference);
  const bool plain_digits = !text.empty() && text.front() != '-' && end == text.data() + text.size();

  if (const auto d = reference_decimal(text)) {
    const bool valid = d->whole && fits_64_bits(d->integer);
    require(valid == std::holds_alternative<parakit::ParsedNumber>(parsed), "accepted or refused against the reference", text);
    if (valid) {
      require(std::to_string(std::get<parakit::ParsedNumber>(parsed).value) == d->integer, "value differs from the reference",
              text);
    }
  }
  if (const auto* error = std::get_if<parakit::ParseError>(&parsed)) {
    parakit::fuzz::require_one_line(error->message);
    require(!(plain_digits && ec == std::errc()), "a plain 64-bit number was refused", text);
    return 0;
  }
  const std::uint64_t value = std::get<parakit::ParsedNumber>(parsed).value;
  if (plain_digits) require(ec == std::errc() && reference == value, "plain digits parsed to another value", text);
  const auto again = parakit::parse_number(std::to_string(value));
  require(std::holds_alternative<parakit::ParsedNumber>(again) &&
              std::get<parakit::ParsedNumber>(again).value == value,
          "a value does not parse back to itself", text);
  return 0;
}
