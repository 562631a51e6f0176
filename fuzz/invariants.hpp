#pragma once

#include <string_view>

namespace parakit::fuzz {

// Stops the fuzzer (abort, so libFuzzer saves the input) when `holds` is false.
void require(bool holds, std::string_view what, std::string_view detail = {});

// An error message a user sees: one non-empty line, no control characters.
void require_one_line(std::string_view message);

}  // namespace parakit::fuzz
