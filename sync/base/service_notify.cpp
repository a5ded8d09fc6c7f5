// See service_notify.h.
#include "service_notify.h"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace gongkai {

namespace {

bool notify_socket_set() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    return socket && *socket;
}

// Lines go out as one datagram; a newline inside `status` would start a field of its own.
std::string one_line(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c == '\n' || c == '\r') c = ' ';
    return out;
}

}  // namespace

void notify_ready(std::string_view status) {
    if (!notify_socket_set()) return;
    std::string message = "READY=1";
    if (!status.empty()) message += "\nSTATUS=" + one_line(status);
    sd_notify(0, message.c_str());
}

void notify_status(std::string_view status) {
    if (!notify_socket_set()) return;
    sd_notify(0, ("STATUS=" + one_line(status)).c_str());
}

ServiceWatchdog ServiceWatchdog::from_environment() {
    if (!notify_socket_set()) return ServiceWatchdog{};
    uint64_t usec = 0;
    // 0: no watchdog, or one meant for another process (WATCHDOG_PID is not us).
    if (sd_watchdog_enabled(0, &usec) > 0) return ServiceWatchdog{std::chrono::microseconds(usec / 2)};
    // Our parent is the watched main process (the kiosk under cage): the keep-alive is ours.
    const char* pid = std::getenv("WATCHDOG_PID");
    const char* timeout = std::getenv("WATCHDOG_USEC");
    if (!pid || !timeout) return ServiceWatchdog{};
    char* end = nullptr;
    const long long watched = std::strtoll(pid, &end, 10);
    if (*end != '\0' || watched != static_cast<long long>(getppid())) return ServiceWatchdog{};
    const unsigned long long us = std::strtoull(timeout, &end, 10);
    if (*end != '\0' || us == 0) return ServiceWatchdog{};
    return ServiceWatchdog{std::chrono::microseconds(us / 2)};
}

void ServiceWatchdog::ping() {
    if (!enabled()) return;
    // Once a second at most: even the 2-s watchdog of the tests gets a ping per interval,
    // and a transfer's progress callback does not turn into a datagram per callback.
    constexpr auto kMinGap = std::chrono::seconds(1);
    const Clock::rep now = Clock::now().time_since_epoch().count();
    Clock::rep last = last_ping_.load(std::memory_order_relaxed);
    if (last != 0 && Clock::duration(now - last) < std::min<Clock::duration>(kMinGap, interval_)) return;
    if (!last_ping_.compare_exchange_strong(last, now, std::memory_order_relaxed)) return;  // another thread just pinged
    sd_notify(0, "WATCHDOG=1");
}

}  // namespace gongkai
