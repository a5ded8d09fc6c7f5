// systemd's notify protocol, for real: a unix datagram socket stands in for systemd's
// NOTIFY_SOCKET, the real gongkai-sync and gongkai-kiosk are spawned with NOTIFY_SOCKET and
// WATCHDOG_USEC set as systemd sets them (gongkai-sync.service, gongkai-kiosk.service),
// and what they send is read back: READY=1, STATUS= lines, and WATCHDOG=1 keep-alives
// that stop when the process is frozen (SIGSTOP) and come back when it thaws.
//
// No assertion depends on timing: counts of messages within generous bounds, and a
// stopped process (waitpid WUNTRACED confirms it) that sends nothing at all.
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "bundle.h"
#include "clock.h"
#include "demo_catalogue.h"
#include "manifest.h"
#include "minisign.h"
#include "nginx_fixture.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// What systemd listens on: a datagram socket; every datagram is one notification of
// newline-separated VAR=value fields.
struct NotifySocket {
    TempDir dir;
    std::string path = dir.file("notify");
    int fd = -1;
    std::vector<std::string> fields;  // every field received, in order

    NotifySocket() {
        fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        REQUIRE(path.size() < sizeof addr.sun_path);
        std::copy(path.begin(), path.end(), addr.sun_path);
        REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    }
    ~NotifySocket() { close(fd); }

    // Reads what arrives within `wait`; returns the fields of this read.
    std::vector<std::string> read_for(Clock::duration wait) {
        std::vector<std::string> got;
        const Clock::time_point end = Clock::now() + wait;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(std::max<long long>(left, 0))) <= 0) break;
            char buf[4096];
            ssize_t n = recv(fd, buf, sizeof buf, 0);
            if (n <= 0) break;
            std::string datagram(buf, static_cast<size_t>(n));
            for (size_t start = 0; start <= datagram.size();) {
                size_t nl = datagram.find('\n', start);
                if (nl == std::string::npos) nl = datagram.size();
                if (nl > start) got.push_back(datagram.substr(start, nl - start));
                start = nl + 1;
            }
        }
        fields.insert(fields.end(), got.begin(), got.end());
        return got;
    }
    // Reads until `done` says so (true) or `limit` passes (false).
    bool read_until(const std::function<bool()>& done, Clock::duration limit) {
        const Clock::time_point end = Clock::now() + limit;
        while (!done()) {
            if (Clock::now() >= end) return false;
            read_for(200ms);
        }
        return true;
    }
    int count(const std::string& field) const { return static_cast<int>(std::count(fields.begin(), fields.end(), field)); }
    bool has_prefix(const std::string& prefix) const {
        for (auto& f : fields)
            if (f.rfind(prefix, 0) == 0) return true;
        return false;
    }
    std::string all() const {
        std::string s;
        for (auto& f : fields) s += f + "\n";
        return s;
    }
};

// Starts `binary` with `args` and these extra environment variables, output to /dev/null.
pid_t spawn_with_env(std::string binary, std::vector<std::string> args, std::vector<std::pair<std::string, std::string>> env) {
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        for (auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> argv{binary.data()};
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

// Freezes `pid` and returns once the kernel says it is stopped (so nothing it sends can
// still be on its way), then drops what it sent before.
void freeze(pid_t pid, NotifySocket& notify) {
    REQUIRE(kill(pid, SIGSTOP) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, WUNTRACED) == pid);
    REQUIRE(WIFSTOPPED(status));
    notify.read_for(100ms);
    notify.fields.clear();
}

void thaw(pid_t pid) { REQUIRE(kill(pid, SIGCONT) == 0); }

// SIGTERM, then the exit status; SIGKILL after 30 s of waiting (a test must end).
int stop(pid_t pid) {
    kill(pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 300; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid) return status;
        std::this_thread::sleep_for(100ms);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return status;
}

// A pull that fails at once: a closed port on the loopback (connection refused).
std::string refused_url() { return "https://127.0.0.1:" + std::to_string(free_port()) + "/"; }
constexpr const char* kSomeKey = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";

}  // namespace

