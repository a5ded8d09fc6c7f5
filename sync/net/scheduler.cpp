// See scheduler.h.
#include "scheduler.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "log.h"

namespace gongkai {

double Scheduler::next_delay_s(const JobPolicy& p, int failures, double u) {
    if (failures == 0) return p.interval_s * (0.9 + 0.2 * u);
    // 2^10 × 30 s is 8.5 hours: past any interval a device is configured with.
    const int doublings = std::min(failures - 1, 10);
    const double cap = std::min(p.interval_s, p.backoff_base_s * std::ldexp(1.0, doublings));
    return cap * (0.5 + 0.5 * u);
}

void Scheduler::add(std::string name, JobPolicy policy, Job run, Clock::time_point first_due) {
    jobs_.push_back(JobState{std::move(name), policy, std::move(run), first_due});
}

Scheduler::Clock::time_point Scheduler::run_due(Clock::time_point now, const std::atomic<bool>* stop,
                                                const std::function<void()>& alive,
                                                const std::function<void(const JobState&)>& done) {
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    Clock::time_point next = Clock::time_point::max();
    for (JobState& job : jobs_) {
        if (job.next_due <= now && !(stop && *stop)) {
            if (alive) alive();
            job.last_error = job.run();
            if (alive) alive();
            job.runs++;
            if (job.last_error) {
                job.failures = std::min(job.failures + 1, 1000);
                log_warn("scheduler", job.name + " failed (" + std::to_string(job.failures) + " in a row): " +
                                          job.last_error.describe());
            } else {
                job.failures = 0;
            }
            const double delay = next_delay_s(job.policy, job.failures, uniform(rng_));
            job.next_due = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(delay));
            if (done) done(job);
        }
    }
    // After every job ran: one of them may have made another due (run_now).
    for (const JobState& job : jobs_) next = std::min(next, job.next_due);
    return next;
}

bool Scheduler::run_now(const std::string& name) {
    for (JobState& job : jobs_)
        if (job.name == name) {
            job.next_due = Clock::now();
            return true;
        }
    return false;
}

void Scheduler::run(const std::atomic<bool>& stop, const std::function<void()>& alive,
                    const std::function<void(const JobState&)>& done) {
    // 200 ms: SIGTERM is answered well inside systemd's default 90-s stop timeout, and an
    // idle daemon wakes five times a second at most. It is also far inside any watchdog
    // interval (WatchdogSec=60 in gongkai-sync.service: a ping is due every 30 s).
    constexpr auto kStopCheck = std::chrono::milliseconds(200);
    while (!stop) {
        Clock::time_point next = run_due(Clock::now(), &stop, alive, done);
        while (!stop && Clock::now() < next) {
            if (alive) alive();
            std::this_thread::sleep_for(std::min<Clock::duration>(kStopCheck, next - Clock::now()));
        }
    }
}

}  // namespace gongkai
