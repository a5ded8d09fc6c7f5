// Telling systemd how a Gongkai program is doing (sd_notify, libsystemd): READY=1 when it
// starts serving, STATUS= lines, and WATCHDOG=1 keep-alives. Every call is a no-op when
// no service manager listens (NOTIFY_SOCKET unset): a program run by hand, a test, a tool.
//
// Who pings matters more than how often: the keep-alive is sent from the thread whose
// progress it vouches for (the daemon's scheduler thread, the kiosk's frame loop), never
// from a timer thread of its own, which would go on pinging while that thread is stuck.
#pragma once
#include <atomic>
#include <chrono>
#include <string_view>

namespace gongkai {

// READY=1, with a STATUS= line if `status` is not empty.
void notify_ready(std::string_view status = {});
// STATUS=…: what `systemctl status` shows under the unit.
void notify_status(std::string_view status);

// The service's watchdog (WatchdogSec=): how often to ping, and the pinging.
//
// The interval is half of WATCHDOG_USEC, as sd_watchdog_enabled(3) advises, so one late
// ping is not yet a missed one. WATCHDOG_PID, when set, names the process systemd watches;
// besides that process, its direct child is accepted too: the kiosk runs under cage
// (gongkai-kiosk.service, NotifyAccess=all), and systemd's main process is cage, which
// passes its environment to the kiosk unchanged.
class ServiceWatchdog {
public:
    using Clock = std::chrono::steady_clock;

    // Reads the environment once. Zero interval: no watchdog, ping() does nothing.
    static ServiceWatchdog from_environment();
    explicit ServiceWatchdog(std::chrono::microseconds interval = {}) : interval_(interval) {}

    bool enabled() const { return interval_.count() > 0; }
    // Ping at least this often (half the timeout); zero when disabled.
    std::chrono::microseconds interval() const { return interval_; }

    // WATCHDOG=1, at most once a second (a progress callback or a busy frame loop may call
    // this hundreds of times a second; systemd needs one per interval). Safe from any
    // thread, but see the header comment on which thread should call it.
    void ping();

private:
    std::chrono::microseconds interval_;
    std::atomic<Clock::rep> last_ping_{0};  // steady-clock ticks of the last WATCHDOG=1 sent
};

}  // namespace gongkai
