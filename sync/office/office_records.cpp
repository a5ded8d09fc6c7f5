// See office_records.h.
#include "office_records.h"

#include "clock.h"
#include "outbox.h"
#include "personal_data.h"
#include "utf8.h"

namespace gongkai {

using json = nlohmann::json;

std::string without_controls(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        size_t start = i;
        char32_t c = utf8::next(text, i);
        // Bidi overrides and isolates (U+202A–202E, U+2066–2069) would let a comment or a
        // device name reverse the text beside it in the report: dropped like controls.
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) out += ' ';
        else if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029) out += ' ';
        else out.append(text.substr(start, i - start));
    }
    return out;
}

size_t utf8_length(std::string_view text) {
    size_t n = 0;
    for (size_t i = 0; i < text.size(); n++) utf8::next(text, i);
    return n;
}

namespace {

// The field readers share one shape: nullptr / nullopt when the key is absent, an error
// text in `why` when it is present with the wrong type or out of range.
struct Fields {
    const json& object;
    std::string why;

    const json* get(const char* key) const {
        auto it = object.find(key);
        return it == object.end() ? nullptr : &*it;
    }
    bool fail(std::string text) {
        if (why.empty()) why = std::move(text);
        return false;
    }
    // A required (or, with `required` false, optional) integer in [lo, hi].
    std::optional<std::int64_t> integer(const char* key, std::int64_t lo, std::int64_t hi, bool required) {
        const json* v = get(key);
        if (!v || (!required && v->is_null())) {
            if (required) fail(std::string(key) + " is missing");
            return std::nullopt;
        }
        if (!v->is_number_integer()) { fail(std::string(key) + " is not an integer"); return std::nullopt; }
        // A number_unsigned above INT64_MAX reads as negative through get<int64_t>: check the kind.
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) {
            fail(std::string(key) + " is out of range");
            return std::nullopt;
        }
        std::int64_t n = v->get<std::int64_t>();
        if (n < lo || n > hi) { fail(std::string(key) + " is " + std::to_string(n) + ", outside " + std::to_string(lo) + "–" + std::to_string(hi)); return std::nullopt; }
        return n;
    }
    // A string of at most max_bytes bytes and max_chars characters (0: no character bound).
    std::optional<std::string> text(const char* key, size_t max_bytes, size_t max_chars, bool required) {
        const json* v = get(key);
        if (!v || (!required && v->is_null())) {
            if (required) fail(std::string(key) + " is missing");
            return std::nullopt;
        }
        if (!v->is_string()) { fail(std::string(key) + " is not a string"); return std::nullopt; }
        const std::string& s = v->get_ref<const std::string&>();
        if (s.size() > max_bytes || (max_chars && utf8_length(s) > max_chars)) {
            fail(std::string(key) + " is longer than allowed");
            return std::nullopt;
        }
        return s;
    }
    std::optional<bool> boolean(const char* key) {
        const json* v = get(key);
        if (!v || v->is_null()) return std::nullopt;
        if (!v->is_boolean()) { fail(std::string(key) + " is not true or false"); return std::nullopt; }
        return v->get<bool>();
    }
};

bool is_rfc3339(const std::string& s) {
    std::time_t t;
    return parse_rfc3339_utc(s, &t);
}

// Counts in a heartbeat's outbox and uptimes: non-negative, and below 2^53 so that every
// JSON reader (a report's JavaScript-free HTML aside, jq uses doubles) reads them exactly.
constexpr std::int64_t kMaxCounter = (std::int64_t{1} << 53) - 1;

}  // namespace

Result<FeedbackRecord> check_feedback_record(const json& body) {
    Fields f{body, {}};
    FeedbackRecord r;
    // "notice" is the longest kind (6 bytes); 8 bounds the read before the value is compared.
    auto kind = f.text("page_kind", 8, 0, true);
    auto id = f.text("page_id", kMaxFeedbackIdBytes, 0, true);
    auto version = f.integer("catalogue_version", 0, INT64_MAX, true);
    auto rating = f.integer("rating", kRatingVeryDissatisfied, kRatingVerySatisfied, true);
    // A comment of 200 characters is at most 800 bytes of UTF-8.
    auto comment = f.text("comment", 4 * kMaxCommentChars, kMaxCommentChars, false);
    // RFC 3339 as we write it is 20 bytes; 32 bounds the text before it is parsed.
    auto time = f.text("time", 32, 0, true);
    if (kind && *kind != "item" && *kind != "notice") f.fail("page_kind is neither item nor notice");
    if (id && id->empty()) f.fail("page_id is empty");
    if (id && without_controls(*id) != *id) f.fail("page_id holds control characters");
    if (time && !is_rfc3339(*time)) f.fail("time is not YYYY-MM-DDTHH:MM:SSZ");
    bool given[std::size(kAllFeedbackReasons)] = {};
    if (const json* reasons = f.get("reasons")) {
        if (!reasons->is_array()) f.fail("reasons is not a list");
        else if (reasons->size() > std::size(kAllFeedbackReasons)) f.fail("reasons lists more codes than there are");
        else
            for (const json& code : *reasons) {
                auto reason = code.is_string() ? feedback_reason_from_string(code.get_ref<const std::string&>()) : std::nullopt;
                if (!reason) { f.fail("reasons holds an unknown code"); break; }
                bool& seen = given[static_cast<size_t>(*reason)];
                if (seen) { f.fail("reasons names a code twice"); break; }
                seen = true;
            }
    }
    if (!f.why.empty()) return make_error(CatalogueError::FeedbackInvalid, f.why);
    r.page_kind = *kind;
    r.page_id = *id;
    r.catalogue_version = *version;
    r.rating = static_cast<int>(*rating);
    for (FeedbackReason reason : kAllFeedbackReasons)
        if (given[static_cast<size_t>(reason)]) r.reasons.push_back(to_string(reason));
    // Masked again here: a device of an older or broken build may have sent a number
    // unmasked, and the report travels further than any device (personal_data.h).
    r.comment = comment ? scrub_personal_data(without_controls(*comment)).text : std::string();
    r.time = *time;
    return r;
}

