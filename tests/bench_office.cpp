// gongkai-bench-office [--devices N] [--days D] [--heartbeat-s S] [--feedback F] [--dir DIR]
// — the office at the scale of a district: N devices (default 1,000) each sending D days
// (default 30) of heartbeats every S seconds (default 900: 2.88M heartbeat records), a day of
// search misses per device and day (5 queries each), and F ratings (default 100,000) on the
// demo catalogue's items, all sealed with seal_batch into batches of at most 500 records and
// laid out as nginx's WebDAV leaves them. Then times, as separate processes, the real
// `gongkai-publish collect` into an empty office.db and `gongkai-publish report` over it,
// and prints each one's wall time and peak RSS (wait4's ru_maxrss).
// Then collects the same files once more (every record already had).
// Last lines: bench: collect …  /  bench: report …  /  bench: collect_again …   (docs/performance.md)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "office_fixture.h"
#include "source_import.h"

using namespace gongkai;
using namespace gongkai::office_test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Timed {
    double wall_s = 0;
    double peak_rss_mib = 0;
    int status = -1;
};

// Runs the program with stdout to `out`, and measures it alone: wait4 reports the child's own
// peak RSS, not this generator's.
Timed run_measured(const std::vector<std::string>& args, const std::string& out) {
    auto t0 = Clock::now();
    pid_t pid = fork();
    if (pid == 0) {
        FILE* f = std::freopen(out.c_str(), "w", stdout);
        (void)f;
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    struct rusage usage {};
    wait4(pid, &status, 0, &usage);
    Timed t;
    t.wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
    t.peak_rss_mib = usage.ru_maxrss / 1024.0;  // KiB on Linux
    t.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return t;
}

std::uintmax_t tree_bytes(const fs::path& dir) {
    std::uintmax_t n = 0;
    std::error_code ec;
    for (auto& e : fs::recursive_directory_iterator(dir, ec))
        if (e.is_regular_file(ec)) n += e.file_size(ec);
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    long devices_n = 1000, days = 30, heartbeat_s = 900, feedback_n = 100000;
    std::string dir;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i];
        if (k == "--devices") devices_n = std::atol(argv[i + 1]);
        else if (k == "--days") days = std::atol(argv[i + 1]);
        else if (k == "--heartbeat-s") heartbeat_s = std::atol(argv[i + 1]);
        else if (k == "--feedback") feedback_n = std::atol(argv[i + 1]);
        else if (k == "--dir") dir = argv[i + 1];
        else { std::fprintf(stderr, "gongkai-bench-office: unknown option %s\n", k.c_str()); return 2; }
    }
    if (devices_n < 1 || days < 1 || heartbeat_s < 60 || feedback_n < 0) {
        std::fprintf(stderr, "gongkai-bench-office: --devices ≥ 1, --days ≥ 1, --heartbeat-s ≥ 60, --feedback ≥ 0\n");
        return 2;
    }
    if (dir.empty()) {
        char tmpl[] = "/tmp/gongkai-bench-office-XXXXXX";
        if (!mkdtemp(tmpl)) return 1;
        dir = tmpl;
    }
    const fs::path root(dir), inbox = root / "inbox";
    fs::remove_all(inbox);
    fs::remove(root / "office.db");
    fs::remove(root / "office.db-wal");
    fs::remove(root / "office.db-shm");
    fs::create_directories(inbox);

    ImportResult demo = import_source(GONGKAI_ASSETS_DIR);
    std::vector<std::string> pages;
    for (auto& i : demo.catalogue.items) pages.push_back(i.id);
    if (pages.empty()) { std::fprintf(stderr, "gongkai-bench-office: the demo catalogue did not import\n"); return 1; }

    // A fixed seed: the same ratings, faults and queries every run (keys and record ids are random).
    std::mt19937 rng(20261126);
    const std::time_t now = std::time(nullptr);
    const std::time_t start = now - days * 86400;
    const long beats = days * 86400 / heartbeat_s;
    const char* const queries[] = {"营业时间", "养老金", "护照", "停车", "公积金", "老年卡", "居住证续签", "医保转移", "残疾证", "落户"};
    std::vector<TestDevice> devices;
    auto t0 = Clock::now();
    std::uint64_t batches = 0, records_total = 0;
    for (long d = 0; d < devices_n; d++) {
        devices.push_back(make_device("徐汇区行政服务中心 " + std::to_string(d + 1) + " 号机"));
        const TestDevice& dev = devices.back();
        // One device in fifty went silent two days ago; one in a hundred has a full outbox.
        const bool silent = d % 50 == 7;
        const bool full = d % 100 == 3;
        std::vector<OutboxRecord> batch;
        auto flush = [&] {
            if (batch.empty()) return;
            upload(inbox, dev, batch);
            batches++;
            records_total += batch.size();
            batch.clear();
        };
        auto add = [&](OutboxRecord r) {
            batch.push_back(std::move(r));
            if (batch.size() == kMaxBatchRecords) flush();
        };
        for (long k = 0; k < beats; k++) {
            std::time_t t = start + k * heartbeat_s;
            if (silent && t > now - 2 * 86400) break;
            nlohmann::json changes = {{"heartbeat_s", heartbeat_s}};
            if (full) changes["outbox"] = {{"full", true}, {"refused", 12}};
            add(heartbeat(t, changes));
        }
        for (long day = 0; day < days; day++) {
            char date[16];
            std::time_t t = start + day * 86400;
            std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&t));
            std::vector<Miss> list;
            for (int q = 0; q < 5; q++) list.push_back({queries[rng() % 10] + std::to_string(q), 1 + rng() % 4, (rng() % 3 == 0) ? 2 : 0});
            add(misses(date, list));
        }
        const long mine = feedback_n / devices_n + (d < feedback_n % devices_n ? 1 : 0);
        for (long f = 0; f < mine; f++) {
            // Ratings skewed towards satisfied, as 好差评 data is.
            static const int weights[] = {1, 1, 2, 4, 8};
            int pick = static_cast<int>(rng() % 16), rating = 1;
            for (int acc = 0; rating <= 5; rating++) { acc += weights[rating - 1]; if (pick < acc) break; }
            std::vector<FeedbackReason> reasons;
            if (rating <= kRatingAsksReason) reasons.push_back(kAllFeedbackReasons[rng() % 5]);
            std::string comment = rng() % 10 == 0 ? "材料清单和窗口说的不一样" : "";
            add(feedback(pages[rng() % pages.size()], rating, reasons, comment, start + static_cast<std::time_t>(rng() % (days * 86400))));
        }
        flush();
    }
    fs::create_directories(root);
    {
        std::FILE* f = std::fopen((root / "devices.toml").c_str(), "w");
        std::string text = devices_toml(devices);
        std::fwrite(text.data(), 1, text.size(), f);
        std::fclose(f);
    }
    const double generate_s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("bench: generated devices=%ld days=%ld heartbeat_s=%ld heartbeats≈%ld feedback=%ld batches=%llu records=%llu inbox_mib=%.0f in %.1f s\n",
                devices_n, days, heartbeat_s, devices_n * beats, feedback_n, static_cast<unsigned long long>(batches),
                static_cast<unsigned long long>(records_total), tree_bytes(inbox) / 1048576.0, generate_s);
    std::fflush(stdout);

    Timed c = run_measured({GONGKAI_PUBLISH_BINARY, "collect", "--inbox", inbox.string(), "--db", (root / "office.db").string(),
                            "--devices", (root / "devices.toml").string(), "--json"},
                           (root / "collect.json").string());
    std::printf("bench: collect exit=%d wall_s=%.1f peak_rss_mib=%.1f records_per_s=%.0f office_db_mib=%.0f (summary: %s)\n", c.status,
                c.wall_s, c.peak_rss_mib, records_total / c.wall_s,
                (fs::file_size(root / "office.db") + (fs::exists(root / "office.db-wal") ? fs::file_size(root / "office.db-wal") : 0)) / 1048576.0,
                (root / "collect.json").c_str());
    std::fflush(stdout);
    Timed r = run_measured({GONGKAI_PUBLISH_BINARY, "report", "--source", GONGKAI_ASSETS_DIR, "--db", (root / "office.db").string(),
                            "--out", (root / "report").string(), "--json"},
                           (root / "report.out.json").string());
    std::printf("bench: report exit=%d wall_s=%.1f peak_rss_mib=%.1f html_kib=%.0f (report: %s)\n", r.status, r.wall_s, r.peak_rss_mib,
                fs::exists(root / "report/index.html") ? fs::file_size(root / "report/index.html") / 1024.0 : 0.0,
                (root / "report/index.html").c_str());
    std::fflush(stdout);
    // The same files again (every record already had): what a device re-sending its whole
    // outbox, or an inbox restored from a backup, costs.
    fs::remove_all(inbox / "batches");
    fs::rename(inbox / ".collected", inbox / "batches");
    Timed again = run_measured({GONGKAI_PUBLISH_BINARY, "collect", "--inbox", inbox.string(), "--db", (root / "office.db").string(), "--json"},
                               (root / "collect-again.json").string());
    std::printf("bench: collect_again exit=%d wall_s=%.1f peak_rss_mib=%.1f records_per_s=%.0f (every record already had)\n", again.status,
                again.wall_s, again.peak_rss_mib, records_total / again.wall_s);
    return c.status == 0 && r.status == 0 && again.status == 0 ? 0 : 1;
}
