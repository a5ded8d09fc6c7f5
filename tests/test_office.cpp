// The office's side of issue 10 (docs/feedback.md): gongkai-publish collect verifies the
// batches devices uploaded, ingests each record exactly once into office.db and sets bad
// files aside with their reason; gongkai-publish report turns a catalogue source and
// office.db into a static HTML page and JSON. Real binaries, real SQLite files, batches
// sealed by the device's own seal_batch with real Ed25519 keys, HTML checked by tidy.
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "office_fixture.h"
#include "source_import.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;
using namespace gongkai::office_test;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = fs::path(GONGKAI_TESTS_DIR) / "data/office/source";

// One integer from office.db (a COUNT, a SUM).
long long query_db(const std::string& db, const std::string& sql) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

struct Office {
    TempDir dir;
    std::string inbox = dir.file("inbox");
    std::string db = dir.file("office.db");
    std::string devices = dir.file("devices.toml");
    Office() { fs::create_directories(inbox); }
    Run collect(bool with_devices = true) {
        return publish("collect --inbox " + inbox + " --db " + db + (with_devices ? " --devices " + devices : std::string()) + " --json");
    }
    nlohmann::json collect_json(bool with_devices = true) {
        Run r = collect(with_devices);
        INFO(r.err);
        REQUIRE(r.status == 0);
        return nlohmann::json::parse(r.out);
    }
};

// Tidy in its strictest quiet mode: exit 0 only with neither error nor warning.
Run tidy(const std::string& file) { return run("tidy", "-errors -quiet --show-warnings yes " + file); }

std::string sa_id(const std::string& level1, const std::string& level2) { return directory_item_id("social-assistance", level1, level2); }
std::string em_id(const std::string& level1, const std::string& level2) { return directory_item_id("employment", level1, level2); }

}  // namespace

TEST_CASE("collect ingests every record once: a re-uploaded batch and the same records under another name add nothing",
          "[office][collect]") {
    Office o;
    TestDevice a = make_device("一号机"), b = make_device("二号机");
    write_file(o.devices, devices_toml({a, b}));
    std::vector<OutboxRecord> records = {feedback("dibao-apply", 5), feedback("dibao-apply", 2, {FeedbackReason::MaterialsUnclear}, "材料不清"),
                                         heartbeat(1795000000), heartbeat(1795000900),
                                         misses("2026-11-20", {{"营业时间", 3, 0}, {"低保", 2, 4}})};
    const fs::path first = upload(o.inbox, a, records);
    upload(o.inbox, b, {feedback("temporary-assistance", 4)});

    auto j = o.collect_json();
    CHECK(j["batches"] == 2);
    CHECK(j["records_new"] == 6);
    CHECK(j["records_already_had"] == 0);
    CHECK(j["records_rejected"].empty());
    CHECK(j["batches_rejected"].empty());
    CHECK(j["devices"] == 2);
    CHECK_FALSE(fs::exists(first));
    CHECK(fs::is_regular_file(fs::path(o.inbox) / ".collected" / a.key.id / first.filename()));
    CHECK(query_db(o.db, "SELECT count(*) FROM feedback") == 3);
    CHECK(query_db(o.db, "SELECT count(*) FROM heartbeats") == 2);
    CHECK(query_db(o.db, "SELECT count(*) FROM misses") == 2);
    CHECK(query_db(o.db, "SELECT time FROM heartbeat_latest") == 1795000900);

    SECTION("the same file uploaded again (a lost response): ingested again as no-ops") {
        upload(o.inbox, a, records);
        auto again = o.collect_json(false);  // the devices already in office.db
        CHECK(again["batches"] == 1);
        CHECK(again["records_new"] == 0);
        CHECK(again["records_already_had"] == 5);
    }
    SECTION("the same records under another name, with one new record: only the new one is added") {
        SealedBatch sealed = seal_batch(a.key, records);
        put_file(o.inbox, a.key.id, "renamed.json", sealed.bytes);
        std::vector<OutboxRecord> more = records;
        more.push_back(feedback("dibao-apply", 3));
        upload(o.inbox, a, more);
        auto again = o.collect_json();
        CHECK(again["batches"] == 2);
        CHECK(again["records_new"] == 1);
        CHECK(again["records_already_had"] == 10);
    }
    CHECK(query_db(o.db, "SELECT count(*) FROM heartbeats") == 2);
    CHECK(query_db(o.db, "SELECT count(*) FROM misses") == 2);
    CHECK(query_db(o.db, "SELECT count(*) FROM misses_days") == 1);
}

