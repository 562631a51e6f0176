#include "io/http/url_list.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "io/bounded_line.hpp"
#include "io/http/display_text.hpp"
#include "io/http/sha256.hpp"
#include "io/printable.hpp"

namespace parakit::http {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlString {
  char* text = nullptr;
  ~CurlString() { curl_free(text); }
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

std::optional<std::string> url_problem(const std::string& raw_url) {
  // Messages quote the URL as it can be shown: no password, nothing a terminal obeys.
  const std::string url = for_display(raw_url);
  for (char c : raw_url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) return fmt::format("'{}' holds a space or control character (write it as %20)", url);
  }
  if (!is_valid_utf8(raw_url)) return fmt::format("'{}' is not valid UTF-8 (percent-encode other bytes, e.g. %FF)", url);
  // The scheme first, so "file://h/x" or "javascript:x" is refused for what it is,
  // before libcurl's parser finds something else wrong with it ("host:8080/x"
  // has no scheme: libcurl says it is not a URL).
  const std::size_t colon = raw_url.find(':');
  const bool port_follows = colon + 1 < raw_url.size() && std::isdigit(static_cast<unsigned char>(raw_url[colon + 1]));
  if (colon != std::string::npos && colon > 0 && !port_follows && std::isalpha(static_cast<unsigned char>(raw_url[0])) &&
      std::all_of(raw_url.begin(), raw_url.begin() + static_cast<std::ptrdiff_t>(colon), [](unsigned char c) {
        return std::isalnum(c) || c == '+' || c == '-' || c == '.';
      })) {
    const std::string scheme_name = lower(raw_url.substr(0, colon));
    if (scheme_name != "http" && scheme_name != "https") {
      return fmt::format("'{}' uses the {} scheme; only http and https are allowed", url, scheme_name);
    }
  }
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed) throw std::runtime_error("libcurl could not allocate a URL handle");
  if (CURLUcode rc = curl_url_set(parsed.get(), CURLUPART_URL, raw_url.c_str(), 0); rc != CURLUE_OK) {
    if (raw_url.find("://") == std::string::npos) return fmt::format("'{}' is not a URL (expected http://HOST/PATH or https://...)", url);
    return fmt::format("'{}' is not a valid URL ({})", url, curl_url_strerror(rc));
  }
  CurlString scheme, host;
  curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme.text, 0);
  const std::string scheme_name = lower(scheme.text ? scheme.text : "");
  if (scheme_name != "http" && scheme_name != "https") {
    return fmt::format("'{}' uses the {} scheme; only http and https are allowed", url, scheme_name);
  }
  if (curl_url_get(parsed.get(), CURLUPART_HOST, &host.text, 0) != CURLUE_OK || !host.text || !*host.text) {
    return fmt::format("'{}' has no host", url);
  }
  return std::nullopt;
}

std::vector<UrlEntry> parse_url_list(std::istream& in, const std::string& source) {
  std::vector<UrlEntry> entries;
  std::string line;
  for (int number = 1;; ++number) {
    try {
      if (!read_bounded_line(in, line)) break;
    } catch (const std::length_error&) {
      throw std::runtime_error(fmt::format("{}:{}: line longer than {} MiB; is this a list of URLs?", source, number,
                                           kMaxListLineBytes >> 20));
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();  // lists written on Windows
    std::istringstream words(line);
    std::string url;
    if (!(words >> url) || url.front() == '#') continue;
    auto fail = [&](const std::string& problem) {
      return std::runtime_error(fmt::format("{}:{}: {}", source, number, problem));
    };
    if (auto problem = url_problem(url)) throw fail(*problem);
    UrlEntry entry{url, ""};
    for (std::string word; words >> word;) {
      if (word.rfind("sha256=", 0) == 0 && entry.sha256.empty()) {
        entry.sha256 = lower(word.substr(7));
        if (!is_sha256_hex(entry.sha256)) throw fail(fmt::format("'{}' is not 64 hex digits", for_display(word)));
      } else {
        throw fail(fmt::format("unexpected '{}' after the URL (only sha256=HEX may follow)", for_display(word)));
      }
    }
    entries.push_back(std::move(entry));
  }
  if (in.bad()) throw std::runtime_error(fmt::format("{}: read error", source));
  if (entries.empty()) throw std::runtime_error(fmt::format("{}: no URLs in it", source));
  return entries;
}

std::vector<UrlEntry> read_url_list(const std::string& path) {
  if (path == "-") return parse_url_list(std::cin, "standard input");
  const std::string shown = printable(path);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw std::runtime_error(fmt::format("URL list '{}' is a directory", shown));
  std::ifstream file(path);
  if (!file) throw std::runtime_error(fmt::format("cannot read URL list '{}': {}", shown, std::strerror(errno)));
  return parse_url_list(file, shown);
}

}  // namespace parakit::http
