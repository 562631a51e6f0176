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

TEST_CASE("text for display has its credentials hidden and no control characters", "[display]") {
  CHECK(for_display("http://u:pw@h/\x1B]0;pwned\x07") == "http://u:***@h/?]0;pwned?");
}