TEST_CASE("gongkai-sync's daemon says READY=1, a STATUS= line after each cycle, and WATCHDOG=1 while its thread runs",
          "[notify][daemon]") {
    NotifySocket notify;
    TempDir device;
    write_file(device.file("gongkai.toml"), "[cache]\npath = \"" + device.file("cache.db") + "\"\n[sync]\nurl = \"" + refused_url() +
                                                "\"\ntrusted_keys = [\"" + kSomeKey + "\"]\n");
    // 2 s: a ping is due every second — many pings within the bounds below.
    pid_t pid = spawn_with_env(GONGKAI_SYNC_BINARY, {"--config", device.file("gongkai.toml")},
                               {{"NOTIFY_SOCKET", notify.path}, {"WATCHDOG_USEC", "2000000"}});
    REQUIRE(pid > 0);
    const bool pinged = notify.read_until([&] { return notify.count("WATCHDOG=1") >= 3 && notify.has_prefix("STATUS=pull failed"); }, 60s);
    INFO(notify.all());
    REQUIRE(pinged);
    CHECK(notify.fields.front() == "READY=1");  // nothing before it
    CHECK(notify.count("READY=1") == 1);
    CHECK(notify.has_prefix("STATUS=pull failed (1 in a row): NetConnect"));

    // Frozen, it says nothing: systemd would kill it after WatchdogSec.
    freeze(pid, notify);
    notify.read_for(3s);  // three intervals' worth
    CHECK(notify.count("WATCHDOG=1") == 0);
    // Thawed, it pings again.
    thaw(pid);
    CHECK(notify.read_until([&] { return notify.count("WATCHDOG=1") >= 2; }, 60s));

    const int status = stop(pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    notify.read_for(200ms);  // what it said on its way out is queued on the socket
    CHECK(notify.count("STATUS=stopping") == 1);
}

TEST_CASE("gongkai-sync pings the watchdog from curl's progress callback through a download longer than the watchdog interval",
          "[notify][daemon][nginx]") {
    // The scheduler's thread runs the pull itself, so between the ping before the job and
    // the one after it only the transfer's progress callback can vouch for the daemon.
    Nginx nginx;
    auto key = minisign::generate();
    auto catalogue = decode_bundle(demo_bundle());
    REQUIRE(catalogue);
    catalogue->items.resize(6);  // a bundle of ~2 KB: ~8 s at slow-bundles/'s 256 bytes/s
    catalogue->version = 7;
    const std::string bundle = encode_bundle(*catalogue);
    REQUIRE(bundle.size() > 1024);
    Manifest m;
    m.version = 7;
    m.created = format_rfc3339_utc(std::time(nullptr));
    m.expires = format_rfc3339_utc(std::time(nullptr) + 86400);
    m.bundle_sha256 = sha256_hex(bundle);
    m.bundle_size = bundle.size();
    m.bundle_path = "slow-bundles/b.bundle";
    write_file(nginx.site_dir("site") + "/" + m.bundle_path, bundle);
    const std::string text = manifest_to_json(m);
    write_file(nginx.site_dir("site") + "/manifest.json", text);
    write_file(nginx.site_dir("site") + "/manifest.json.minisig", minisign::sign(key, text, "t"));

    NotifySocket notify;
    TempDir device;
    write_file(device.file("gongkai.toml"), "[cache]\npath = \"" + device.file("cache.db") + "\"\n[sync]\nurl = \"" +
                                                nginx.url("site/") + "\"\nca_file = \"" + TestPki::get().ca +
                                                "\"\nlow_speed_bytes_per_s = 1\ntrusted_keys = [\"" +
                                                minisign::public_key_string(key.public_key()) + "\"]\n");
    // 2 s: the download (≥ 8 s) spans four watchdog timeouts.
    pid_t pid = spawn_with_env(GONGKAI_SYNC_BINARY, {"--config", device.file("gongkai.toml")},
                               {{"NOTIFY_SOCKET", notify.path}, {"WATCHDOG_USEC", "2000000"}});
    REQUIRE(pid > 0);
    const bool synced = notify.read_until([&] { return notify.has_prefix("STATUS=pull "); }, 120s);
    const int status = stop(pid);
    INFO(notify.all());
    REQUIRE(synced);
    CHECK(notify.has_prefix("STATUS=pull ok (1 runs)"));
    // Before the job, after it, and (throttled to one a second) through ≥ 8 s of transfer.
    CHECK(notify.count("WATCHDOG=1") >= 5);
    CHECK(WIFEXITED(status));
}

TEST_CASE("the kiosk says READY=1 after its first frame and WATCHDOG=1 from its idle frame loop, and stops pinging when frozen",
          "[notify][kiosk]") {
    NotifySocket notify;
    TempDir device;
    write_file(device.file("gongkai.toml"), "[cache]\npath = \"" + device.file("cache.db") + "\"\n[display]\nfullscreen = false\n");
    pid_t pid = spawn_with_env(GONGKAI_KIOSK_BINARY, {"--config", device.file("gongkai.toml")},
                               {{"NOTIFY_SOCKET", notify.path}, {"WATCHDOG_USEC", "2000000"}, {"SDL_VIDEODRIVER", "dummy"}});
    REQUIRE(pid > 0);
    // Left alone the kiosk draws nothing new, yet its loop comes round to ping.
    const bool pinged = notify.read_until([&] { return notify.count("WATCHDOG=1") >= 3; }, 60s);
    INFO(notify.all());
    REQUIRE(pinged);
    CHECK(notify.fields.front() == "READY=1");
    CHECK(notify.fields.at(1) == "STATUS=showing home");
    CHECK(notify.count("READY=1") == 1);

    // A frozen frame loop: no more pings, so systemd kills and restarts the kiosk.
    freeze(pid, notify);
    notify.read_for(3s);
    CHECK(notify.count("WATCHDOG=1") == 0);
    thaw(pid);
    CHECK(notify.read_until([&] { return notify.count("WATCHDOG=1") >= 2; }, 60s));
    stop(pid);
}

TEST_CASE("under cage the kiosk pings for its parent: WATCHDOG_PID naming the parent counts, naming another process does not",
          "[notify][kiosk]") {
    // gongkai-kiosk.service: cage is the main process, systemd sets WATCHDOG_PID to cage's
    // pid, and cage passes its environment to the kiosk. This test is the kiosk's parent.
    struct Case {
        const char* what;
        pid_t watched;
        bool pings;
    };
    for (const Case c : {Case{"the parent", getpid(), true}, Case{"another process", 1, false}}) {
        INFO("WATCHDOG_PID is " << c.what);
        NotifySocket notify;
        TempDir device;
        write_file(device.file("gongkai.toml"), "[cache]\npath = \"" + device.file("cache.db") + "\"\n[display]\nfullscreen = false\n");
        pid_t pid = spawn_with_env(GONGKAI_KIOSK_BINARY, {"--config", device.file("gongkai.toml")},
                                   {{"NOTIFY_SOCKET", notify.path},
                                    {"WATCHDOG_USEC", "2000000"},
                                    {"WATCHDOG_PID", std::to_string(c.watched)},
                                    {"SDL_VIDEODRIVER", "dummy"}});
        REQUIRE(pid > 0);
        REQUIRE(notify.read_until([&] { return notify.count("READY=1") == 1; }, 60s));
        notify.read_for(3s);  // three intervals' worth
        INFO(notify.all());
        if (c.pings) CHECK(notify.count("WATCHDOG=1") >= 2);
        else CHECK(notify.count("WATCHDOG=1") == 0);
        stop(pid);
    }
}