TEST_CASE("a batch holding a day of search misses opens: its payload nests 6 levels (payload, records, record, body, queries, query)",
          "[office][collect][batch]") {
    TestDevice a = make_device("一号机");
    SealedBatch sealed = seal_batch(a.key, {misses("2026-11-20", {{"营业时间", 3, 0}})});
    auto opened = open_batch(sealed.bytes, [&](const std::string&) { return std::optional(a.key.public_key); });
    INFO((opened ? "" : opened.error().describe()));
    REQUIRE(opened);
    CHECK(opened->records.size() == 1);
    CHECK(opened->records[0].body["queries"][0]["query"] == "营业时间");
    // One level more is still refused before the payload is parsed.
    SealedBatch deeper = seal_batch(a.key, {record(OutboxKind::Misses, "2026-11-20", R"({"day":"2026-11-20","queries":[{"query":[1]}]})")});
    auto refused = open_batch(deeper.bytes, [&](const std::string&) { return std::optional(a.key.public_key); });
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == CatalogueError::BatchInvalid);
    CHECK(refused.error().detail == "the payload nests deeper than 6 levels");
}

TEST_CASE("collect sets aside forged, unknown, truncated, oversize, deep, misfiled and non-regular files with their reason, and goes on",
          "[office][collect][hostile]") {
    Office o;
    TestDevice a = make_device("一号机"), stranger = make_device("外来机");
    write_file(o.devices, devices_toml({a}));
    const fs::path inbox = o.inbox;
    const std::string good = seal_batch(a.key, {feedback("dibao-apply", 5)}).bytes;

    DeviceKey forger = make_device("").key;
    forger.id = a.key.id;  // claims to be device a, signs with another key
    put_file(inbox, a.key.id, "forged.json", seal_batch(forger, {feedback("dibao-apply", 1)}).bytes);
    put_file(inbox, stranger.key.id, "unknown.json", seal_batch(stranger.key, {feedback("dibao-apply", 1)}).bytes);
    put_file(inbox, a.key.id, "truncated.json", good.substr(0, good.size() / 2));
    put_file(inbox, a.key.id, "oversize.json", std::string(kMaxBatchFileBytes + 1, ' '));
    put_file(inbox, a.key.id, "deep.json", std::string(100000, '['));
    put_file(inbox, "not-a-device", "misfiled.json", good);  // a's batch under another directory
    write_file(o.dir.file("elsewhere/target.json"), good);
    fs::create_symlink(o.dir.file("elsewhere/target.json"), inbox / "batches" / a.key.id / "link.json");
    REQUIRE(mkfifo((inbox / "batches" / a.key.id / "fifo.json").c_str(), 0600) == 0);
    fs::create_directory_symlink(o.dir.file("elsewhere"), inbox / "batches" / "linked-device");  // a device directory that is a link
    put_file(inbox, a.key.id, "good.json", good);
    put_file(inbox, a.key.id, "notes.txt", "not an upload");

    auto j = o.collect_json();
    INFO(j.dump(1));
    CHECK(j["batches"] == 1);
    CHECK(j["records_new"] == 1);
    CHECK(j["batches_rejected"] == nlohmann::json{{"BatchBadSignature", 1}, {"BatchInvalid", 3}, {"BatchUnknownDevice", 1},
                                                  {"FileNotRegular", 3}, {"FileTooLarge", 1}});
    struct Case { std::string dir, name, error; };
    for (const Case& c : {Case{a.key.id, "forged.json", "BatchBadSignature"}, Case{stranger.key.id, "unknown.json", "BatchUnknownDevice"},
                          Case{a.key.id, "truncated.json", "BatchInvalid"}, Case{a.key.id, "oversize.json", "FileTooLarge"},
                          Case{a.key.id, "deep.json", "BatchInvalid"}, Case{"unknown", "misfiled.json", "BatchInvalid"},
                          Case{a.key.id, "link.json", "FileNotRegular"}, Case{a.key.id, "fifo.json", "FileNotRegular"},
                          Case{"unknown", "linked-device", "FileNotRegular"}}) {
        INFO(c.name);
        const fs::path aside = inbox / ".rejected" / c.dir / c.name;
        CHECK(fs::exists(fs::symlink_status(aside)));
        CHECK(slurp(aside.string() + ".reason.txt").starts_with(c.error + ": "));
    }
    CHECK(fs::is_symlink(inbox / ".rejected" / a.key.id / "link.json"));
    CHECK(fs::is_symlink(inbox / ".rejected" / "unknown" / "linked-device"));
    CHECK(slurp(o.dir.file("elsewhere/target.json")) == good);  // the link's target is neither read as a batch nor moved
    CHECK(slurp((inbox / ".rejected" / "unknown" / "misfiled.json.reason.txt").string()).find("uploaded under batches/not-a-device/") != std::string::npos);
    CHECK(fs::is_regular_file(inbox / "batches" / a.key.id / "notes.txt"));  // not *.json: left alone
    CHECK(query_db(o.db, "SELECT count(*) FROM feedback") == 1);
    CHECK(query_db(o.db, "SELECT count(*) FROM feedback WHERE rating = 1") == 0);
}

