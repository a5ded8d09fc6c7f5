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

// A resident types at most 64 characters into the search box (the kiosk reads a query by its
// first 64: docs/search.md), so a longer query did not come from a kiosk.
inline constexpr size_t kMaxMissQueryChars = 64;
// A count per query per day: one search per second all day is 86,400; ten times that
// cannot be a hall's residents.
inline constexpr std::int64_t kMaxMissCount = 864000;
// Results of one query: the largest catalogue a device accepts has 100,000 rows
// (kMaxDirectoryRows); a count past that is not a result list.
inline constexpr std::int64_t kMaxMissResults = 100000;
// A heartbeat is ~700 bytes (docs/feedback.md's example); 8 KiB leaves room for a long
// last_error and a few fields a newer device adds, and bounds the per-device copy kept whole.
inline constexpr size_t kMaxHeartbeatBytes = 8 * 1024;
// last_error quotes a server at most a sentence or two; 2,000 bytes keeps a report row readable.
inline constexpr size_t kMaxHeartbeatErrorBytes = 2000;
// district, hall, a group name: a hall's full name is ~20 characters; 100 is five times that.
inline constexpr size_t kMaxHeartbeatNameChars = 100;
// A hall belongs to a few groups (东片, 长者服务点); 16 is more than any configuration we ship.
inline constexpr size_t kMaxHeartbeatGroups = 16;
// "0.9.0-rc1+g1234567" is 18; 32 is any version string our CMake produces.
inline constexpr size_t kMaxSoftwareVersionBytes = 32;

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
