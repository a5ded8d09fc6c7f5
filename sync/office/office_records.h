// The records a verified batch carries (docs/feedback.md), checked field by field before
// the office stores them: a signature proves which device sent a batch, not that the
// device's software (or whoever holds its key) wrote sane values. Every string is bounded,
// every number ranged, every code known; text that reaches the report has its control
// characters replaced by spaces. One record that fails is refused alone (the rest of its
// batch is ingested): docs/feedback.md says why.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch.h"
#include "office_errors.h"

namespace gongkai {

// The bounds of each field (kMaxMissQueryChars, kMaxHeartbeatErrorBytes …) are outbox.h's:
// the device keeps its records within them before it queues them.

struct FeedbackRecord {
    std::string page_kind;  // "item" or "notice"
    std::string page_id;
    std::int64_t catalogue_version = 0;
    int rating = 0;                    // 1 … 5
    std::vector<std::string> reasons;  // known codes, each once, in kAllFeedbackReasons order
    std::string comment;               // ≤ kMaxCommentChars characters, no control characters
    std::string time;                  // RFC 3339 UTC
};

struct MissesQuery {
    std::string query;
    std::int64_t count = 0;
    std::int64_t results = 0;
};
struct MissesRecord {
    std::string day;  // YYYY-MM-DD
    std::vector<MissesQuery> queries;
    std::int64_t other_queries = 0;
};

// The compact history row of a heartbeat, and the whole document (re-serialised) kept as
// the device's latest.
struct HeartbeatRecord {
    std::time_t time = 0;
    std::optional<std::int64_t> catalogue_version;
    std::optional<std::string> last_error;
    std::int64_t outbox_records = 0;
    bool kiosk_alive = true;   // absent (a format_version 1 heartbeat) counts as alive: unknown is not a fault
    bool outbox_full = false;
    std::string body;          // the checked JSON object, ≤ kMaxHeartbeatBytes
};

// FeedbackInvalid, MissesInvalid or HeartbeatInvalid, naming the field.
[[nodiscard]] Result<FeedbackRecord> check_feedback_record(const nlohmann::json& body);
[[nodiscard]] Result<MissesRecord> check_misses_record(const nlohmann::json& body);
[[nodiscard]] Result<HeartbeatRecord> check_heartbeat_record(const nlohmann::json& body);

// Text from outside as the report shows it: C0 and C1 control characters and DEL become
// spaces (an escape sequence must reach neither a terminal nor an HTML page).
std::string without_controls(std::string_view text);
// Characters (code points) of valid UTF-8.
size_t utf8_length(std::string_view text);

}  // namespace gongkai