TEST_CASE("a record that breaks its bounds is refused alone and named, and the rest of its signed batch is ingested", "[office][collect][hostile]") {
    Office o;
    TestDevice a = make_device("一号机");
    write_file(o.devices, devices_toml({a}));
    auto raw = [](OutboxKind kind, nlohmann::json body) { return record(kind, "2026-11-26T02:03:04Z", body.dump()); };
    nlohmann::json ok_feedback = nlohmann::json::parse(feedback("dibao-apply", 4).body);
    auto feedback_with = [&](nlohmann::json patch) {
        nlohmann::json body = ok_feedback;
        body.merge_patch(patch);
        return raw(OutboxKind::Feedback, body);
    };
    std::string comment201;
    for (int i = 0; i < 201; i++) comment201 += "字";
    std::vector<OutboxRecord> records = {
        feedback("dibao-apply", 4),
        feedback_with({{"rating", 6}}),
        feedback_with({{"rating", "5"}}),
        feedback_with({{"comment", comment201}}),
        feedback_with({{"page_id", std::string(65, 'x')}}),
        feedback_with({{"reasons", {"unclear", "bored"}}}),
        feedback_with({{"reasons", {"unclear", "unclear"}}}),
        feedback_with({{"page_kind", "screen"}}),
        feedback_with({{"time", "yesterday"}}),
        misses("2026-11-20", {{"养老金", 2, 0}}),
        misses("2026-02-30", {{"养老金", 2, 0}}),
        misses("2026-11-21", {{std::string(65, 'q'), 2, 0}}),
        misses("2026-11-22", {{"养老金", 0, 0}}),
        heartbeat(1795000000),
        heartbeat(1795000900, {{"heartbeat_s", 5}}),
        heartbeat(1795001800, {{"last_error", std::string(3000, 'e')}}),
        heartbeat(1795002700, {{"format", "something-else"}}),
    };
    upload(o.inbox, a, records);
    auto j = o.collect_json();
    INFO(j.dump(1));
    CHECK(j["batches"] == 1);
    CHECK(j["batches_rejected"].empty());
    CHECK(j["records_new"] == 3);
    CHECK(j["records_rejected"] == nlohmann::json{{"FeedbackInvalid", 8}, {"HeartbeatInvalid", 3}, {"MissesInvalid", 3}});
    CHECK(query_db(o.db, "SELECT count(*) FROM rejected_records") == 14);
    CHECK(query_db(o.db, "SELECT count(*) FROM feedback") == 1);
    CHECK(query_db(o.db, "SELECT count(*) FROM heartbeats") == 1);
    CHECK(query_db(o.db, "SELECT count(*) FROM misses") == 1);
}

