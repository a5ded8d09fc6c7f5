// The daemon's clock: runs its periodic jobs — pull the catalogue, send a heartbeat, and
// (with the outbox) push residents' feedback — each on its own interval with its own
// backoff, one at a time on the daemon's thread. A failing job's backoff never moves
// another job's schedule; a job that runs long delays the next by at most its own bound
// (every transfer has a total timeout; a heartbeat's is 60 s).
//
//   start ─▶ every job due at once
//   loop:  sleep until the earliest next_due (waking every 200 ms to notice a stop and
//          to call `alive`: the daemon's watchdog ping, from this thread)
//          run each due job:
//            ok     ─▶ failures = 0;  next_due = now + interval × U(0.9, 1.1)
//            failed ─▶ failures + 1;  next_due = now + U(cap/2, cap),
//                                     cap = min(interval, backoff_base × 2^(failures−1))
//
// Jitter spreads a fleet restarted together (a power cut across a district) instead of
// having every kiosk poll in lockstep; full jitter on failure does the same for retries
// against a server that just came back.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "net_errors.h"

namespace gongkai {

struct JobPolicy {
    double interval_s = 300;
    // First retry after at most 30 s: long enough not to hammer a server that is down,
    // short enough that a blip costs a resident nothing.
    double backoff_base_s = 30;
};

class Scheduler {
public:
    using Clock = std::chrono::steady_clock;
    using Job = std::function<Error()>;

    struct JobState {
        std::string name;
        JobPolicy policy;
        Job run;
        Clock::time_point next_due;
        int failures = 0;  // in a row
        int runs = 0;
        Error last_error;
    };

    explicit Scheduler(std::uint64_t seed = std::random_device{}()) : rng_(seed) {}

    // Adds a job, due at `first_due` (default: at once).
    void add(std::string name, JobPolicy policy, Job run, Clock::time_point first_due = Clock::now());
    // Runs every job due at `now` (none after `stop` is set); returns when the next is due.
    Clock::time_point run_due(Clock::time_point now, const std::atomic<bool>* stop = nullptr,
                              const std::function<void()>& alive = {}, const std::function<void(const JobState&)>& done = {});
    // Makes the job named `name` due at once (staff asked for it): its failure count and
    // backoff are kept; the next run_due runs it. False for no such job.
    bool run_now(const std::string& name);
    // Runs jobs as they fall due until `stop` is set. `alive` (may be empty) is called on
    // this thread at every wake — at least every 200 ms — and before and after each job;
    // `done` after each job, with its state (the daemon's STATUS= line).
    void run(const std::atomic<bool>& stop, const std::function<void()>& alive = {},
             const std::function<void(const JobState&)>& done = {});

    const std::vector<JobState>& jobs() const { return jobs_; }

    // The wait before the next run: `u` is a uniform sample in [0, 1).
    static double next_delay_s(const JobPolicy& policy, int failures, double u);

private:
    std::vector<JobState> jobs_;
    std::mt19937_64 rng_;
};

}  // namespace gongkai
