// The sync daemon's scheduler and its push path: jobs on their own intervals with their
// own backoff, and heartbeats PUT to a real nginx WebDAV inbox over TLS.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <chrono>
#include <thread>

#include "nginx_fixture.h"
#include "batch.h"
#include "scheduler.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

std::string device_config(const TempDir& device, const std::string& report_url, const std::string& extra = "") {
    std::string path = device.file("gongkai.toml");
    write_file(path, "[cache]\npath = \"" + device.file("cache.db") + "\"\n[sync]\nca_file = \"" + TestPki::get().ca +
                         "\"\n" + extra + "[report]\nurl = \"" + report_url + "\"\nheartbeat_s = 60\n");
    return path;
}

}  // namespace

TEST_CASE("a job's next run: the interval ±10% when it succeeded, exponential backoff with full jitter when it failed",
          "[daemon][scheduler]") {
    const JobPolicy p{300, 30};
    struct Case { int failures; double u, expected; };
    for (const Case c : {Case{0, 0.0, 270}, Case{0, 1.0, 330}, Case{0, 0.5, 300},  // ±10% around the interval
                         Case{1, 0.0, 15}, Case{1, 1.0, 30},                       // first retry: 15–30 s
                         Case{3, 0.0, 60}, Case{3, 1.0, 120},                      // doubled twice
                         Case{5, 1.0, 300}, Case{1000, 0.0, 150}}) {               // capped at the interval
        INFO("failures " << c.failures << ", u " << c.u);
        CHECK(Scheduler::next_delay_s(p, c.failures, c.u) == Approx(c.expected));
    }
}

TEST_CASE("each job keeps its own schedule: a failing job backs off without delaying the others", "[daemon][scheduler]") {
    Scheduler s(42);
    int pulls = 0, beats = 0;
    const auto t0 = Scheduler::Clock::now();
    s.add("pull", JobPolicy{300, 30}, [&] { pulls++; return make_error(NetError::NetConnect, "down"); }, t0);
    s.add("heartbeat", JobPolicy{60, 30}, [&] { beats++; return Error{}; }, t0);
    auto next = s.run_due(t0);
    CHECK(pulls == 1);
    CHECK(beats == 1);
    const auto& jobs = s.jobs();
    CHECK(jobs[0].failures == 1);
    CHECK(jobs[0].last_error.code == NetError::NetConnect);
    CHECK(jobs[1].failures == 0);
    // The pull retries in 15–30 s; the heartbeat comes in 54–66 s.
    using std::chrono::seconds;
    CHECK(jobs[0].next_due - t0 >= seconds(15));
    CHECK(jobs[0].next_due - t0 <= seconds(31));
    CHECK(jobs[1].next_due - t0 >= seconds(54));
    CHECK(jobs[1].next_due - t0 <= seconds(67));
    CHECK(next == jobs[0].next_due);
    // At the pull's retry only the pull runs, and its backoff grows.
    s.run_due(jobs[0].next_due);
    CHECK(pulls == 2);
    CHECK(beats == 1);
    CHECK(jobs[0].failures == 2);
}

TEST_CASE("run_now makes a job due at once (staff's 同步 on the kiosk), keeping its failures, and the next wake-up follows it",
          "[daemon][scheduler]") {
    Scheduler s(7);
    int pulls = 0, watches = 0;
    const auto t0 = Scheduler::Clock::now();
    s.add("pull", JobPolicy{3600, 30}, [&] { pulls++; return make_error(NetError::NetConnect, "down"); }, t0);
    // The watcher asks for the pull while it runs, as gongkai-sync's sync-request job does.
    s.add("sync-request", JobPolicy{2, 2}, [&] { watches++; if (watches == 2) CHECK(s.run_now("pull")); return Error{}; }, t0);
    s.run_due(t0);
    REQUIRE(pulls == 1);
    const auto retry = s.jobs()[0].next_due;
    CHECK(retry - t0 >= std::chrono::seconds(15));  // a failed pull retries in 15–30 s
    // The watcher's second run asks for the pull: run_due says to come back at once, not at the retry.
    const auto next = s.run_due(s.jobs()[1].next_due);
    CHECK(watches == 2);
    CHECK(next < retry);
    CHECK(next <= Scheduler::Clock::now());
    s.run_due(Scheduler::Clock::now());
    CHECK(pulls == 2);
    CHECK(s.jobs()[0].failures == 2);
    CHECK_FALSE(s.run_now("no-such-job"));
}