TEST_CASE("devices.toml is checked entry by entry, each problem named by file:line:column, and nothing is collected", "[office][collect]") {
    Office o;
    TestDevice a = make_device("一号机"), b = make_device("二号机");
    upload(o.inbox, a, {feedback("dibao-apply", 5)});
    SECTION("an id that is not its key's, a key that is not a key, a device twice, an unknown key") {
        write_file(o.devices, "[[device]]\nid = \"" + b.key.id + "\"\npublic_key = \"" + a.key.public_key_base64() + "\"\n\n" +
                                  "[[device]]\nid = \"" + a.key.id + "\"\npublic_key = \"not base64\"\n\n" + devices_toml({b, b}) +
                                  "[[device]]\nid = \"" + a.key.id + "\"\npublic_key = \"" + a.key.public_key_base64() + "\"\nowner = \"x\"\n");
        Run r = o.collect();
        INFO(r.err);
        CHECK(r.status == 1);
        CHECK(r.err.starts_with("gongkai-publish: DevicesInvalid: "));
        CHECK(r.err.find(o.devices + ":2:6: “id” is not this key's device id (" + a.key.id + ")") != std::string::npos);
        CHECK(r.err.find(o.devices + ":7:14: “public_key” is not base64 of a 32-byte Ed25519 key") != std::string::npos);
        CHECK(r.err.find(o.devices + ":15:6: device " + b.key.id + " is listed twice") != std::string::npos);
        CHECK(r.err.find(o.devices + ":22:9: unknown key “owner”") != std::string::npos);
    }
    SECTION("TOML that does not parse") {
        write_file(o.devices, "[[device]]\nid = \"abc\n");
        Run r = o.collect();
        CHECK(r.status == 1);
        CHECK(r.err.find("DevicesInvalid") != std::string::npos);
        CHECK(r.err.find(o.devices + ":2:") != std::string::npos);
    }
    CHECK(fs::exists(fs::path(o.inbox) / "batches" / a.key.id));
    CHECK_FALSE(fs::exists(fs::path(o.inbox) / ".collected"));
}

TEST_CASE("collect exits 1 when the inbox or office.db cannot be used, and 2 on a wrong command line", "[office][collect][cli]") {
    TempDir dir;
    Run no_inbox = publish("collect --inbox " + dir.file("nowhere") + " --db " + dir.file("office.db"));
    CHECK(no_inbox.status == 1);
    CHECK(no_inbox.err.starts_with("gongkai-publish: InboxUnusable: "));
    fs::create_directories(dir.file("inbox"));
    write_file(dir.file("junk.db"), std::string(4096, 'x'));
    Run junk = publish("collect --inbox " + dir.file("inbox") + " --db " + dir.file("junk.db"));
    CHECK(junk.status == 1);
    CHECK(junk.err.starts_with("gongkai-publish: OfficeDbCorrupt: "));
    Run empty = publish("collect --inbox " + dir.file("inbox") + " --db " + dir.file("office.db") + " --json");
    CHECK(empty.status == 0);
    CHECK(nlohmann::json::parse(empty.out)["batches"] == 0);
    CHECK(publish("collect --db " + dir.file("office.db")).status == 2);
    CHECK(publish("report --source " + kSource.string()).status == 2);  // --out is required
    Run no_db = publish("report --source " + kSource.string() + " --db " + dir.file("missing.db") + " --out " + dir.file("r"));
    CHECK(no_db.status == 1);
    CHECK(no_db.err.find("OfficeDbOpenFailed") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.file("missing.db")));  // a report never creates office.db
    Run no_source = publish("report --source " + dir.file("nowhere") + " --out " + dir.file("r"));
    CHECK(no_source.status == 1);
    CHECK(no_source.err.starts_with("gongkai-publish: FileMissing: "));
}

