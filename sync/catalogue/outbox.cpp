// See outbox.h.
#include "outbox.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "clock.h"
#include "personal_data.h"
#include "sqlite_db.h"
#include "utf8.h"

namespace gongkai {

const char* to_string(FeedbackReason reason) {
    switch (reason) {
    case FeedbackReason::HardToUnderstand: return "unclear";
    case FeedbackReason::OutOfDate: return "outdated";
    case FeedbackReason::CannotFindService: return "not_found";
    case FeedbackReason::MaterialsUnclear: return "materials";
    case FeedbackReason::Other: return "other";
    }
    return "other";
}

std::optional<FeedbackReason> feedback_reason_from_string(std::string_view code) {
    for (FeedbackReason r : kAllFeedbackReasons)
        if (code == to_string(r)) return r;
    return std::nullopt;
}

const char* to_string(OutboxKind kind) {
    switch (kind) {
    case OutboxKind::Feedback: return "feedback";
    case OutboxKind::Misses: return "misses";
    case OutboxKind::Heartbeat: return "heartbeat";
    }
    return "feedback";
}

std::optional<OutboxKind> outbox_kind_from_string(std::string_view s) {
    for (OutboxKind k : {OutboxKind::Feedback, OutboxKind::Misses, OutboxKind::Heartbeat})
        if (s == to_string(k)) return k;
    return std::nullopt;
}

std::string new_record_id() {
    if (sodium_init() < 0) std::abort();  // no randomness: never make a guessable id
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[2 * sizeof bytes + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

// A text typed on the kiosk, as it may be kept: personal numbers masked (before
// clipping, so a cut cannot leave half a phone number unmasked), valid UTF-8, no
// control characters, at most `max_chars` characters.
static std::string clean_typed_text(std::string_view typed, size_t max_chars) {
    // Anything past 4× the limit is never kept: bound the scrub's input too.
    std::string masked = scrub_personal_data(typed.substr(0, 4 * 4 * max_chars)).text;
    std::string out;
    size_t i = 0, chars = 0;
    while (i < masked.size() && chars < max_chars) {
        char32_t c = utf8::next(masked, i);
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029) c = U' ';
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
        utf8::append(out, c);
        chars++;
    }
    return out;
}

// The first `max_chars` characters of valid UTF-8 text.
static std::string clip_chars(std::string_view text, size_t max_chars) {
    size_t i = 0, chars = 0;
    while (i < text.size() && chars < max_chars) {
        utf8::next(text, i);
        chars++;
    }
    return std::string(text.substr(0, std::min(i, text.size())));
}

Result<std::string> feedback_body(const Feedback& f) {
    if (f.rating < kRatingVeryDissatisfied || f.rating > kRatingVerySatisfied)
        return make_error(CatalogueError::FeedbackInvalid, "rating " + std::to_string(f.rating) + " is not 1–5");
    if (f.page_kind != "item" && f.page_kind != "notice")
        return make_error(CatalogueError::FeedbackInvalid, "page kind must be item or notice");
    if (f.page_id.empty() || f.page_id.size() > kMaxFeedbackIdBytes)
        return make_error(CatalogueError::FeedbackInvalid, "page id is empty or longer than 64 bytes");
    nlohmann::json reasons = nlohmann::json::array();
    for (FeedbackReason r : kAllFeedbackReasons)  // each once, in a fixed order
        for (FeedbackReason given : f.reasons)
            if (given == r) { reasons.push_back(to_string(r)); break; }
    nlohmann::ordered_json j = {
        {"page_kind", f.page_kind},
        {"page_id", f.page_id},
        {"catalogue_version", f.catalogue_version},
        {"rating", f.rating},
        {"reasons", reasons},
        {"comment", clean_typed_text(f.comment, kMaxCommentChars)},
        {"time", format_rfc3339_utc(f.time)},
    };
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

static Result<std::int64_t> outbox_bytes(sqlite3* db) {
    sql::Stmt st(db, "SELECT coalesce(sum(length(CAST(body AS BLOB))), 0) FROM outbox");
    int rc = st.step();
    if (rc != SQLITE_ROW) return sql::error(db, rc, CatalogueError::CacheCorrupt, "measure the outbox");
    return st.integer(0);
}

static Error insert_record(sqlite3* db, const std::string& id, OutboxKind kind, const std::string& created, const std::string& body) {
    sql::Stmt st(db, "INSERT INTO outbox(id, kind, created, body) VALUES (?, ?, ?, ?)");
    st.bind(1, id).bind(2, std::string(to_string(kind))).bind(3, created).bind(4, body);
    if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "add to the outbox");
    return {};
}

// Counts a refusal in its own small write (the refused record's transaction is gone).
static void count_refusal(Cache& cache) {
    sql::exec(cache.handle(),
              "INSERT INTO device_state(key, value) VALUES ('outbox.refused', '1') "
              "ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)");
}

static Error outbox_full_error(std::int64_t bytes, std::uint64_t max_bytes) {
    return make_error(CatalogueError::OutboxFull, "the outbox holds " + std::to_string(bytes) + " bytes, its limit is " +
                                                      std::to_string(max_bytes) + " (outbox_max_mib): the office has not confirmed an upload for a while");
}

Result<std::string> add_feedback(Cache& cache, const Feedback& f, std::uint64_t max_bytes) {
    auto body = feedback_body(f);
    if (!body) return body.error();
    sqlite3* db = cache.handle();
    std::string id = new_record_id();
    {
        sql::Transaction tx(db, "BEGIN IMMEDIATE");
        if (tx.begin_rc() != SQLITE_OK) return sql::error(db, tx.begin_rc(), CatalogueError::CacheWriteFailed, "begin feedback");
        auto bytes = outbox_bytes(db);
        if (!bytes) return bytes.error();
        if (static_cast<std::uint64_t>(*bytes) + body->size() > max_bytes) {
            Error full = outbox_full_error(*bytes, max_bytes);
            tx.commit();  // nothing written; ends the transaction before counting
            count_refusal(cache);
            return full;
        }
        if (Error e = insert_record(db, id, OutboxKind::Feedback, format_rfc3339_utc(f.time), *body)) return e;
        if (int rc = tx.commit(); rc != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "commit feedback");
    }
    return id;
}

Result<int> queue_search_misses(Cache& cache, const std::string& today, std::uint64_t max_bytes) {
    sqlite3* db = cache.handle();
    sql::Transaction tx(db, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db, tx.begin_rc(), CatalogueError::CacheWriteFailed, "begin queueing misses");
    auto through = cache.state(kStateMissesQueuedThrough);
    if (!through) return through.error();
    std::vector<std::string> days;
    {
        sql::Stmt st(db, "SELECT DISTINCT day FROM search_misses WHERE day > ? AND day < ? ORDER BY day");
        st.bind(1, *through).bind(2, today);
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) days.push_back(st.text(0));
        if (rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheCorrupt, "read search misses");
    }
    if (days.empty()) return 0;
    auto bytes = outbox_bytes(db);
    if (!bytes) return bytes.error();
    std::int64_t total = *bytes;
    for (const std::string& day : days) {
        nlohmann::ordered_json queries = nlohmann::ordered_json::array();
        std::int64_t other = 0;
        sql::Stmt st(db, "SELECT query, count, results FROM search_misses WHERE day = ? ORDER BY count DESC, query");
        st.bind(1, day);
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            // Within what the office accepts (kMaxMiss*): a row it would refuse would cost the
            // whole day's record.
            std::string query = clip_chars(st.text(0), kMaxMissQueryChars);
            const std::int64_t count = std::clamp<std::int64_t>(st.integer(1), 0, kMaxMissCount);
            const std::int64_t results = std::clamp<std::int64_t>(st.integer(2), 0, kMaxMissResults);
            if (query.empty() || count < 1) continue;
            if (queries.size() < kMaxMissQueriesPerDay)
                queries.push_back({{"query", std::move(query)}, {"count", count}, {"results", results}});
            else
                other += count;
        }
        if (rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheCorrupt, "read search misses of " + day);
        nlohmann::ordered_json j = {{"day", day}, {"queries", queries}, {"other_queries", other}};
        std::string body = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        if (static_cast<std::uint64_t>(total) + body.size() > max_bytes) {
            // Stop at the first day that does not fit: the next attempt starts from it.
            Error full = outbox_full_error(total, max_bytes);
            if (int crc = tx.commit(); crc != SQLITE_OK) return sql::error(db, crc, CatalogueError::CacheWriteFailed, "commit misses");
            count_refusal(cache);
            return full;
        }
        if (Error e = insert_record(db, new_record_id(), OutboxKind::Misses, day, body)) return e;
        if (Error e = cache.set_state(kStateMissesQueuedThrough, day)) return e;
        total += static_cast<std::int64_t>(body.size());
    }
    if (int rc = tx.commit(); rc != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "commit misses");
    return static_cast<int>(days.size());
}

