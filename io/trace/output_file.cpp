#include "io/trace/output_file.hpp"

#include "io/atomic_file.hpp"

namespace parakit::trace {

void write_text_file(const std::filesystem::path& path, std::string_view text) { write_file_atomically(path, text); }

}  // namespace parakit::trace