TEST_CASE("report --json names each missing element by its column header and counts complete rows per domain", "[office][report]") {
    TempDir dir;
    Run r = publish("report --source " + kSource.string() + " --out " + dir.file("report") + " --json");
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["items"].size() == 6);
    auto item = [&](const std::string& id) {
        for (auto& i : j["items"])
            if (i["id"] == id) return i;
        FAIL("no item " << id);
        return nlohmann::json();
    };
    using list = std::vector<std::string>;
    CHECK(item(sa_id("最低生活保障", "最低生活保障审批"))["missing"] == list{});
    CHECK(item(sa_id("最低生活保障", "最低生活保障审批"))["guide"] == true);
    CHECK(item(sa_id("最低生活保障", "低保标准"))["missing"] == list{"公开依据", "公开时限"});
    CHECK(item(sa_id("最低生活保障", "低保标准"))["guide"] == false);
    CHECK(item(sa_id("临时救助", "临时救助审批"))["missing"] == list{"公开渠道和载体", "公开方式"});
    auto untitled = item(sa_id("特困人员救助供养", ""));
    CHECK(untitled["missing"] == list{"二级事项", "公开主体"});
    CHECK(untitled["title"] == "");
    CHECK(untitled["domain"] == "社会救助");
    CHECK(untitled["file"] == "directory/社会救助.csv");
    CHECK(untitled["line"] == 9);  // rows 1 and 3 hold two-line cells
    CHECK(item(em_id("就业援助", "就业困难人员认定"))["missing"] == list{});
    CHECK(j["domains"] == nlohmann::json::parse(R"({"社会救助":{"items":4,"complete":1,"with_guide":1,"stale":0},
                                                   "就业创业":{"items":2,"complete":2,"with_guide":0,"stale":0}})"));
    CHECK(j["guides"] == 1);
    CHECK(j["source_problems"].size() == 6);  // what validate refuses: the report is how editors find it
    CHECK_FALSE(j.contains("feedback"));     // without --db: completeness and freshness only
    CHECK_FALSE(j.contains("fleet"));
    CHECK(nlohmann::json::parse(slurp(dir.file("report/report.json"))) == j);
    CHECK(publish("validate --source " + kSource.string()).status == 1);
}

TEST_CASE("report dates a row by its table's mtime, and with office.db an unchanged row keeps its age when the table is saved again",
          "[office][report][freshness]") {
    TempDir dir;
    fs::copy(kSource, dir.file("source"), fs::copy_options::recursive);
    const fs::path table = dir.file("source/directory/社会救助.csv");
    const std::time_t now = std::time(nullptr);
    // 400 days and an hour ago: whole days whatever the seconds between here and the report.
    auto set_mtime = [&](std::time_t t) {
        struct timespec times[2] = {{t, 0}, {t, 0}};
        REQUIRE(utimensat(AT_FDCWD, table.c_str(), times, 0) == 0);
    };
    set_mtime(now - 400 * 86400 - 3600);
    TempDir office;
    const std::string db = office.file("office.db");
    REQUIRE(publish("collect --inbox " + office.path.string() + " --db " + db).status == 0);  // an empty office.db
    auto report = [&](const std::string& extra) {
        Run r = publish("report --source " + dir.file("source") + " --out " + dir.file("report") + " --json " + extra);
        INFO(r.err);
        REQUIRE(r.status == 0);
        return nlohmann::json::parse(r.out);
    };
    auto age = [](const nlohmann::json& j, const std::string& id) {
        for (auto& i : j["items"])
            if (i["id"] == id) return i["age_days"].get<long long>();
        return -1LL;
    };
    const std::string kept = sa_id("最低生活保障", "最低生活保障审批"), edited = sa_id("最低生活保障", "低保标准");
    auto first = report("--db " + db);
    CHECK(age(first, kept) == 400);
    CHECK(age(first, edited) == 400);
    CHECK(first["domains"]["社会救助"]["stale"] == 4);
    CHECK(first["domains"]["就业创业"]["stale"] == 0);
    CHECK(report("--db " + db + " --stale-days 401")["domains"]["社会救助"]["stale"] == 0);

    // An editor fills in 低保标准's 公开依据 and saves the table today.
    std::string csv = slurp(table);
    csv.replace(csv.find("保障标准,,"), std::string("保障标准,,").size(), "保障标准,《社会救助暂行办法》,");
    write_file(table, csv);
    auto with_db = report("--db " + db);
    CHECK(age(with_db, kept) == 400);
    CHECK(age(with_db, edited) == 0);
    auto without_db = report("");
    CHECK(age(without_db, kept) == 0);  // the file's date is all there is
    CHECK(age(without_db, edited) == 0);
}

