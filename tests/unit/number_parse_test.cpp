#include <catch2/catch.hpp>

#include "io/number_parse.hpp"

using namespace parakit;

namespace {

std::uint64_t value(const char* text) {
  auto parsed = parse_number(text);
  INFO(text);
  REQUIRE(std::holds_alternative<ParsedNumber>(parsed));
  return std::get<ParsedNumber>(parsed).value;
}

std::string error(const char* text) {
  auto parsed = parse_number(text);
  INFO(text);
  REQUIRE(std::holds_alternative<ParseError>(parsed));
  return std::get<ParseError>(parsed).message;
}

}  // namespace

TEST_CASE("numbers in the forms people type", "[parse]") {
  REQUIRE(value("0") == 0);
  REQUIRE(value("1000000") == 1000000);
  REQUIRE(value("1e10") == 10000000000ULL);
  REQUIRE(value("2.5e9") == 2500000000ULL);
  REQUIRE(value("1.20e1") == 12);
  REQUIRE(value("2^32") == 4294967296ULL);
  REQUIRE(value("2^64-1") == 18446744073709551615ULL);
  REQUIRE(value("2^64-59") == 18446744073709551557ULL);
  REQUIRE(value("1e9+7") == 1000000007ULL);
  REQUIRE(value("18446744073709551615") == 18446744073709551615ULL);
  REQUIRE(value("2^64-1e6") == 18446744073708551616ULL);
}

TEST_CASE("bad numbers get a one-line reason", "[parse]") {
  CHECK_THAT(error("18446744073709551616"), Catch::Contains("exceeds 2^64-1"));
  CHECK_THAT(error("2^64"), Catch::Contains("exceeds 2^64-1"));
  CHECK_THAT(error("1e20"), Catch::Contains("exceeds 2^64-1"));
  CHECK_THAT(error("-5"), Catch::Contains("negative"));
  CHECK_THAT(error("5-10"), Catch::Contains("negative"));
  CHECK_THAT(error("1.5"), Catch::Contains("not a whole number"));
  CHECK_THAT(error("abc"), Catch::Contains("'abc' is not a number"));
  CHECK_THAT(error("12x"), Catch::Contains("unexpected 'x'"));
  CHECK_THAT(error(""), Catch::Contains("empty"));
  CHECK_THAT(error("2^"), Catch::Contains("exponent"));
  for (const char* bad : {"18446744073709551616", "abc", "-5", "1.5"}) {
    REQUIRE(error(bad).find('\n') == std::string::npos);
  }
}

// Found by fuzz/number_parse: a fraction with many digits made 10^digits
// saturate, and "0.5000000000000000000000000" parsed as 1.
TEST_CASE("long fractions are exact, not rounded by overflow", "[parse][fuzz-regression]") {
  CHECK_THAT(error("0.5000000000000000000000000"), Catch::Contains("not a whole number"));
  CHECK_THAT(error("1.999999999999999999999999"), Catch::Contains("not a whole number"));
  CHECK(value("0.500000000000000000000000e1") == 5);
  CHECK(value("1.00000000000000000000000000000e3") == 1000);
  CHECK(value("0.000000000000000000000000000001e30") == 1);
  CHECK_THAT(error("1.000000000000000000000000000001e30"), Catch::Contains("exceeds 2^64-1"));
}

// Found by fuzz/number_parse: a control character after the number went into
// the message as it was, so the error was not one clean line.
TEST_CASE("control characters and binary bytes are escaped in messages", "[parse][fuzz-regression]") {
  CHECK_THAT(error("206\x0b"), Catch::Contains("unexpected '\\x0b'"));
  CHECK_THAT(error("12\n3"), Catch::Contains("'12\\x0a3'"));
  CHECK_THAT(error("\xff\xfe"), Catch::Contains("'\\xff\\xfe'"));
}
