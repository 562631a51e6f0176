// --jobs transfers in flight on one thread, through libcurl's multi interface:
// the event-loop model of asyncio, aria2 and curl --parallel. No thread waits
// on a socket; one poll call waits on all of them.
#include <algorithm>
#include <memory>

#include "drivers/download/drivers.hpp"
#include "drivers/download/worker.hpp"
#include "io/http/curl_handles.hpp"

namespace parakit::download {
namespace {

using Clock = std::chrono::steady_clock;

// Also how long a stop request may go unseen while every transfer is quiet.
constexpr int kIdlePollMs = 200;

// One of the --jobs places a transfer can occupy; a transfer keeps its slot
// while it waits to retry, as a thread would while it sleeps.
struct Slot {
  http::EasyHandle easy = http::make_easy();
  std::unique_ptr<http::Transfer> transfer;
  std::size_t index = 0;
  double start = 0.0;
  bool in_multi = false;
  Clock::time_point retry_at{};
};

}  // namespace

RankOutcome run_async(const Job& job, TaskSource& tasks, const PhaseClock& clock, int rank) {
  const http::MultiHandle multi = http::make_multi();
  std::vector<Slot> slots(static_cast<std::size_t>(job.jobs));
  RankOutcome outcome;
  bool tasks_left = true;

  auto finish = [&](Slot& slot, int worker) {
    outcome.records.push_back(make_record(job, slot.index, slot.transfer->result(), rank, worker, slot.start, clock.seconds()));
    slot.transfer.reset();
  };
  auto launch = [&](Slot& slot, int worker) {
    if (!slot.transfer->start_attempt(slot.easy.get())) {
      finish(slot, worker);
      return;
    }
    curl_easy_setopt(slot.easy.get(), CURLOPT_PRIVATE, &slot);
    curl_multi_add_handle(multi.get(), slot.easy.get());
    slot.in_multi = true;
  };
  // Handles still attached when leaving (an exception) must come off the multi
  // handle before either is cleaned up.
  struct Detach {
    CURLM* multi;
    std::vector<Slot>& slots;
    ~Detach() {
      for (Slot& s : slots) {
        if (s.in_multi) curl_multi_remove_handle(multi, s.easy.get());
      }
    }
  } detach{multi.get(), slots};

  while (true) {
    const Clock::time_point now = Clock::now();
    bool busy = false;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      Slot& slot = slots[i];
      const int worker = static_cast<int>(i);
      if (slot.transfer && !slot.in_multi && job.settings.stop && job.settings.stop->load()) {
        slot.transfer->abandon();  // waiting to retry while the run stops
        finish(slot, worker);
      }
      if (slot.transfer && !slot.in_multi && slot.retry_at <= now) launch(slot, worker);
      while (!slot.transfer && tasks_left) {
        const auto index = tasks.next();
        if (!index) {
          tasks_left = false;
          break;
        }
        slot.index = *index;
        slot.start = clock.seconds();
        slot.transfer = std::make_unique<http::Transfer>(request_for(job, *index), job.settings);
        launch(slot, worker);
      }
      busy = busy || slot.transfer;
    }
    if (!busy) break;

    int running = 0;
    curl_multi_perform(multi.get(), &running);
    bool finished_any = false;
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      Slot* slot = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char**>(&slot));
      curl_multi_remove_handle(multi.get(), easy);
      slot->in_multi = false;
      const auto wait = slot->transfer->finish_attempt(easy, code);
      if (wait) {
        slot->retry_at = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(*wait));
      } else {
        finish(*slot, static_cast<int>(slot - slots.data()));
        finished_any = true;
      }
    }
    if (finished_any) continue;  // refill the free slots before waiting again

    // Wait for a socket, but no longer than the earliest retry is due.
    int timeout_ms = kIdlePollMs;
    for (const Slot& slot : slots) {
      if (slot.transfer && !slot.in_multi) {
        const auto due = std::chrono::duration_cast<std::chrono::milliseconds>(slot.retry_at - Clock::now()).count();
        timeout_ms = std::clamp(static_cast<int>(due), 0, timeout_ms);
      }
    }
    curl_multi_poll(multi.get(), nullptr, 0, timeout_ms, nullptr);
  }
  return outcome;
}

}  // namespace parakit::download