namespace {

// office.db holding a known set of ratings, searches and heartbeats from three devices:
// 一号机 alive, 二号机 silent for 3 days with every fault, 三号机 never heard from.
struct KnownOffice {
    Office o;
    std::time_t now = std::time(nullptr);
    TestDevice a = make_device("一号机"), b = make_device("二号机"), c = make_device("三号机");
    KnownOffice() {
        write_file(o.devices, devices_toml({a, b, c}));
        const std::string row1 = sa_id("最低生活保障", "最低生活保障审批"), row2 = sa_id("最低生活保障", "低保标准");
        const std::string jobs = em_id("就业信息服务", "就业政策法规咨询");
        OutboxRecord shared = feedback(row1, 4);
        upload(o.inbox, a, {feedback(row1, 5), feedback(row1, 5), shared,
                            feedback(row1, 2, {FeedbackReason::HardToUnderstand, FeedbackReason::MaterialsUnclear}, "材料写得不清楚", 1795000100),
                            feedback("dibao-apply", 3), heartbeat(now - 960), heartbeat(now - 60),
                            misses("2026-11-20", {{"营业时间", 3, 0}, {"养老金", 2, 0}, {"低保", 5, 2}})});
        upload(o.inbox, a, {shared});  // the same record again in another batch of the same device: counted once
        upload(o.inbox, b, {feedback(row2, 1, {FeedbackReason::OutOfDate}, "标准是去年的", 1795000200),
                            feedback(jobs, 5), feedback(jobs, 4), feedback("withdrawn-item", 1, {FeedbackReason::Other}),
                            heartbeat(now - 3 * 86400, {{"last_error", "NetHttpStatus: the server answered with an error (404)"},
                                                        {"kiosk_alive", false}, {"outbox", {{"full", true}, {"refused", 3}}},
                                                        {"software_version", "0.8.0"}}),
                            misses("2026-11-21", {{"营业时间", 1, 0}})});
        auto j = o.collect_json();
        REQUIRE(j["records_new"] == 14);
        REQUIRE(j["records_already_had"] == 1);
    }
};

}  // namespace

