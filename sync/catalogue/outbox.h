// The outbox: what goes back to the office — residents' ratings (好差评), zero-result search
// counts per day and heartbeats — kept in the cache until the office's server confirms it
// (issue 10, docs/feedback.md). A record's life:
//
//   kiosk: rating tapped ──▶ add_feedback ─┐            (CacheWriter thread, never the frame loop)
//   daemon: day over ──▶ queue_search_misses ├──▶ outbox (SQLite, oldest first)
//   daemon: heartbeat_s ──▶ add_heartbeat ──┘        │
//                                                    ▼
//          outbox_oldest ──▶ seal_batch ──▶ PUT batches/<device>/<sha256>.json
//                                                    │ 2xx
//                                                    ▼
//                                             outbox_remove (one transaction)
//
// A crash between the PUT and the removal sends the same records again, in a batch of
// the same name if nothing newer joined it; the office ingests by record id, so a record
// arrives exactly once either way. Nothing is ever dropped silently: past outbox_max_mib a
// new feedback or misses record is refused with OutboxFull and counted (the heartbeat
// says so); a heartbeat then replaces the newest queued heartbeat instead.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache.h"

namespace gongkai {

// The national 好差评 scale, best first as residents see it.
inline constexpr int kRatingVerySatisfied = 5;     // 非常满意
inline constexpr int kRatingVeryDissatisfied = 1;  // 非常不满意
// Ratings at or below this ask for a reason (不满意, 非常不满意).
inline constexpr int kRatingAsksReason = 2;

enum class FeedbackReason { HardToUnderstand, OutOfDate, CannotFindService, MaterialsUnclear, Other };
inline constexpr FeedbackReason kAllFeedbackReasons[] = {FeedbackReason::HardToUnderstand, FeedbackReason::OutOfDate,
                                                         FeedbackReason::CannotFindService, FeedbackReason::MaterialsUnclear,
                                                         FeedbackReason::Other};
// The code in records: "unclear", "outdated", "not_found", "materials", "other".
const char* to_string(FeedbackReason reason);
std::optional<FeedbackReason> feedback_reason_from_string(std::string_view code);

// A comment typed on a touch screen: 200 characters is a long paragraph, and bounds a
// record at well under 2 KiB.
inline constexpr size_t kMaxCommentChars = 200;
// Ids of items and notices are at most 64 bytes (site_writer.h page ids).
inline constexpr size_t kMaxFeedbackIdBytes = 64;

// What a resident said about one page. No name, phone, face or card: the comment is
// scrubbed of personal numbers (personal_data.h) before it is stored.
struct Feedback {
    std::string page_kind;  // "item" or "notice"
    std::string page_id;
    std::int64_t catalogue_version = 0;
    int rating = 0;         // 1 (非常不满意) … 5 (非常满意)
    std::vector<FeedbackReason> reasons;
    std::string comment;
    std::time_t time = 0;
};

// What the office accepts in a record (sync/office/office_records.cpp checks them; the device
// keeps its records within them before it queues them, or the office would refuse them).
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

enum class OutboxKind { Feedback, Misses, Heartbeat };
const char* to_string(OutboxKind kind);  // "feedback", "misses", "heartbeat"
std::optional<OutboxKind> outbox_kind_from_string(std::string_view s);

struct OutboxRecord {
    std::int64_t seq = 0;
    std::string id;       // 32 hex digits, random
    OutboxKind kind = OutboxKind::Feedback;
    std::string created;  // RFC 3339 UTC; for misses the day they counted
    std::string body;     // a JSON object
};

// 16 random bytes as 32 hex digits (libsodium).
std::string new_record_id();

// The feedback record's JSON body, comment scrubbed and clipped; FeedbackInvalid on a
// rating outside 1–5, a page kind other than item/notice, an empty or over-long id.
Result<std::string> feedback_body(const Feedback& f);

// Appends `f`. OutboxFull (and the refusal counted) when the outbox already holds
// max_bytes; FeedbackInvalid as feedback_body. Returns the record id.
Result<std::string> add_feedback(Cache& cache, const Feedback& f, std::uint64_t max_bytes);

// Copies the record fields the office checks within its bounds where they can be repaired
// (a malformed id gets a new random one) and removes rows no office could read (a body that
// is not a JSON object, an over-long creation time), counting them in kStateOutboxDiscarded
// with a logged warning: one bad row must not have a whole signed batch refused. Rows of a
// kind this build does not know are left for the build that wrote them. Returns how many rows
// were removed. upload_outbox runs it before every upload.
Result<int> outbox_repair(Cache& cache);

// Queues one misses record per finished local day (before `today`, YYYY-MM-DD) not yet
// queued: each query's count and result count for that day, never a finer time. The
// state key and the records are written in one transaction. Returns how many days.
Result<int> queue_search_misses(Cache& cache, const std::string& today, std::uint64_t max_bytes);
// A day holds at most this many distinct queries in its record (most frequent first); the
// rest are counted together as "other_queries" — bounds a record at ~100 KiB.
inline constexpr size_t kMaxMissQueriesPerDay = 1000;

// Appends a heartbeat (a JSON object). Past max_bytes it replaces the newest queued
// heartbeat, so the office still gets the latest state without displacing feedback.
Result<std::string> add_heartbeat(Cache& cache, const std::string& json, std::time_t now, std::uint64_t max_bytes);

// The oldest records, at most max_records and max_bytes of bodies (always at least one
// record if any is queued).
Result<std::vector<OutboxRecord>> outbox_oldest(Cache& cache, size_t max_records, size_t max_bytes);
// Removes the records the office confirmed, in one transaction.
Error outbox_remove(Cache& cache, const std::vector<std::string>& ids);

// Copies what a damaged cache's outbox still yields (read-only, row by row until the
// damage stops it) into `into`, keeping ids unique: a cache moved aside as corrupt takes
// no unsent rating with it (cache_open.cpp calls this). Returns how many were copied.
Result<int> salvage_outbox(Cache& into, const std::string& damaged_path);

struct OutboxStats {
    std::int64_t records = 0;
    std::int64_t bytes = 0;
    std::int64_t feedback = 0, misses = 0, heartbeat = 0;
    std::string oldest_created;  // "" when empty
    std::int64_t refused = 0;    // records refused because the outbox was full, ever
    std::int64_t discarded = 0;  // malformed rows removed by outbox_repair, ever
};
Result<OutboxStats> outbox_stats(Cache& cache);

// device_state keys of the outbox.
inline constexpr const char* kStateMissesQueuedThrough = "outbox.misses_queued_through";  // last day queued
inline constexpr const char* kStateOutboxRefused = "outbox.refused";                      // count
inline constexpr const char* kStateOutboxDiscarded = "outbox.discarded";                  // count: malformed rows removed
inline constexpr const char* kStateKioskAlive = "kiosk.alive";                            // RFC 3339 UTC, the kiosk's liveness stamp
// The kiosk stamps liveness this often; the heartbeat counts it alive within 3 stamps.
inline constexpr int kKioskAliveStampS = 60;

}  // namespace gongkai
