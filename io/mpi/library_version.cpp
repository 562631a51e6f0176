#include "io/mpi/library_version.hpp"

#include <mpi.h>

#include <fmt/format.h>
#include <optional>

namespace parakit {
namespace {

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

// The value of the line "KEY: value" (MPICH separates them with a tab).
std::optional<std::string_view> field(std::string_view text, std::string_view key) {
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    if (line.starts_with(key) && line.substr(key.size()).starts_with(':')) return trim(line.substr(key.size() + 1));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return std::nullopt;
}

}  // namespace

std::string summarise_mpi_library(std::string_view library_version) {
  const std::string_view text = trim(library_version);
  const std::string_view first = trim(text.substr(0, text.find('\n')));
  // "MPICH Version:\t4.0.2": the family's name is what comes before " Version:".
  const std::size_t marker = first.find(" Version:");
  if (marker != std::string_view::npos && marker > 0 && first.find(' ') == marker) {
    const std::string name(first.substr(0, marker));
    const std::string_view version = trim(first.substr(marker + std::string_view(" Version:").size()));
    const auto device = field(text, name + " Device");
    if (device && !device->empty()) return fmt::format("{} {} ({})", name, version, *device);
    return fmt::format("{} {}", name, version);
  }
  return std::string(first);
}

std::string mpi_library_name() {
  char library[MPI_MAX_LIBRARY_VERSION_STRING] = {};
  int length = 0;
  MPI_Get_library_version(library, &length);
  return summarise_mpi_library(std::string_view(library, static_cast<std::size_t>(length)));
}

std::string mpi_standard_version() {
  int major = 0, minor = 0;
  MPI_Get_version(&major, &minor);
  return fmt::format("{}.{}", major, minor);
}

std::string mpi_version_line() {
  return fmt::format("MPI: {} (MPI standard {})", mpi_library_name(), mpi_standard_version());
}

}  // namespace parakit