Result<std::string> add_heartbeat(Cache& cache, const std::string& json, std::time_t now, std::uint64_t max_bytes) {
    sqlite3* db = cache.handle();
    std::string id = new_record_id();
    sql::Transaction tx(db, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db, tx.begin_rc(), CatalogueError::CacheWriteFailed, "begin heartbeat");
    auto bytes = outbox_bytes(db);
    if (!bytes) return bytes.error();
    if (static_cast<std::uint64_t>(*bytes) + json.size() > max_bytes) {
        int rc = sql::exec(db, "DELETE FROM outbox WHERE seq = (SELECT max(seq) FROM outbox WHERE kind = 'heartbeat')");
        if (rc != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "replace the newest heartbeat");
    }
    if (Error e = insert_record(db, id, OutboxKind::Heartbeat, format_rfc3339_utc(now), json)) return e;
    if (int rc = tx.commit(); rc != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "commit heartbeat");
    return id;
}

Result<std::vector<OutboxRecord>> outbox_oldest(Cache& cache, size_t max_records, size_t max_bytes) {
    sqlite3* db = cache.handle();
    // Only the kinds this build knows: a newer build's rows wait for it, and must not fill
    // every batch with rows that are then skipped.
    sql::Stmt st(db, "SELECT seq, id, kind, created, body FROM outbox WHERE kind IN ('feedback', 'misses', 'heartbeat') "
                     "ORDER BY seq LIMIT ?");
    st.bind(1, static_cast<std::int64_t>(max_records));
    std::vector<OutboxRecord> out;
    size_t bytes = 0;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        OutboxRecord r;
        r.seq = st.integer(0);
        r.id = st.text(1);
        auto kind = outbox_kind_from_string(st.text(2));
        r.created = st.text(3);
        r.body = st.text(4);
        // A row this build does not know (written by a newer one) is left for it.
        if (!kind) continue;
        r.kind = *kind;
        if (!out.empty() && bytes + r.body.size() > max_bytes) break;
        bytes += r.body.size();
        out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return sql::error(db, rc, CatalogueError::CacheCorrupt, "read the outbox");
    return out;
}

