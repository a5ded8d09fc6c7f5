// `gongkai-publish report`: what the central office reads about its catalogue and its
// devices (docs/feedback.md). From a catalogue source directory — complete or not: the
// point is to list what validate refuses — every directory row's missing elements of the
// disclosure standard, named by the column header the department's table uses, the rows
// with no plain-language guide, and how long each row has gone unchanged. With office.db
// also: 好差评 per item, department and domain, reasons and comments, the most frequent
// zero-result searches, and the fleet's health. build_report gathers; report_json and
// report_html (report_html.cpp) only format what it gathered.
#pragma once
#include <array>
#include <cstdint>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "office_db.h"
#include "source_import.h"

namespace gongkai {

// A year: the standard expects each row reviewed at least once a year (公开时限 aside).
inline constexpr int kDefaultStaleDays = 365;
// The newest comments shown: a page of reading; the rest stay in office.db.
inline constexpr size_t kMaxReportComments = 200;
// Zero-result queries shown: enough for an editor's week of thesaurus work.
inline constexpr size_t kMaxReportQueries = 50;
// Rows of one HTML table (the JSON lists everything): a 50,000-item catalogue with every row
// incomplete must still give a page a browser opens; report.json has the rest.
inline constexpr size_t kMaxHtmlRows = 2000;

struct ReportOptions {
    std::string source;         // catalogue source directory
    std::string db_path;        // "" → completeness and freshness only
    int stale_days = kDefaultStaleDays;
    std::time_t now = 0;        // 0 → the clock
};

struct ReportItem {
    std::string id, title, level1, domain, department;
    std::string file;
    int line = 0;
    std::vector<std::string> missing;  // column headers: 二级事项, 公开内容（要素）, 公开依据, …
    bool has_guide = false;
    std::time_t changed = 0;           // when its content last changed, as far as known
    std::int64_t age_days = 0;
    bool stale = false;
};

struct DomainSummary {
    std::string name;
    std::int64_t items = 0, complete = 0, with_guide = 0, stale = 0;
};

// 好差评 counts, index 0 = rating 1 (非常不满意) … 4 = rating 5 (非常满意).
struct RatingCounts {
    std::array<std::int64_t, 5> by_rating{};
    std::int64_t total() const;
    // The national 好差评 counts 非常满意, 满意 and 基本满意 (5, 4, 3) as 好评:
    // 好评率 = (5 + 4 + 3) / all. nullopt without any rating.
    std::optional<double> satisfaction() const;
};

struct RatedGroup {
    std::string name;
    RatingCounts ratings;
    std::map<std::string, std::int64_t> reasons;  // code → count
};

struct RatedPage {
    std::string page_kind, page_id, title, domain, department;
    RatingCounts ratings;
    std::map<std::string, std::int64_t> reasons;
};

struct ReportComment {
    std::string page_kind, page_id, title, comment, time, device;
    int rating = 0;
};

struct ZeroResultQuery {
    std::string query;
    std::int64_t count = 0, devices = 0;
    std::string first_day, last_day;
};

struct FleetDevice {
    std::string id, name, hall, software_version, catalogue_source;
    std::optional<std::time_t> last_heartbeat;
    std::optional<std::int64_t> catalogue_version;
    std::int64_t heartbeat_s = 900;  // the device's own interval (config default 900 when not reported)
    std::optional<std::string> last_error;
    std::int64_t outbox_records = 0, outbox_refused = 0;
    std::int64_t heartbeats_7d = 0, expected_7d = 0;
    std::int64_t silent_s = 0;       // since the last heartbeat
    // Fault names, each a reason to look: silent, last_error, outbox_full, outbox_refused,
    // kiosk_not_alive, catalogue_stale, clock_ahead.
    std::vector<std::string> faults;
    bool silent() const;
};

struct Report {
    std::time_t generated = 0;
    int stale_days = kDefaultStaleDays;
    std::string catalogue_name;
    std::vector<SourceProblem> source_problems;
    std::vector<ReportItem> items;       // directory rows, catalogue order
    std::vector<DomainSummary> domains;  // catalogue order
    std::int64_t guides = 0;
    bool has_db = false;
    RatingCounts ratings;
    std::map<std::string, std::int64_t> reasons;
    std::vector<RatedGroup> departments, domain_ratings;  // most ratings first
    std::vector<RatedPage> pages;                          // most ratings first
    std::vector<ReportComment> comments;                   // newest first
    std::vector<ZeroResultQuery> zero_result_queries;      // most frequent first
    std::vector<FleetDevice> fleet;                        // by name, then id
};

// The report. Source problems do not stop it (they are part of it); a catalogue.toml that
// cannot be read gives a report with no items and that problem. With a db path: the OfficeDb
// errors (the file must exist: a report never creates office.db).
[[nodiscard]] Result<Report> build_report(const ReportOptions& options);

nlohmann::ordered_json report_json(const Report& report);
// One static HTML5 page: no script, no external resource, charts as inline SVG.
std::string report_html(const Report& report);
// REPORT_DIR/index.html and REPORT_DIR/report.json (the JSON printed by --json).
// ReportWriteFailed.
Error write_report(const Report& report, const std::string& out_dir);

// "非常满意" … "非常不满意" for 5 … 1.
const char* rating_name(int rating);
// "看不懂" … for the record codes (outbox.h).
const char* reason_name(std::string_view code);

}  // namespace gongkai
