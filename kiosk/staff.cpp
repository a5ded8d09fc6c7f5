// See staff.h.
#include "staff.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cache.h"
#include "host_status.h"
#include "kiosk_errors.h"
#include "outbox.h"

namespace gongkai {

StaffGesture::Tap StaffGesture::down(float x, float y, float corner_px, std::uint64_t now_ms) {
    if (x < 0 || y < 0 || x >= corner_px || y >= corner_px) {
        taps_.clear();
        return Tap::Elsewhere;
    }
    while (!taps_.empty() && now_ms - taps_.front() > kStaffGestureWindowMs) taps_.pop_front();
    taps_.push_back(now_ms);
    if (taps_.size() >= static_cast<size_t>(kStaffGestureTaps)) {
        taps_.clear();
        return Tap::Open;
    }
    return taps_.size() > static_cast<size_t>(kStaffGesturePassTaps) ? Tap::Swallowed : Tap::Counted;
}

Error check_pin_format(std::string_view pin) {
    if (pin.size() < kPinMinDigits || pin.size() > kPinMaxDigits)
        return make_error(KioskError::PinInvalid, "it has " + std::to_string(pin.size()) + " characters");
    for (char c : pin)
        if (c < '0' || c > '9') return make_error(KioskError::PinInvalid, "it holds a character that is not a digit 0-9");
    return {};
}

Result<std::string> hash_pin(std::string_view pin) {
    if (Error e = check_pin_format(pin)) return e;
    if (sodium_init() < 0) return make_error(KioskError::PinHashFailed, "libsodium failed to initialise");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return make_error(KioskError::PinHashFailed, "crypto_pwhash_str failed");
    return std::string(out);
}

bool looks_like_pin_hash(std::string_view hash) {
    return hash.starts_with("$argon2id$") && hash.size() < crypto_pwhash_STRBYTES;
}

bool verify_pin(const std::string& hash, std::string_view pin) {
    if (!looks_like_pin_hash(hash) || sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

int pin_lock_seconds(int failures) {
    if (failures < kPinLockAfterFailures) return 0;
    // 2^7 × 30 s is past the cap: no shift overflows whatever the count.
    const int doublings = std::min(failures - kPinLockAfterFailures, 7);
    return std::min(kPinMaxLockS, kPinFirstLockS << doublings);
}

std::int64_t PinLockout::seconds_left(std::int64_t now_s) {
    if (locked_until_s <= now_s) return 0;
    // A lock further off than the cap was set while the clock ran ahead (an RTC-less board
    // before NTP corrected it), or written by no kiosk: it is re-anchored at the cap from
    // now, so it ends — it would otherwise hold until the wrong date came round again.
    if (locked_until_s - now_s > kPinMaxLockS) locked_until_s = now_s + kPinMaxLockS;
    return locked_until_s - now_s;
}

void PinLockout::wrong(std::int64_t now_s) {
    failures = std::min(failures + 1, 1000);
    const int lock = pin_lock_seconds(failures);
    if (lock > 0) locked_until_s = now_s + lock;
}

PinLockout read_pin_lockout(Cache& cache) {
    PinLockout l;
    auto failures = cache.state(kStateStaffPinFailures);
    auto until = cache.state(kStateStaffLockedUntil);
    // Each key on its own: a value no kiosk wrote counts as none for that key only.
    try {
        if (failures && !failures->empty()) l.failures = static_cast<int>(std::clamp<long long>(std::stoll(*failures), 0, 1000));
    } catch (const std::exception&) {
    }
    try {
        if (until && !until->empty()) l.locked_until_s = std::stoll(*until);
    } catch (const std::exception&) {
    }
    return l;
}

void PinCheck::start(std::string hash, std::string pin) {
    pending_ = std::async(std::launch::async, [hash = std::move(hash), pin = std::move(pin)] { return verify_pin(hash, pin); });
}

int PinCheck::poll() {
    if (!pending_.valid() || pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return -1;
    return pending_.get() ? 1 : 0;
}

//-----------------------------------------------------------------------------
// Status
//-----------------------------------------------------------------------------

static std::vector<std::string> interface_addresses() {
    std::vector<std::string> out;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return {std::string("getifaddrs: ") + std::strerror(errno)};
    for (ifaddrs* a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || (a->ifa_flags & IFF_LOOPBACK)) continue;
        char text[INET6_ADDRSTRLEN] = {};
        if (a->ifa_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr, text, sizeof text);
        else if (a->ifa_addr->sa_family == AF_INET6) {
            const in6_addr& addr = reinterpret_cast<sockaddr_in6*>(a->ifa_addr)->sin6_addr;
            if (IN6_IS_ADDR_LINKLOCAL(&addr)) continue;  // fe80:: is on every interface and reaches nothing beyond it
            inet_ntop(AF_INET6, &addr, text, sizeof text);
        } else {
            continue;
        }
        out.push_back(std::string(a->ifa_name) + " " + text);
    }
    freeifaddrs(list);
    return out;
}

StaffStatus read_staff_status(Cache& cache, std::int64_t now_s) {
    StaffStatus s;
    s.version = GONGKAI_VERSION;
    if (auto info = cache.info()) {
        s.catalogue = true;
        s.catalogue_version = info->version;
        s.catalogue_items = info->items;
        s.catalogue_source = info->source;
        s.catalogue_created = info->created;
        s.catalogue_installed_at = info->installed_at;
    } else {
        s.catalogue_error = info.error().describe();
    }
    s.stale = catalogue_is_stale(cache, static_cast<std::time_t>(now_s));
    auto text = [&](const char* key) {
        auto v = cache.state(key);
        return v ? *v : v.error().describe();
    };
    s.last_success = text(kStateLastSuccess);
    s.last_attempt = text(kStateLastAttempt);
    s.last_error = text(kStateLastError);
    s.sync_requested_at = text(kStateSyncRequested);
    if (auto stats = outbox_stats(cache)) s.outbox_records = stats->records;
    else s.outbox_error = stats.error().describe();
    // The cache's file system: where the catalogue, the outbox and the log of the device live.
    // An in-memory cache is on none: the root's stands in.
    const std::string dir = cache.path() == ":memory:" ? "/" : std::filesystem::path(cache.path()).parent_path().string();
    const HostStatus host = read_host_status(dir);
    s.disk_free_bytes = host.disk_free_bytes;
    s.disk_total_bytes = host.disk_total_bytes;
    s.disk_error = host.disk_error;
    s.system_uptime_s = host.uptime_s;
    s.addresses = interface_addresses();
    return s;
}

}  // namespace gongkai
