// search_misses: queries that found little, counted per local day for the central office
// (docs/search.md). Query text and a count only — nothing about the resident.
#include "cache.h"
#include "personal_data.h"
#include "sqlite_db.h"

namespace gongkai {

Error Cache::record_search_miss(const std::string& day, const std::string& query, int results) {
    sql::Stmt st(db_, "INSERT INTO search_misses(day, query, count, results) VALUES (?, ?, 1, ?) "
                 "ON CONFLICT(day, query) DO UPDATE SET count = count + 1, results = excluded.results");
    // An ID card or phone number typed into search is masked before it is stored
    // (personal_data.h): the office learns that one was typed, never which.
    st.bind(1, day).bind(2, scrub_personal_data(query).text).bind(3, std::int64_t{results});
    if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "record search miss");
    return {};
}

Result<std::vector<Cache::ZeroResultQuery>> Cache::zero_result_queries() {
    sql::Stmt st(db_, "SELECT query, sum(count), min(day), max(day) FROM search_misses WHERE results = 0 "
                      "GROUP BY query ORDER BY sum(count) DESC, query");
    std::vector<ZeroResultQuery> out;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) out.push_back({st.text(0), st.integer(1), st.text(2), st.text(3)});
    if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read search misses");
    return out;
}

}  // namespace gongkai
