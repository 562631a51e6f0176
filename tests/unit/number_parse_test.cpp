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