TEST_CASE("gongkai-sync heartbeat PUTs this device's state to the office inbox in a signed batch, and it leaves the outbox",
          "[daemon][heartbeat][nginx]") {
    Nginx nginx;
    TempDir device;
    std::string cfg = device_config(device, nginx.url("inbox/"));
    Run first = run(GONGKAI_SYNC_BINARY, "--config " + cfg + " heartbeat");
    INFO(first.err);
    REQUIRE(first.status == 0);
    CHECK(first.out == "heartbeat sent\n");
    auto key = load_device_key(device.file("device.key"));  // made beside the cache on first use
    REQUIRE(key);
    std::vector<std::filesystem::path> files;
    for (auto& e : std::filesystem::directory_iterator(nginx.inbox + "/batches/" + key->id)) files.push_back(e.path());
    REQUIRE(files.size() == 1);
    auto batch = open_batch(slurp(files[0]), [&](const std::string&) { return std::optional(key->public_key); });
    REQUIRE(batch);
    REQUIRE(batch->records.size() == 1);
    CHECK(batch->records[0].kind == OutboxKind::Heartbeat);
    const nlohmann::json& j = batch->records[0].body;
    CHECK(j["format"] == "gongkai-heartbeat");
    CHECK(j["software_version"] == GONGKAI_VERSION);
    CHECK(j["district"] == "徐汇区");
    CHECK(j["last_success"].is_null());
    CHECK(j["kiosk_alive"] == false);  // no kiosk has stamped this cache
    auto status = nlohmann::json::parse(run(GONGKAI_SYNC_BINARY, "--config " + cfg + " outbox --json").out);
    CHECK(status["records"] == 0);
    CHECK(status["last_upload"].is_string());
}

TEST_CASE("a heartbeat the office refuses is a named error naming the URL and status, and it stays queued", "[daemon][heartbeat][nginx]") {
    Nginx nginx;
    TempDir device;
    std::string cfg = device_config(device, nginx.url("forbidden/"));
    Run r = run(GONGKAI_SYNC_BINARY, "--config " + cfg + " heartbeat");
    CHECK(r.status == 1);
    CHECK(r.err.find("gongkai-sync: NetUnauthorized: the office's inbox refused this device (certificate or permission) (" +
                     nginx.url("forbidden/") + "batches/") != std::string::npos);
    CHECK(r.err.find(": HTTP 403)") != std::string::npos);
    auto status = nlohmann::json::parse(run(GONGKAI_SYNC_BINARY, "--config " + cfg + " outbox --json").out);
    CHECK(status["by_kind"]["heartbeat"] == 1);
    CHECK(status["last_upload_error"].get<std::string>().find("NetUnauthorized") != std::string::npos);
}

TEST_CASE("the daemon keeps sending heartbeats while its pulls fail", "[daemon][heartbeat][nginx]") {
    Nginx nginx;
    TempDir device;
    // The pull points at a site that does not exist: every cycle fails (404).
    std::string cfg = device_config(device, nginx.url("inbox/"),
                                    "url = \"" + nginx.url("missing/") + "\"\ntrusted_keys = [\"RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\"]\n");
    pid_t pid = spawn_sync({"--config", cfg});
    bool sent = false;
    for (int i = 0; i < 100 && !sent; i++) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        sent = std::filesystem::exists(nginx.inbox + "/batches") && !std::filesystem::is_empty(nginx.inbox + "/batches");
    }
    CHECK(sent);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    auto st = nlohmann::json::parse(run(GONGKAI_SYNC_BINARY, "--config " + cfg + " status --json").out);
    CHECK(st["last_error"].get<std::string>().starts_with("NetHttpStatus"));
}

TEST_CASE("every program answers --version with the one version set in CMake, and a wrong argument with exit 2",
          "[cli]") {
    for (const char* binary : {GONGKAI_KIOSK_BINARY, GONGKAI_SYNC_BINARY, GONGKAI_PUBLISH_BINARY}) {
        Run v = run(binary, "--version");
        INFO(binary);
        CHECK(v.status == 0);
        CHECK(v.out == std::filesystem::path(binary).filename().string() + " " + GONGKAI_VERSION + "\n");
        Run bad = run(binary, "--no-such-flag");
        CHECK(bad.status == 2);
        CHECK(bad.err.starts_with(std::filesystem::path(binary).filename().string() + ": "));
    }
}

TEST_CASE("SIGTERM stops the daemon at once, even in the middle of a transfer to a server that never answers",
          "[daemon][hostile]") {
    // A listening socket that never accepts: TCP connects (the kernel's backlog), TLS waits
    // for a ServerHello that never comes. Before the transfer watched the stop flag, the
    // daemon sat out the 15-s connect timeout (and then the heartbeat's) before exiting.
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listener >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(listener, 8) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const std::string silent = "https://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/";
    TempDir device;
    write_file(device.file("gongkai.toml"),
               "[cache]\npath = \"" + device.file("cache.db") + "\"\n[sync]\nurl = \"" + silent +
                   "\"\ntrusted_keys = [\"RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\"]\nlow_speed_time_s = 600\n"
                   "[report]\nurl = \"" + silent + "inbox/\"\n");
    pid_t pid = spawn_sync({"--config", device.file("gongkai.toml")});
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the pull is now waiting on the silent server
    auto start = std::chrono::steady_clock::now();
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    close(listener);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(seconds < 3.0);  // curl looks at the flag about once a second
}
