#include <catch2/catch.hpp>

#include <regex>

#include "io/trace/analysis.hpp"
#include "io/trace/chrome_trace.hpp"
#include "io/trace/clock_sync.hpp"
#include "io/trace/recorder.hpp"
#include "io/trace/svg_timeline.hpp"

using namespace parakit::trace;

namespace {

// Two ranks; rank r has `threads` workers, worker t busy for `busy[r][t]` seconds
// in one task starting at 1 s, plus a phase span per rank.
JobTrace synthetic_job(const std::vector<std::vector<double>>& busy) {
  JobTrace job;
  job.program = "synthetic";
  for (std::size_t r = 0; r < busy.size(); ++r) {
    RankTrace rank;
    rank.rank = static_cast<int>(r);
    rank.host = "node" + std::to_string(r);
    rank.tracks.push_back({TrackRole::phases, 0, "phases", {{"compute", "phase", 1.0, 5.0, {}}}});
    for (std::size_t t = 0; t < busy[r].size(); ++t) {
      rank.tracks.push_back({TrackRole::worker, static_cast<int>(t), "worker " + std::to_string(t),
                             {{"task", "task", 1.0, 1.0 + busy[r][t], {{"task", t}, {"bytes", 100}}}}});
    }
    job.ranks.push_back(std::move(rank));
  }
  return job;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a rank's trace survives the trip to rank 0 unchanged", "[trace]") {
  RankTrace rank;
  rank.rank = 3;
  rank.host = "n3";
  rank.clock_at_start = {1.5e-6, 2e-7};
  rank.tracks.push_back({TrackRole::worker, 1, "worker 1", {{"task 7", "task", 0.25, 0.5, {{"found", 12}}}}});
  rank.counters.push_back({"tasks left", 0.5, 9});
  const RankTrace back = rank_trace_from_json(nlohmann::json::from_msgpack(nlohmann::json::to_msgpack(to_json(rank))));
  CHECK(back.rank == 3);
  CHECK(back.host == "n3");
  CHECK(back.clock_at_start.seconds == 1.5e-6);
  CHECK(back.clock_at_start.error_bound == 2e-7);
  REQUIRE(back.tracks.size() == 1);
  CHECK(back.tracks[0].role == TrackRole::worker);
  CHECK(back.tracks[0].id == 1);
  REQUIRE(back.tracks[0].spans.size() == 1);
  CHECK(back.tracks[0].spans[0].name == "task 7");
  CHECK(back.tracks[0].spans[0].end == 0.5);
  CHECK(back.tracks[0].spans[0].args.at("found") == 12);
  REQUIRE(back.counters.size() == 1);
  CHECK(back.counters[0].value == 9);
}

TEST_CASE("the Chrome trace names ranks with their host and places spans in microseconds", "[trace]") {
  const nlohmann::json doc = to_chrome_trace(synthetic_job({{1.0}, {2.0, 0.5}}));
  const auto& events = doc.at("traceEvents");
  std::map<int, std::string> processes;
  int spans = 0;
  for (const auto& e : events) {
    if (e.at("ph") == "M" && e.at("name") == "process_name") processes[e.at("pid")] = e.at("args").at("name");
    if (e.at("ph") == "X" && e.at("pid") == 1 && e.at("tid") == chrome_tid(TrackRole::worker, 1)) {
      ++spans;
      CHECK(e.at("ts").get<double>() == Approx(1e6));
      CHECK(e.at("dur").get<double>() == Approx(0.5e6));
      CHECK(e.at("cat") == "task");
      CHECK(e.at("args").at("task") == 1);
    }
  }
  CHECK(processes == std::map<int, std::string>{{0, "rank 0 (node0)"}, {1, "rank 1 (node1)"}});
  CHECK(spans == 1);
}

TEST_CASE("imbalance is the slowest worker's busy time against the mean", "[trace]") {
  const WorkerSpread s = worker_spread(synthetic_job({{3.0, 1.0}, {1.0, 1.0}}));
  CHECK(s.workers == 4);
  CHECK(s.slowest_busy == Approx(3.0));
  CHECK(s.mean_busy == Approx(1.5));
  CHECK(s.imbalance == Approx(1.0));
  // Window [1, 4] s for 4 workers = 12 worker-seconds, 6 of them busy.
  CHECK(s.idle_fraction == Approx(0.5));
}

TEST_CASE("waiting in MPI does not count as busy", "[trace]") {
  JobTrace job = synthetic_job({{1.0, 1.0}});
  job.ranks[0].tracks[1].spans.push_back({"wait for next task", "mpi", 2.0, 4.0, {}});
  const WorkerSpread s = worker_spread(job);
  CHECK(s.slowest_busy == Approx(1.0));
  CHECK(s.imbalance == Approx(0.0));
  CHECK(s.window_end == Approx(2.0));
}

TEST_CASE("tasks left counts down to zero at each task's end", "[trace]") {
  JobTrace job = synthetic_job({{3.0, 1.0}, {2.0}});
  add_countdown_counter(job, "task", "tasks left");
  const auto& c = job.ranks[0].counters;
  REQUIRE(c.size() == 4);
  CHECK(c[0].time == 1.0);
  CHECK(c[0].value == 3);
  CHECK(c[1].time == 2.0);
  CHECK(c[2].time == 3.0);
  CHECK(c[3].time == 4.0);
  CHECK(c[3].value == 0);
}

TEST_CASE("a rate counter integrates back to the bytes moved", "[trace]") {
  JobTrace job = synthetic_job({{3.0, 1.0}, {2.0, 0.5}});
  add_rate_counter(job, "task", "bytes", "bytes/s", 12);
  const auto& c = job.ranks[0].counters;
  REQUIRE(c.size() == 13);
  double moved = 0.0;
  for (std::size_t i = 0; i + 1 < c.size(); ++i) moved += c[i].value * (c[i + 1].time - c[i].time);
  CHECK(moved == Approx(400.0));
}

TEST_CASE("the SVG has one row per worker, escapes text and states the imbalance", "[trace]") {
  JobTrace job = synthetic_job({{3.0, 1.0, 1.0}, {1.0, 1.0, 1.0}});
  job.ranks[1].tracks[1].spans[0].name = "a <b> & \"c\"";
  TimelineOptions look;
  look.title = "title with <angle> & amp";
  look.width_px = 800;
  const std::string svg = render_timeline_svg(job, look);
  CHECK(count(svg, "<g class=\"worker\"") == 6);
  CHECK(count(svg, "class=\"bar\"") == 6);
  CHECK(svg.find("a &lt;b&gt; &amp; &quot;c&quot;") != std::string::npos);
  CHECK(svg.find("title with &lt;angle&gt; &amp; amp") != std::string::npos);
  CHECK(svg.find("a <b>") == std::string::npos);
  // Mean busy 8/6 s, slowest 3 s: 125% above the mean.
  CHECK(svg.find("imbalance 125.0%") != std::string::npos);
}

TEST_CASE("thousands of sub-pixel tasks are merged into few bars", "[trace]") {
  JobTrace job = synthetic_job({{1.0}});
  auto& spans = job.ranks[0].tracks[1].spans;
  spans.clear();
  for (int i = 0; i < 100000; ++i) spans.push_back({"t", "task", i * 1e-5, (i + 1) * 1e-5, {}});
  const std::string svg = render_timeline_svg(job);
  CHECK(count(svg, "class=\"bar\"") < 2000);
  CHECK(svg.find("100000 task spans") != std::string::npos);
}

TEST_CASE("clock offsets are interpolated between the two measurements", "[trace]") {
  const MeasuredOffset start{1000, 10}, end{3000, 10};
  CHECK(interpolate_offset(start, 0, end, 100, 0) == 1000);
  CHECK(interpolate_offset(start, 0, end, 100, 50) == 2000);
  CHECK(interpolate_offset(start, 0, end, 100, 100) == 3000);
  CHECK(interpolate_offset(start, 5, end, 5, 50) == 1000);  // no time between them: no drift estimate
}

TEST_CASE("a disabled buffer records nothing", "[trace]") {
  TrackBuffer off(TrackRole::worker, 0, "w", false);
  off.span("x", "task", 1, 2);
  off.counter("c", 1, 1.0);
  CHECK(off.spans().empty());
  CHECK(off.counters().empty());
  TrackBuffer on(TrackRole::worker, 0, "w", true);
  on.span("x", "task", 1, 2, {{"k", 1}});
  REQUIRE(on.spans().size() == 1);
  CHECK(on.spans()[0].end_ns == 2);
}