Error outbox_remove(Cache& cache, const std::vector<std::string>& ids) {
    sqlite3* db = cache.handle();
    sql::Transaction tx(db, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db, tx.begin_rc(), CatalogueError::CacheWriteFailed, "begin outbox removal");
    sql::Stmt st(db, "DELETE FROM outbox WHERE id = ?");
    for (const std::string& id : ids) {
        st.reset();
        st.bind(1, id);
        if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "remove from the outbox");
    }
    if (int rc = tx.commit(); rc != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "commit outbox removal");
    return {};
}

Result<int> salvage_outbox(Cache& into, const std::string& damaged_path) {
    sqlite3* old = nullptr;
    int rc = sqlite3_open_v2(damaged_path.c_str(), &old, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sql::error(old, rc, CatalogueError::CacheCorrupt, "open the damaged cache " + damaged_path);
        sqlite3_close(old);
        return e;
    }
    std::vector<std::array<std::string, 4>> rows;
    {
        sql::Stmt st(old, "SELECT id, kind, created, body FROM outbox ORDER BY seq");
        while ((rc = st.step()) == SQLITE_ROW) rows.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
        // A read that stops at the damage keeps what came before it.
    }
    sqlite3_close(old);
    if (rows.empty()) return 0;
    sqlite3* db = into.handle();
    sql::Transaction tx(db, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db, tx.begin_rc(), CatalogueError::CacheWriteFailed, "begin salvage");
    sql::Stmt ins(db, "INSERT OR IGNORE INTO outbox(id, kind, created, body) VALUES (?, ?, ?, ?)");
    int copied = 0;
    for (auto& r : rows) {
        ins.reset();
        ins.bind(1, r[0]).bind(2, r[1]).bind(3, r[2]).bind(4, r[3]);
        if ((rc = ins.step()) != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "salvage the outbox");
        copied += sqlite3_changes(db) > 0;
    }
    if ((rc = tx.commit()) != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "commit salvage");
    return copied;
}