TEST_CASE("report with office.db: 好差评 per item, department and domain, reasons, comments, zero-result queries and the fleet",
          "[office][report]") {
    KnownOffice k;
    TempDir out;
    Run r = publish("report --source " + kSource.string() + " --db " + k.o.db + " --out " + out.file("report") + " --json");
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    auto f = j["feedback"];
    INFO(f.dump(1));
    CHECK(f["total"] == 9);
    CHECK(f["levels"] == nlohmann::json::parse(R"({"非常满意":3,"满意":2,"基本满意":1,"不满意":1,"非常不满意":2})"));
    CHECK(f["satisfaction"].get<double>() == Approx(6.0 / 9.0));
    CHECK(f["reasons"] == nlohmann::json::parse(R"({"unclear":1,"outdated":1,"not_found":0,"materials":1,"other":1})"));
    REQUIRE(f["departments"].size() == 3);
    CHECK(f["departments"][0]["name"] == "区民政局");  // rows, and the guide that explains one of them
    CHECK(f["departments"][0]["total"] == 6);
    CHECK(f["departments"][0]["levels"] == nlohmann::json::parse(R"({"非常满意":2,"满意":1,"基本满意":1,"不满意":1,"非常不满意":1})"));
    CHECK(f["departments"][0]["satisfaction"].get<double>() == Approx(4.0 / 6.0));
    CHECK(f["departments"][1]["name"] == "区人力资源社会保障局");
    CHECK(f["departments"][1]["satisfaction"] == 1.0);
    CHECK(f["departments"][2]["name"] == "（已不在目录中）");
    CHECK(f["departments"][2]["satisfaction"] == 0.0);
    CHECK(f["domains"][0]["name"] == "社会救助");
    CHECK(f["domains"][0]["total"] == 6);
    auto first_item = f["items"][0];
    CHECK(first_item["title"] == "最低生活保障审批");
    CHECK(first_item["total"] == 4);
    CHECK(first_item["reasons"]["materials"] == 1);
    REQUIRE(f["comments"].size() == 2);
    CHECK(f["comments"][0] == nlohmann::json{{"page_kind", "item"}, {"page_id", sa_id("最低生活保障", "低保标准")}, {"title", "低保标准"},
                                             {"rating", 1}, {"comment", "标准是去年的"}, {"time", "2026-11-18T11:10:00Z"}, {"device", "二号机"}});
    CHECK(f["comments"][1]["comment"] == "材料写得不清楚");

    CHECK(j["zero_result_queries"] == nlohmann::json::parse(R"([
        {"query":"营业时间","count":4,"devices":2,"first_day":"2026-11-20","last_day":"2026-11-21"},
        {"query":"养老金","count":2,"devices":1,"first_day":"2026-11-20","last_day":"2026-11-20"}])"));

    auto fleet = j["fleet"];
    CHECK(fleet["devices"] == 3);
    CHECK(fleet["with_faults"] == 2);
    CHECK(fleet["silent"] == 2);
    auto device = [&](const std::string& id) {
        for (auto& d : fleet["list"])
            if (d["id"] == id) return d;
        FAIL("no device " << id);
        return nlohmann::json();
    };
    auto one = device(k.a.key.id), two = device(k.b.key.id), three = device(k.c.key.id);
    CHECK(one["faults"].empty());
    CHECK(one["last_heartbeat"] == format_rfc3339_utc(k.now - 60));
    CHECK(one["heartbeats_7d"] == 2);
    CHECK(one["expected_7d"] == 672);  // 7 days of 900-s heartbeats
    CHECK(one["catalogue_version"] == 12);
    CHECK(two["faults"] == std::vector<std::string>{"silent", "last_error", "outbox_full", "outbox_refused", "kiosk_not_alive"});
    CHECK(two["software_version"] == "0.8.0");
    CHECK(two["last_error"] == "NetHttpStatus: the server answered with an error (404)");
    CHECK(three["faults"] == std::vector<std::string>{"silent"});
    CHECK(three["last_heartbeat"].is_null());
}

TEST_CASE("the report is valid HTML5 by tidy, with and without office.db, and loads nothing from elsewhere", "[office][report][html]") {
    KnownOffice k;
    TempDir out;
    for (bool with_db : {false, true}) {
        INFO("with office.db: " << with_db);
        const std::string dir = out.file(with_db ? "with" : "without");
        Run r = publish("report --source " + kSource.string() + (with_db ? " --db " + k.o.db : std::string()) + " --out " + dir);
        INFO(r.err);
        REQUIRE(r.status == 0);
        CHECK(r.out.starts_with("report written to " + dir + "/index.html: 6 items, 3 complete"));
        Run v = tidy(dir + "/index.html");
        INFO(v.err);
        CHECK(v.status == 0);
        CHECK(v.err.empty());
        const std::string html = slurp(dir + "/index.html");
        CHECK(html.find("<script") == std::string::npos);
        auto count = [&](const std::string& what) {
            size_t n = 0;
            for (size_t at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) n++;
            return n;
        };
        CHECK(count("http://") == count("xmlns=\"http://www.w3.org/2000/svg\""));  // the SVG namespace is a name, not a fetch
        CHECK(html.find("https://") == std::string::npos);
        CHECK(html.find("公开依据") != std::string::npos);
        CHECK(html.find("<svg") != std::string::npos);
        CHECK((html.find("二号机") != std::string::npos) == with_db);
        CHECK((html.find("<tr class=\"fault\">") != std::string::npos) == with_db);
    }
}

