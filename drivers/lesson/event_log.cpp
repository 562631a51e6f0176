#include "drivers/lesson/event_log.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace parakit::lesson {

std::string EventLog::render(std::size_t limit) const {
  const auto all = events();
  std::size_t width = 0;
  for (const auto& event : all) width = std::max(width, event.who.size());
  std::string text;
  const std::size_t shown = std::min(limit, all.size());
  for (std::size_t i = 0; i < shown; ++i)
    text += fmt::format("  {:8.1f} ms  {:<{}}  {}\n", all[i].ms, all[i].who, width, all[i].what);
  if (shown < all.size()) text += fmt::format("  ... {} more events (all of them are in --json)\n", all.size() - shown);
  return text;
}

nlohmann::json EventLog::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& event : events()) list.push_back({{"ms", event.ms}, {"who", event.who}, {"what", event.what}});
  return list;
}

}  // namespace parakit::lesson
