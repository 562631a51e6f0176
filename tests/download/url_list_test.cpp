#include <catch2/catch.hpp>

#include <sstream>

#include "io/http/url_list.hpp"

using namespace parakit::http;

namespace {
const std::string kHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::vector<UrlEntry> parse(const std::string& text) {
  std::istringstream in(text);
  return parse_url_list(in, "list.txt");
}

std::string parse_error(const std::string& text) {
  try {
    parse(text);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("URL lists skip comments and blank lines and read sha256=", "[url_list]") {
  const auto entries = parse("# a comment\n\nhttp://h/a.txt\r\n   https://h/b.txt  sha256=" + kHash +
                             "\n  # indented comment\nhttp://h/c.txt sha256=" + std::string(64, 'A') + "\n");
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].url == "http://h/a.txt");
  CHECK(entries[0].sha256.empty());
  CHECK(entries[1].url == "https://h/b.txt");
  CHECK(entries[1].sha256 == kHash);
  CHECK(entries[2].sha256 == std::string(64, 'a'));  // lower-cased
}

TEST_CASE("bad lines are reported with their line number", "[url_list]") {
  CHECK(parse_error("http://h/a\nftp://h/b\n") == "list.txt:2: 'ftp://h/b' uses the ftp scheme; only http and https are allowed");
  CHECK(parse_error("\n\nnot-a-url\n") == "list.txt:3: 'not-a-url' is not a URL (expected http://HOST/PATH or https://...)");
  CHECK(parse_error("http://h/a sha256=abc\n") == "list.txt:1: 'sha256=abc' is not 64 hex digits");
  CHECK(parse_error("http://h/a extra\n") == "list.txt:1: unexpected 'extra' after the URL (only sha256=HEX may follow)");
  CHECK(parse_error("file:///etc/passwd\n") == "list.txt:1: 'file:///etc/passwd' uses the file scheme; only http and https are allowed");
}

TEST_CASE("url_problem accepts http and https only, with a host", "[url_list]") {
  CHECK_FALSE(url_problem("http://127.0.0.1:8000/a.bin"));
  CHECK_FALSE(url_problem("HTTPS://example.org/"));
  CHECK(url_problem("gopher://h/x").value().find("gopher scheme") != std::string::npos);
  CHECK(url_problem("http://h/a b").value().find("space") != std::string::npos);
  CHECK(url_problem("").has_value());
  CHECK(url_problem("localhost:8080/x").value().find("is not a URL") != std::string::npos);
  CHECK(url_problem("javascript:alert(1)").value().find("uses the javascript scheme") != std::string::npos);
  for (const std::string scheme : {"file", "ftp", "ftps", "gopher", "dict", "ldap", "scp", "sftp", "smb", "telnet", "tftp"}) {
    INFO(scheme);
    CHECK(url_problem(scheme + "://h/x").value().find("uses the " + scheme + " scheme; only http and https") != std::string::npos);
  }
  CHECK(url_problem("http://h/caf\xC3\xA9").has_value() == false);  // UTF-8 is fine
  CHECK(url_problem("http://h/\xFF.bin").value().find("is not valid UTF-8") != std::string::npos);
  CHECK(url_problem("http://h/a\x1B[2J").value().find("a?[2J") != std::string::npos);  // the escape is not echoed
}

TEST_CASE("url_problem never repeats a password", "[url_list]") {
  const std::string message = url_problem("ftp://ann:s3cret@h/x").value();
  CHECK(message == "'ftp://ann:***@h/x' uses the ftp scheme; only http and https are allowed");
  CHECK(url_problem("http://ann:s3cret@h/a b").value().find("s3cret") == std::string::npos);
}

TEST_CASE("an unreadable list is an error naming the file", "[url_list]") {
  CHECK_THROWS_WITH(read_url_list("/nonexistent/urls.txt"),
                    "cannot read URL list '/nonexistent/urls.txt': No such file or directory");
}

TEST_CASE("a list with no URL, a directory and binary garbage are one-line errors", "[url_list][bad-input]") {
  CHECK(parse_error("# nothing here\n\n") == "list.txt: no URLs in it");
  CHECK_THROWS_WITH(read_url_list("/"), "URL list '/' is a directory");
  CHECK(parse_error(std::string("http://h/a\n\x01\xfe\x1b\n", 14)) ==
        "list.txt:2: '?\?\?' holds a space or control character (write it as %20)");
}