TEST_CASE("the office masks personal numbers a device sent unmasked, and drops bidi overrides from what the report shows",
          "[office][collect][personal][hostile]") {
    Office o;
    TestDevice d = make_device("徐汇区行政服务中心 1号机");
    write_file(o.devices, devices_toml({d}));
    // As a kiosk of an older or broken build would send them: the numbers in the clear.
    upload(o.inbox, d, {record(OutboxKind::Feedback, "2026-11-26T02:03:04Z",
                               R"({"page_kind":"item","page_id":"a","catalogue_version":1,"rating":1,"reasons":[],)"
                               R"("comment":"我的电话13812345678，身份证11010519491231002X‮反","time":"2026-11-26T02:03:04Z"})"),
                        misses("2026-11-25", {{"13912345678", 2, 0}})});
    auto summary = o.collect_json();
    CHECK(summary["records_new"] == 2);
    for (const char* sql : {"SELECT count(*) FROM feedback WHERE comment LIKE '%13812345678%' OR comment LIKE '%1002X%'",
                            "SELECT count(*) FROM misses WHERE query LIKE '%13912345678%'",
                            "SELECT count(*) FROM feedback WHERE instr(comment, char(0x202E)) > 0"})
        CHECK(query_db(o.db, sql) == 0);
    CHECK(query_db(o.db, "SELECT count(*) FROM feedback WHERE comment LIKE '%＊＊＊%'") == 1);
}

TEST_CASE("a heartbeat from a clock far ahead is kept in the history but never becomes the device's latest state",
          "[office][collect][hostile]") {
    Office o;
    TestDevice d = make_device("时钟跑快的设备");
    write_file(o.devices, devices_toml({d}));
    const std::time_t now = std::time(nullptr);
    upload(o.inbox, d, {heartbeat(now + 365 * 86400, {{"last_error", "FROM THE FUTURE"}})});
    upload(o.inbox, d, {heartbeat(now - 60, {{"last_error", "NOW"}})});
    o.collect_json();
    CHECK(query_db(o.db, "SELECT count(*) FROM heartbeats") == 2);
    CHECK(query_db(o.db, "SELECT time FROM heartbeat_latest") == now - 60);
}

TEST_CASE("collect refuses an office.db that is not a regular file, and a file set aside where a directory of its name "
          "was set aside before does not block the inbox",
          "[office][collect][hostile]") {
    Office o;
    TestDevice d = make_device("设备");
    write_file(o.devices, devices_toml({d}));
    Run dev_null = publish("collect --inbox " + o.inbox + " --db /dev/null --devices " + o.devices);
    CHECK(dev_null.status == 1);
    CHECK(dev_null.err.find("OfficeDbOpenFailed") != std::string::npos);
    CHECK_FALSE(fs::exists("/dev/null-journal"));
    // A file named like a batch is rejected; then a directory of the same name appears.
    put_file(o.inbox, d.key.id, "same.json", "not a batch");
    o.collect_json();
    fs::create_directories(fs::path(o.inbox) / "batches" / d.key.id / "same.json");
    upload(o.inbox, d, {feedback("a", 5)});
    auto second = o.collect_json();
    CHECK(second["records_new"] == 1);  // the batch after the clash was ingested
    CHECK_FALSE(fs::exists(fs::path(o.inbox) / "batches" / d.key.id / "same.json"));
}