Result<MissesRecord> check_misses_record(const json& body) {
    Fields f{body, {}};
    MissesRecord r;
    auto day = f.text("day", 10, 0, true);
    CalendarDate date{};
    if (day && !parse_calendar_date(*day, &date)) f.fail("day is not a date YYYY-MM-DD");
    auto other = f.integer("other_queries", 0, kMaxCounter, false);
    const json* queries = f.get("queries");
    if (!queries || !queries->is_array()) f.fail("queries is not a list");
    else if (queries->size() > kMaxMissQueriesPerDay) f.fail("more than " + std::to_string(kMaxMissQueriesPerDay) + " queries in one day");
    else
        for (size_t i = 0; i < queries->size() && f.why.empty(); i++) {
            const json& q = (*queries)[i];
            if (!q.is_object()) { f.fail("query " + std::to_string(i + 1) + " is not an object"); break; }
            Fields qf{q, {}};
            auto text = qf.text("query", 4 * kMaxMissQueryChars, kMaxMissQueryChars, true);
            auto count = qf.integer("count", 1, kMaxMissCount, true);
            auto results = qf.integer("results", 0, kMaxMissResults, true);
            if (text && text->empty()) qf.fail("query is empty");
            if (!qf.why.empty()) { f.fail("query " + std::to_string(i + 1) + ": " + qf.why); break; }
            r.queries.push_back({scrub_personal_data(without_controls(*text)).text, *count, *results});
        }
    if (!f.why.empty()) return make_error(OfficeError::MissesInvalid, f.why);
    r.day = *day;
    r.other_queries = other.value_or(0);
    return r;
}

Result<HeartbeatRecord> check_heartbeat_record(const json& body) {
    Fields f{body, {}};
    HeartbeatRecord r;
    auto format = f.text("format", 32, 0, true);
    if (format && *format != "gongkai-heartbeat") f.fail("format is not gongkai-heartbeat");
    // Any version from 1 (fields are read by type, so a newer device's heartbeat is kept);
    // 1000 only refuses a number that is no version.
    f.integer("format_version", 1, 1000, true);
    auto time = f.text("time", 32, 0, true);
    if (time && !parse_rfc3339_utc(*time, &r.time)) f.fail("time is not YYYY-MM-DDTHH:MM:SSZ");
    f.text("software_version", kMaxSoftwareVersionBytes, 0, false);
    // config.cpp's range for [report] heartbeat_s.
    f.integer("heartbeat_s", 60, 86400, false);
    r.catalogue_version = f.integer("catalogue_version", 0, INT64_MAX, false);
    f.text("catalogue_source", 16, 0, false);  // "sync", "demo", "embedded": short words
    f.boolean("stale");
    for (const char* stamp : {"last_success", "kiosk_alive_at"})
        if (auto s = f.text(stamp, 32, 0, false); s && !is_rfc3339(*s)) f.fail(std::string(stamp) + " is not YYYY-MM-DDTHH:MM:SSZ");
    if (auto e = f.text("last_error", kMaxHeartbeatErrorBytes, 0, false)) r.last_error = without_controls(*e);
    for (const char* name : {"district", "hall"}) f.text(name, 4 * kMaxHeartbeatNameChars, kMaxHeartbeatNameChars, false);
    if (const json* groups = f.get("groups"); groups && !groups->is_null()) {
        if (!groups->is_array() || groups->size() > kMaxHeartbeatGroups) f.fail("groups is not a list of at most " + std::to_string(kMaxHeartbeatGroups) + " names");
        else
            for (const json& g : *groups)
                if (!g.is_string() || utf8_length(g.get_ref<const std::string&>()) > kMaxHeartbeatNameChars) { f.fail("groups holds a name that is not short text"); break; }
    }
    for (const char* counter : {"free_disk_bytes", "uptime_s", "daemon_uptime_s"}) f.integer(counter, 0, kMaxCounter, false);
    if (auto alive = f.boolean("kiosk_alive")) r.kiosk_alive = *alive;
    if (const json* outbox = f.get("outbox"); outbox && !outbox->is_null()) {
        if (!outbox->is_object()) {
            f.fail("outbox is not an object");
        } else {
            Fields o{*outbox, {}};
            r.outbox_records = o.integer("records", 0, kMaxCounter, false).value_or(0);
            for (const char* counter : {"bytes", "feedback", "misses", "heartbeat", "refused"}) o.integer(counter, 0, kMaxCounter, false);
            if (auto oldest = o.text("oldest", 32, 0, false); oldest && !is_rfc3339(*oldest)) o.fail("oldest is not YYYY-MM-DDTHH:MM:SSZ");
            r.outbox_full = o.boolean("full").value_or(false);
            if (!o.why.empty()) f.fail("outbox." + o.why);
        }
    }
    if (!f.why.empty()) return make_error(OfficeError::HeartbeatInvalid, f.why);
    r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    if (r.body.size() > kMaxHeartbeatBytes)
        return make_error(OfficeError::HeartbeatInvalid, "larger than " + std::to_string(kMaxHeartbeatBytes) + " bytes");
    return r;
}

}  // namespace gongkai
