// A --numbers file of any bytes: never crashes; an error is one clean line
// naming the file; every number found is what parse_number says for its word.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

#include "invariants.hpp"
#include "io/number_parse.hpp"
#include "io/numbers_file.hpp"

using parakit::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream in(text);
  try {
    const auto numbers = parakit::parse_numbers(in, "numbers.txt");
    // Without comments, the count equals the number of words.
    if (text.find('#') == std::string::npos) {
      std::istringstream words(text);
      std::size_t count = 0;
      for (std::string word; words >> word;) {
        const auto parsed = parakit::parse_number(word);
        require(std::holds_alternative<parakit::ParsedNumber>(parsed), "a bad word was accepted", word);
        require(count < numbers.size() && numbers[count] == std::get<parakit::ParsedNumber>(parsed).value,
                "a number differs from parse_number of its word", word);
        ++count;
      }
      require(count == numbers.size(), "numbers found that are not words of the file");
    }
  } catch (const std::runtime_error& e) {
    const std::string_view message = e.what();
    parakit::fuzz::require_one_line(message);
    require(message.rfind("numbers.txt:", 0) == 0, "error does not name the file and line", message);
  }
  return 0;
}
