#include <catch2/catch.hpp>

#include "io/http/file_naming.hpp"

using namespace parakit::http;

TEST_CASE("the name is the last path segment, percent-decoded", "[naming]") {
  CHECK(safe_file_name("http://h/forms/itr1_english.pdf") == "itr1_english.pdf");
  CHECK(safe_file_name("http://h/income-tax%20rules/2023/a%20b.pdf") == "a b.pdf");
  CHECK(safe_file_name("http://h/100%25.txt") == "100%.txt");
  CHECK(safe_file_name("http://h/x.bin?fail=500&times=2#frag") == "x.bin");
  CHECK(safe_file_name("https://h:8443/caf%C3%A9.txt") == "caf\xC3\xA9.txt");
  CHECK(safe_file_name("http://h/bad%zzescape%4") == "bad%zzescape%4");
}

TEST_CASE("names never hold separators, control characters or a leading dot", "[naming]") {
  CHECK(safe_file_name("http://h/..%2F..%2Fetc%2Fpasswd") == "_.._etc_passwd");
  CHECK(safe_file_name("http://h/a%5Cb") == "a_b");
  CHECK(safe_file_name("http://h/a%0Ab%00c%7F") == "a_b_c_");
  CHECK(safe_file_name("http://h/.bashrc") == "bashrc");
  CHECK(safe_file_name("http://h/...hidden") == "hidden");
  for (const char* url : {"http://h/a/%2E%2E", "http://h/a/..", "http://h/."}) {
    const std::string name = safe_file_name(url);
    CHECK(name.find('/') == std::string::npos);
    CHECK(name.front() != '.');
    CHECK(name.rfind("download-", 0) == 0);
  }
}

TEST_CASE("hostile encodings stay inside one name", "[naming]") {
  CHECK(safe_file_name("http://h/%2e%2e%2f") == "_");
  CHECK(safe_file_name("http://h/%2e%2e%2f%2e%2e%2fx.sh") == "_.._x.sh");
  CHECK(safe_file_name("http://h/..%2F..%2F..%2Froot%2F.ssh%2Fauthorized_keys") == "_.._.._root_.ssh_authorized_keys");
  CHECK(safe_file_name("http://h/a%00.txt") == "a_.txt");
  CHECK(safe_file_name("http://h/%1B%5B31mred") == "_[31mred");
  CHECK(safe_file_name("http://h/%C2%9B31m") == "_31m");
  CHECK(safe_file_name("http://h/%FF%FE.bin") == "__.bin");
  CHECK(safe_file_name("http://h/%C0%AF") == "__");  // an overlong '/', not a separator
  // Only the path names a file: nothing in the host, user, query or fragment does.
  for (const char* url : {"http://h?x=/etc/passwd", "http://h#/etc/passwd", "http://u:p@h", "http://h?a/b/"}) {
    CHECK(safe_file_name(url).rfind("download-", 0) == 0);
  }
  const std::string long_name = safe_file_name("http://h/" + std::string(5000, 'a') + "%2F" + std::string(5000, 'b'));
  CHECK(long_name.size() == 200);
  CHECK(long_name.find('/') == std::string::npos);
}

TEST_CASE("an empty name falls back to one derived from the URL", "[naming]") {
  const std::string a = safe_file_name("http://h/");
  const std::string b = safe_file_name("http://h");
  const std::string c = safe_file_name("http://other/");
  CHECK(a.size() == 9 + 12);
  CHECK(a.rfind("download-", 0) == 0);
  CHECK(a != b);
  CHECK(a != c);
  CHECK(a == safe_file_name("http://h/"));  // deterministic
}

TEST_CASE("long names are cut without splitting a UTF-8 character", "[naming]") {
  std::string url = "http://h/";
  for (int i = 0; i < 150; ++i) url += "%C3%A9";  // 300 bytes of 'é'
  const std::string name = safe_file_name(url);
  CHECK(name.size() == 200);
  CHECK(name.substr(198) == "\xC3\xA9");
}

TEST_CASE("collisions get distinct names in list order", "[naming]") {
  const auto names = assign_file_names({"http://a/x.txt", "http://b/x.txt", "http://c/x.txt?v=2", "http://a/x-2.txt",
                                        "http://a/README", "http://b/README", "http://a/.x.txt"});
  REQUIRE(names.size() == 7);
  CHECK(names[0] == "x.txt");
  CHECK(names[1] == "x-2.txt");
  CHECK(names[2] == "x-3.txt");
  CHECK(names[3] == "x-2-2.txt");  // its own name was taken by the second URL
  CHECK(names[4] == "README");
  CHECK(names[5] == "README-2");
  CHECK(names[6] == "x-4.txt");
}

TEST_CASE("a URL whose own name looks like a collision suffix still gets a distinct name", "[naming]") {
  const auto names = assign_file_names({"http://h/x.bin", "http://h/x.bin?2", "http://h/x-2.bin", "http://h/X.bin"});
  CHECK(names == std::vector<std::string>{"x.bin", "x-2.bin", "x-2-2.bin", "X.bin"});
}

TEST_CASE("partial files are hidden and cannot collide with a final name", "[naming]") {
  CHECK(partial_name("x.txt") == ".x.txt.part");
}

TEST_CASE("{host} in an output folder becomes the node's host name, every time", "[naming]") {
  CHECK(expand_host_pattern("out/{host}", "node2") == "out/node2");
  CHECK(expand_host_pattern("{host}/x-{host}", "n1") == "n1/x-n1");
  CHECK(expand_host_pattern("out/{hos}/{}", "n1") == "out/{hos}/{}");
  CHECK(expand_host_pattern("", "n1").empty());
  CHECK(has_host_pattern("a/{host}"));
  CHECK_FALSE(has_host_pattern("a/{HOST}"));
}

TEST_CASE("percent_decode decodes only complete escapes", "[naming]") {
  CHECK(percent_decode("a%20b") == "a b");
  CHECK(percent_decode("%") == "%");
  CHECK(percent_decode("%4") == "%4");
  CHECK(percent_decode("%41%42") == "AB");
  CHECK(last_path_segment("http://h") == "");
  CHECK(last_path_segment("http://h/a/b/") == "");
  CHECK(last_path_segment("http://h/a/b?c=/d") == "b");
}
