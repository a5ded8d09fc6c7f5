// See host_status.h.
#include "host_status.h"

#include <sys/statvfs.h>
#include <sys/sysinfo.h>

#include <cerrno>
#include <cstring>

namespace gongkai {

HostStatus read_host_status(const std::string& dir) {
    HostStatus h;
    const std::string path = dir.empty() ? "." : dir;
    struct statvfs fs {};
    if (statvfs(path.c_str(), &fs) == 0) {
        h.disk_free_bytes = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
        h.disk_total_bytes = static_cast<std::uint64_t>(fs.f_blocks) * fs.f_frsize;
    } else {
        h.disk_error = path + ": " + std::strerror(errno);
    }
    struct sysinfo si {};
    if (sysinfo(&si) == 0) h.uptime_s = si.uptime;
    return h;
}

}  // namespace gongkai
