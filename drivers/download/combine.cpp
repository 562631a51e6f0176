#include "drivers/download/combine.hpp"

#include <algorithm>

namespace parakit::download {

nlohmann::json to_json(const FileRecord& r) {
  return {{"index", r.index},     {"url", r.url},       {"path", r.path},
          {"status", r.ok ? "ok" : (r.interrupted ? "interrupted" : "failed")},
          {"already_saved", r.already_saved},           {"bytes", r.bytes},
          {"sha256", r.sha256},   {"attempts", r.attempts}, {"error", r.error},
          {"http_status", r.http_status},               {"resumed_from", r.resumed_from},
          {"rank", r.rank},       {"worker", r.worker}, {"start", r.start},
          {"end", r.end}};
}

FileRecord record_from_json(const nlohmann::json& j) {
  FileRecord r;
  r.index = j.at("index").get<std::size_t>();
  r.url = j.at("url").get<std::string>();
  r.path = j.at("path").get<std::string>();
  r.ok = j.at("status") == "ok";
  r.interrupted = j.at("status") == "interrupted";
  r.already_saved = j.at("already_saved").get<bool>();
  r.bytes = j.at("bytes").get<std::uint64_t>();
  r.sha256 = j.at("sha256").get<std::string>();
  r.attempts = j.at("attempts").get<int>();
  r.error = j.at("error").get<std::string>();
  r.http_status = j.at("http_status").get<long>();
  r.resumed_from = j.at("resumed_from").get<std::uint64_t>();
  r.rank = j.at("rank").get<int>();
  r.worker = j.at("worker").get<int>();
  r.start = j.at("start").get<double>();
  r.end = j.at("end").get<double>();
  return r;
}

std::vector<FileRecord> combine(const RankOutcome& outcome, MPI_Comm comm) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  // A few hundred bytes per file: JSON keeps the gather simple and the records
  // extensible, and costs nothing next to the downloads.
  nlohmann::json mine = nlohmann::json::array();
  for (const FileRecord& r : outcome.records) mine.push_back(to_json(r));
  const std::string text = mine.dump();
  int length = static_cast<int>(text.size());
  std::vector<int> lengths(static_cast<std::size_t>(size)), offsets(static_cast<std::size_t>(size));
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, comm);
  std::string all;
  if (rank == 0) {
    for (int r = 1; r < size; ++r) offsets[r] = offsets[r - 1] + lengths[r - 1];
    all.resize(static_cast<std::size_t>(offsets.back() + lengths.back()));
  }
  MPI_Gatherv(text.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0, comm);

  std::vector<FileRecord> records;
  if (rank != 0) return records;
  for (int r = 0; r < size; ++r) {
    const auto piece = nlohmann::json::parse(all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(lengths[r])));
    for (const auto& j : piece) records.push_back(record_from_json(j));
  }
  std::sort(records.begin(), records.end(), [](const FileRecord& a, const FileRecord& b) { return a.index < b.index; });
  return records;
}

}  // namespace parakit::download
