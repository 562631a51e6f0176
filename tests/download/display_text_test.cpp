#include <catch2/catch.hpp>

#include "io/http/display_text.hpp"

using namespace parakit::http;

TEST_CASE("passwords in URLs are hidden wherever the URL appears", "[display]") {
  CHECK(redact_credentials("https://ann:s3cret@h/x") == "https://ann:***@h/x");
  CHECK(redact_credentials("http://t0ken@h:8080/x?y") == "http://***@h:8080/x?y");
  CHECK(redact_credentials("http://u:p@ss@h/") == "http://u:***@h/");  // the last '@' ends the user part
  CHECK(redact_credentials("http://h/a@b?c=d@e#f@g") == "http://h/a@b?c=d@e#f@g");  // '@' past the host is data
  CHECK(redact_credentials("http://h?x=u:p@q") == "http://h?x=u:p@q");
  CHECK(redact_credentials("Failed via proxy http://px:pw@10.0.0.1:3128 and https://a:b@c/d.") ==
        "Failed via proxy http://px:***@10.0.0.1:3128 and https://a:***@c/d.");
  CHECK(redact_credentials("'ftp://ann:s3cret@h/x' uses the ftp scheme") == "'ftp://ann:***@h/x' uses the ftp scheme");
  CHECK(redact_credentials("no URL, user:password@host") == "no URL, user:password@host");
  CHECK(redact_credentials("") == "");
  CHECK(redact_credentials("://@") == "://***@");
}

TEST_CASE("UTF-8 is checked strictly", "[display]") {
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

TEST_CASE("printable text has no control characters and only valid UTF-8", "[display]") {
  CHECK(printable_utf8("caf\xC3\xA9.txt") == "caf\xC3\xA9.txt");
  CHECK(printable_utf8("a\x1B[31mred\x07") == "a?[31mred?");
  CHECK(printable_utf8("\xC2\x9B" "31m") == "?31m");  // the one-byte CSI of C1
  CHECK(printable_utf8("\xFF\xFE.bin", '_') == "__.bin");
  CHECK(printable_utf8(std::string("a\0b\r\n\x7F", 6)) == "a?b???");
  CHECK(for_display("http://u:pw@h/\x1B]0;pwned\x07") == "http://u:***@h/?]0;pwned?");
}
