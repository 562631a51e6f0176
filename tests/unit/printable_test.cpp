// Text from outside made fit for a terminal: io/printable.
#include <catch2/catch.hpp>

#include <string>

#include "io/printable.hpp"

using parakit::is_valid_utf8;
using parakit::printable;
using parakit::printable_utf8;

TEST_CASE("UTF-8 is checked strictly", "[printable]") {
  CHECK(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  CHECK(is_valid_utf8(""));
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));          // cut short
  CHECK_FALSE(is_valid_utf8("a\x80"));             // a lone continuation byte
}

TEST_CASE("printable escapes control bytes and broken UTF-8, keeps the rest", "[printable]") {
  CHECK(printable("plain.txt") == "plain.txt");
  CHECK(printable("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(printable("a\nb\tc\x1b[31m") == "a\\x0ab\\x09c\\x1b[31m");
  CHECK(printable("\xff\xc3") == "\\xff\\xc3");
  CHECK(printable("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a UTF-16 surrogate is not UTF-8
  CHECK(printable("\xc2\x9b" "31m") == "\\xc2\\x9b31m");  // the one-byte CSI of C1
  CHECK(printable(std::string(100, 'x'), 10) == "xxxxxxxxxx...");
}

TEST_CASE("printable_utf8 replaces control characters and broken UTF-8, keeps the rest", "[printable]") {
  CHECK(printable_utf8("caf\xC3\xA9.txt") == "caf\xC3\xA9.txt");
  CHECK(printable_utf8("a\x1B[31mred\x07") == "a?[31mred?");
  CHECK(printable_utf8("\xC2\x9B" "31m") == "?31m");  // the one-byte CSI of C1
  CHECK(printable_utf8("\xFF\xFE.bin", '_') == "__.bin");
  CHECK(printable_utf8(std::string("a\0b\r\n\x7F", 6)) == "a?b???");
}