Result<int> outbox_repair(Cache& cache) {
    sqlite3* db = cache.handle();
    const char* known = "kind IN ('feedback', 'misses', 'heartbeat')";
    sql::Transaction tx(db, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db, tx.begin_rc(), CatalogueError::CacheWriteFailed, "begin outbox repair");
    // A malformed id (a salvaged or hand-edited row): a new random one. It was never
    // delivered under the old one — the office refuses such ids.
    std::string fix_ids = std::string("UPDATE outbox SET id = lower(hex(randomblob(16))) WHERE ") + known +
                          " AND (length(id) != 32 OR id GLOB '*[^0-9a-f]*')";
    int rc = sql::exec(db, fix_ids.c_str());
    if (rc != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "repair outbox ids");
    std::string drop = std::string("DELETE FROM outbox WHERE ") + known +
                       " AND (length(created) > 32 OR NOT json_valid(body) OR json_type(body) != 'object')";
    if ((rc = sql::exec(db, drop.c_str())) != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "remove malformed outbox rows");
    const int removed = sqlite3_changes(db);
    if (removed > 0) {
        sql::Stmt count(db, "INSERT INTO device_state(key, value) VALUES ('outbox.discarded', ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + excluded.value AS TEXT)");
        count.bind(1, std::to_string(removed));
        if ((rc = count.step()) != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "count malformed outbox rows");
    }
    if ((rc = tx.commit()) != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "commit outbox repair");
    return removed;
}

Result<OutboxStats> outbox_stats(Cache& cache) {
    sqlite3* db = cache.handle();
    OutboxStats s;
    sql::Transaction tx(db, "BEGIN");
    sql::Stmt st(db, "SELECT kind, count(*), coalesce(sum(length(CAST(body AS BLOB))), 0), min(created) FROM outbox GROUP BY kind");
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        std::int64_t n = st.integer(1);
        s.records += n;
        s.bytes += st.integer(2);
        auto kind = outbox_kind_from_string(st.text(0));
        if (kind == OutboxKind::Feedback) s.feedback = n;
        else if (kind == OutboxKind::Misses) s.misses = n;
        else if (kind == OutboxKind::Heartbeat) s.heartbeat = n;
    }
    if (rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheCorrupt, "read the outbox");
    sql::Stmt oldest(db, "SELECT created FROM outbox ORDER BY seq LIMIT 1");
    if ((rc = oldest.step()) == SQLITE_ROW) s.oldest_created = oldest.text(0);
    else if (rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheCorrupt, "read the outbox");
    auto refused = cache.state(kStateOutboxRefused);
    if (!refused) return refused.error();
    s.refused = refused->empty() ? 0 : std::atoll(refused->c_str());
    auto discarded = cache.state(kStateOutboxDiscarded);
    if (!discarded) return discarded.error();
    s.discarded = discarded->empty() ? 0 : std::atoll(discarded->c_str());
    tx.commit();
    return s;
}

}  // namespace gongkai
