// What a device says of the machine it runs on: the space left on a file system and the
// time since boot. The staff panel shows it (kiosk/staff.cpp) and the heartbeat reports it
// to the office (sync/net/heartbeat.cpp).
#pragma once
#include <cstdint>
#include <string>

namespace gongkai {

struct HostStatus {
    // statvfs(2): f_bavail, the blocks an unprivileged process may still use (not root's
    // reserve, which the kiosk's user cannot write to), and f_blocks, the whole file system.
    std::uint64_t disk_free_bytes = 0, disk_total_bytes = 0;
    std::string disk_error;       // "<dir>: <strerror>" when statvfs failed; the sizes are then 0
    std::int64_t uptime_s = -1;   // sysinfo(2)'s seconds since boot; -1 when it failed
};

// The file system holding the directory `dir` (empty: the working directory, as for a
// cache path with no directory part), and the system's uptime.
HostStatus read_host_status(const std::string& dir);

}  // namespace gongkai
