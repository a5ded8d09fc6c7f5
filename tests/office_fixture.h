// What the office tests and the office benchmark share: devices with real Ed25519 keys,
// records made by the device's own code (feedback_body) or as documented in
// docs/feedback.md (heartbeats, misses), sealed with seal_batch into an inbox laid out as
// nginx writes it, and devices.toml.
#pragma once
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch.h"
#include "clock.h"
#include "outbox.h"

namespace gongkai::office_test {

struct TestDevice {
    DeviceKey key;
    std::string name;
};

inline TestDevice make_device(std::string name) {
    if (sodium_init() < 0) std::abort();
    TestDevice d;
    crypto_sign_keypair(d.key.public_key.data(), d.key.secret_key.data());
    d.key.id = device_id_for(d.key.public_key);
    d.name = std::move(name);
    return d;
}

inline std::string devices_toml(const std::vector<TestDevice>& devices) {
    std::string s;
    for (auto& d : devices)
        s += "[[device]]\nid = \"" + d.key.id + "\"\npublic_key = \"" + d.key.public_key_base64() + "\"\nname = \"" + d.name + "\"\n\n";
    return s;
}

inline OutboxRecord record(OutboxKind kind, std::string created, std::string body) {
    return OutboxRecord{0, new_record_id(), kind, std::move(created), std::move(body)};
}

// A rating as the kiosk records it (outbox.cpp feedback_body).
inline OutboxRecord feedback(const std::string& page_id, int rating, std::vector<FeedbackReason> reasons = {},
                             std::string comment = {}, std::time_t time = 1795000000, std::string kind = "item") {
    Feedback f{kind, page_id, 12, rating, std::move(reasons), std::move(comment), time};
    auto body = feedback_body(f);
    if (!body) std::abort();
    return record(OutboxKind::Feedback, format_rfc3339_utc(time), *body);
}

// A heartbeat, format_version 2 of docs/feedback.md; `changes` overrides any field.
inline OutboxRecord heartbeat(std::time_t time, const nlohmann::json& changes = nlohmann::json::object()) {
    nlohmann::json j = {
        {"format", "gongkai-heartbeat"}, {"format_version", 2}, {"time", format_rfc3339_utc(time)},
        {"district", "徐汇区"}, {"hall", "徐汇区行政服务中心"}, {"groups", {"东片"}},
        {"software_version", "0.9.0"}, {"heartbeat_s", 900}, {"catalogue_version", 12}, {"catalogue_source", "sync"},
        {"stale", false}, {"last_success", format_rfc3339_utc(time - 300)}, {"last_error", nullptr},
        {"outbox", {{"records", 3}, {"bytes", 1200}, {"feedback", 2}, {"misses", 0}, {"heartbeat", 1},
                    {"oldest", format_rfc3339_utc(time - 3600)}, {"refused", 0}, {"full", false}}},
        {"free_disk_bytes", 12345678}, {"uptime_s", 86400}, {"daemon_uptime_s", 3600},
        {"kiosk_alive", true}, {"kiosk_alive_at", format_rfc3339_utc(time - 30)}};
    j.merge_patch(changes);
    return record(OutboxKind::Heartbeat, format_rfc3339_utc(time), j.dump());
}

struct Miss {
    std::string query;
    long long count, results;
};
inline OutboxRecord misses(const std::string& day, const std::vector<Miss>& queries) {
    nlohmann::json list = nlohmann::json::array();
    for (auto& q : queries) list.push_back({{"query", q.query}, {"count", q.count}, {"results", q.results}});
    return record(OutboxKind::Misses, day, nlohmann::json{{"day", day}, {"queries", list}, {"other_queries", 0}}.dump());
}

// Writes `bytes` as inbox/batches/<dir>/<name>, as nginx's WebDAV PUT leaves it.
inline std::filesystem::path put_file(const std::filesystem::path& inbox, const std::string& dir, const std::string& name,
                                      std::string_view bytes) {
    std::filesystem::path p = inbox / "batches" / dir / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
}

inline std::filesystem::path upload(const std::filesystem::path& inbox, const TestDevice& d, const std::vector<OutboxRecord>& records) {
    SealedBatch b = seal_batch(d.key, records);
    return put_file(inbox, d.key.id, b.name, b.bytes);
}

}  // namespace gongkai::office_test
