// See report.h. [SECTION] index:
//   [SECTION] The catalogue  — rows, missing elements, guides, freshness
//   [SECTION] 好差评          — ratings, reasons, comments
//   [SECTION] Searches and the fleet
//   [SECTION] JSON and files
#include "report.h"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "clock.h"
#include "file_write.h"
#include "outbox.h"
#include "sqlite_db.h"

namespace fs = std::filesystem;

namespace gongkai {

std::int64_t RatingCounts::total() const {
    std::int64_t n = 0;
    for (auto c : by_rating) n += c;
    return n;
}

std::optional<double> RatingCounts::satisfaction() const {
    const std::int64_t all = total();
    if (all == 0) return std::nullopt;
    return static_cast<double>(by_rating[2] + by_rating[3] + by_rating[4]) / static_cast<double>(all);
}

bool FleetDevice::silent() const { return std::find(faults.begin(), faults.end(), "silent") != faults.end(); }

const char* rating_name(int rating) {
    switch (rating) {
    case 5: return "非常满意";
    case 4: return "满意";
    case 3: return "基本满意";
    case 2: return "不满意";
    case 1: return "非常不满意";
    }
    return "?";
}

const char* reason_name(std::string_view code) {
    auto reason = feedback_reason_from_string(code);
    if (!reason) return "?";
    switch (*reason) {
    case FeedbackReason::HardToUnderstand: return "看不懂";
    case FeedbackReason::OutOfDate: return "信息过时";
    case FeedbackReason::CannotFindService: return "找不到要办的事";
    case FeedbackReason::MaterialsUnclear: return "材料说得不清";
    case FeedbackReason::Other: return "其他";
    }
    return "?";
}

//-----------------------------------------------------------------------------
// [SECTION] The catalogue
//-----------------------------------------------------------------------------

namespace {

// A row without a 公开主体 is rated under this name; guides and notices under their own.
const char* const kNoDepartment = "（未填公开主体）";
const char* const kNoticeDepartment = "（公告）";
const char* const kUnlinkedGuide = "（未关联目录事项的办事指南）";
const char* const kWithdrawn = "（已不在目录中）";

// Each empty element of the standard by the column header the department's table uses
// (source_import.cpp kColumnNames; 公开对象/方式/层级 are the spanning headers of their tick columns).
std::vector<std::string> missing_elements(const Item& item) {
    std::vector<std::string> out;
    if (item.level1.empty()) out.push_back("一级事项");
    if (item.title.empty()) out.push_back("二级事项");
    static const DisclosureStandard kNone;
    const DisclosureStandard& s = item.standard ? *item.standard : kNone;
    if (s.content_elements.empty()) out.push_back("公开内容（要素）");
    if (s.basis.empty()) out.push_back("公开依据");
    if (s.time_limit.empty()) out.push_back("公开时限");
    if (s.bodies.empty()) out.push_back("公开主体");
    if (s.channels.empty()) out.push_back("公开渠道和载体");
    if (s.audience.empty()) out.push_back("公开对象");
    if (s.mode.empty()) out.push_back("公开方式");
    if (s.tier.empty()) out.push_back("公开层级");
    return out;
}

// What a row says, hashed (BLAKE2b, 16 bytes): every field a resident reads, each field and
// each list entry ended by a separator no cell holds (U+001F, U+001E).
std::string content_hash(const Item& item) {
    std::string text;
    auto field = [&](const std::string& s) { text += s; text += '\x1f'; };
    auto list = [&](const std::vector<std::string>& v) {
        for (auto& s : v) { text += s; text += '\x1e'; }
        text += '\x1f';
    };
    field(item.level1);
    field(item.title);
    if (item.standard) {
        const DisclosureStandard& s = *item.standard;
        list(s.content_elements); list(s.basis); field(s.time_limit); list(s.bodies);
        list(s.channels); list(s.audience); list(s.mode); list(s.tier);
    }
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
    return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

// Freshness with office.db: an item keeps the date its content was first seen as it is now.
// New or changed content is dated by its file's mtime — the edit was saved then, and after
// the previous report — so an unchanged row in a re-saved table keeps its age.
Error date_items_by_content(OfficeDb& db, const Catalogue& cat, std::vector<ReportItem>& items) {
    sqlite3* h = db.handle();
    sql::Transaction tx(h, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return db.error(tx.begin_rc(), OfficeError::OfficeDbWriteFailed, "date the items");
    std::unordered_map<std::string, std::pair<std::string, std::int64_t>> known;
    {
        sql::Stmt st(h, "SELECT item_id, content_hash, changed FROM item_versions");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) known[st.text(0)] = {st.text(1), st.integer(2)};
        if (rc != SQLITE_DONE) return db.error(rc, OfficeError::OfficeDbCorrupt, "read item versions");
    }
    std::unordered_map<std::string, const Item*> by_id;
    for (const Item& i : cat.items) by_id.emplace(i.id, &i);
    sql::Stmt put(h, "INSERT INTO item_versions(item_id, content_hash, changed) VALUES (?,?,?) "
                     "ON CONFLICT(item_id) DO UPDATE SET content_hash = excluded.content_hash, changed = excluded.changed");
    for (ReportItem& item : items) {
        auto it = by_id.find(item.id);
        if (it == by_id.end()) continue;
        const std::string hash = content_hash(*it->second);
        auto k = known.find(item.id);
        if (k != known.end() && k->second.first == hash) {
            item.changed = static_cast<std::time_t>(k->second.second);
            continue;
        }
        put.bind(1, item.id).bind_blob(2, hash.data(), hash.size()).bind(3, static_cast<std::int64_t>(item.changed));
        int rc = put.step();
        put.reset();
        if (rc != SQLITE_DONE) return db.error(rc, OfficeError::OfficeDbWriteFailed, "record item " + item.id);
        known[item.id] = {hash, item.changed};  // a second row with the same id (a duplicate) compares with this one
    }
    if (int rc = tx.commit(); rc != SQLITE_OK) return db.error(rc, OfficeError::OfficeDbWriteFailed, "date the items");
    return {};
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] 好差评
//-----------------------------------------------------------------------------

namespace {

struct PageInfo {
    std::string title, domain, department;
};

// Every page a rating can name: items (directory rows and guides) and notices.
std::map<std::pair<std::string, std::string>, PageInfo> page_directory(const Catalogue& cat, const std::vector<ReportItem>& rows) {
    std::map<std::string, std::string> domain_name;
    for (auto& d : cat.domains) domain_name[d.id] = d.name;
    std::map<std::string, const ReportItem*> row_by_id;
    for (auto& r : rows) row_by_id.emplace(r.id, &r);
    std::map<std::pair<std::string, std::string>, PageInfo> out;
    for (const Item& i : cat.items) {
        PageInfo p{i.title, domain_name[i.domain_id], ""};
        if (i.kind == ItemKind::Directory) {
            auto r = row_by_id.find(i.id);
            p.department = r != row_by_id.end() ? r->second->department : kNoDepartment;
        } else {
            // A guide is rated for the department of the first row it explains.
            p.department = kUnlinkedGuide;
            for (auto& link : i.links)
                if (auto r = row_by_id.find(link); r != row_by_id.end()) { p.department = r->second->department; break; }
        }
        out.emplace(std::pair{std::string("item"), i.id}, p);
    }
    for (const Notice& n : cat.notices) out.emplace(std::pair{std::string("notice"), n.id}, PageInfo{n.title, domain_name[n.domain_id], kNoticeDepartment});
    return out;
}

Error read_feedback(OfficeDb& db, const Catalogue& cat, Report& report) {
    sqlite3* h = db.handle();
    const auto pages = page_directory(cat, report.items);
    std::map<std::pair<std::string, std::string>, RatedPage> by_page;
    auto page = [&](const std::string& kind, const std::string& id) -> RatedPage& {
        auto [it, fresh] = by_page.try_emplace({kind, id});
        if (fresh) {
            it->second.page_kind = kind;
            it->second.page_id = id;
            auto p = pages.find({kind, id});
            if (p != pages.end()) {
                it->second.title = p->second.title;
                it->second.domain = p->second.domain;
                it->second.department = p->second.department;
            } else {
                it->second.department = kWithdrawn;
            }
        }
        return it->second;
    };
    {
        sql::Stmt st(h, "SELECT page_kind, page_id, rating, count(*) FROM feedback GROUP BY 1, 2, 3");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            std::int64_t rating = st.integer(2);
            if (rating < 1 || rating > 5) continue;  // checked at ingest; a hand-edited db is not trusted
            page(st.text(0), st.text(1)).ratings.by_rating[static_cast<size_t>(rating - 1)] += st.integer(3);
        }
        if (rc != SQLITE_DONE) return db.error(rc, OfficeError::OfficeDbCorrupt, "count ratings");
    }
    {
        sql::Stmt st(h, "SELECT f.page_kind, f.page_id, j.value, count(*) FROM feedback AS f, json_each(f.reasons) AS j "
                        "WHERE json_valid(f.reasons) GROUP BY 1, 2, 3");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) page(st.text(0), st.text(1)).reasons[st.text(2)] += st.integer(3);
        if (rc != SQLITE_DONE) return db.error(rc, OfficeError::OfficeDbCorrupt, "count reasons");
    }
    std::map<std::string, RatedGroup> departments, domains;
    for (auto& [key, p] : by_page) {
        for (auto* group : {&departments[p.department], &domains[p.domain.empty() ? std::string("（无领域）") : p.domain]}) {
            for (size_t k = 0; k < 5; k++) group->ratings.by_rating[k] += p.ratings.by_rating[k];
            for (auto& [code, n] : p.reasons) group->reasons[code] += n;
        }
        for (size_t k = 0; k < 5; k++) report.ratings.by_rating[k] += p.ratings.by_rating[k];
        for (auto& [code, n] : p.reasons) report.reasons[code] += n;
        report.pages.push_back(p);
    }
    auto by_count = [](auto& a, auto& b) { return a.ratings.total() != b.ratings.total() ? a.ratings.total() > b.ratings.total() : a.name < b.name; };
    for (auto [from, to] : {std::pair{&departments, &report.departments}, std::pair{&domains, &report.domain_ratings}}) {
        for (auto& [name, g] : *from) {
            g.name = name;
            to->push_back(g);
        }
        std::sort(to->begin(), to->end(), by_count);
    }
    std::stable_sort(report.pages.begin(), report.pages.end(), [](auto& a, auto& b) { return a.ratings.total() > b.ratings.total(); });
    {
        sql::Stmt st(h, "SELECT f.page_kind, f.page_id, f.rating, f.comment, f.time, d.name, d.id FROM feedback AS f "
                        "JOIN devices AS d USING(device) WHERE f.comment <> '' ORDER BY f.time DESC, f.rowid DESC LIMIT ?");
        st.bind(1, static_cast<std::int64_t>(kMaxReportComments));
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            ReportComment c{st.text(0), st.text(1), "", st.text(3), st.text(4), st.text(5).empty() ? st.text(6) : st.text(5),
                            static_cast<int>(st.integer(2))};
            if (auto p = pages.find({c.page_kind, c.page_id}); p != pages.end()) c.title = p->second.title;
            report.comments.push_back(std::move(c));
        }
        if (rc != SQLITE_DONE) return db.error(rc, OfficeError::OfficeDbCorrupt, "read comments");
    }
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] Searches and the fleet
//-----------------------------------------------------------------------------

Error read_zero_result_queries(OfficeDb& db, Report& report) {
    // Per device and day a query counts once (the largest count if a day was ever sent
    // twice under two record ids), then summed over devices and days.
    sql::Stmt st(db.handle(),
                 "SELECT query, sum(c), count(DISTINCT device), min(day), max(day) FROM "
                 "(SELECT device, day, query, max(count) AS c FROM misses WHERE results = 0 GROUP BY device, day, query) "
                 "GROUP BY query ORDER BY 2 DESC, query LIMIT ?");
    st.bind(1, static_cast<std::int64_t>(kMaxReportQueries));
    int rc;
    while ((rc = st.step()) == SQLITE_ROW)
        report.zero_result_queries.push_back({st.text(0), st.integer(1), st.integer(2), st.text(3), st.text(4)});
    if (rc != SQLITE_DONE) return db.error(rc, OfficeError::OfficeDbCorrupt, "read search misses");
    return {};
}

// A heartbeat this far ahead of the office's clock says the device's clock is wrong (its
// times, and so its silence, cannot be trusted). Ten minutes is past any NTP-synced drift.
constexpr std::time_t kClockAheadS = 600;
// A device is silent after two of its own heartbeat intervals without one: one lost
// heartbeat (a restart, a network blip) is normal, two in a row are not.
constexpr std::int64_t kSilentAfterIntervals = 2;
// The window the history is summarised over: a week shows a daily pattern (a hall that
// switches its kiosks off at night) without needing the month.
constexpr std::time_t kHistoryWindowS = 7 * 86400;

Error read_fleet(OfficeDb& db, Report& report) {
    sqlite3* h = db.handle();
    std::map<std::string, std::int64_t> recent;
    {
        sql::Stmt st(h, "SELECT d.id, count(*) FROM heartbeats AS hb JOIN devices AS d USING(device) WHERE hb.time > ? GROUP BY hb.device");
        st.bind(1, static_cast<std::int64_t>(report.generated - kHistoryWindowS));
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) recent[st.text(0)] = st.integer(1);
        if (rc != SQLITE_DONE) return db.error(rc, OfficeError::OfficeDbCorrupt, "count heartbeats");
    }
    sql::Stmt st(h, "SELECT d.id, d.name, l.time, l.body FROM devices AS d LEFT JOIN heartbeat_latest AS l USING(device) "
                    "ORDER BY d.name, d.id");
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        FleetDevice d;
        d.id = st.text(0);
        d.name = st.text(1);
        d.heartbeats_7d = recent[d.id];
        if (!st.is_null(2)) {
            d.last_heartbeat = static_cast<std::time_t>(st.integer(2));
            auto j = nlohmann::json::parse(st.text(3), nullptr, false);
            if (!j.is_object()) j = nlohmann::json::object();
            auto str = [&](const nlohmann::json& o, const char* k) {
                auto it = o.find(k);
                return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
            };
            auto num = [&](const nlohmann::json& o, const char* k) -> std::optional<std::int64_t> {
                auto it = o.find(k);
                return it != o.end() && it->is_number_integer() ? std::optional(it->get<std::int64_t>()) : std::nullopt;
            };
            auto flag = [&](const nlohmann::json& o, const char* k) -> std::optional<bool> {
                auto it = o.find(k);
                return it != o.end() && it->is_boolean() ? std::optional(it->get<bool>()) : std::nullopt;
            };
            d.hall = str(j, "hall");
            d.software_version = str(j, "software_version");
            d.catalogue_source = str(j, "catalogue_source");
            d.catalogue_version = num(j, "catalogue_version");
            d.heartbeat_s = num(j, "heartbeat_s").value_or(d.heartbeat_s);
            if (auto e = j.find("last_error"); e != j.end() && e->is_string()) d.last_error = e->get<std::string>();
            const nlohmann::json outbox = j.contains("outbox") && j["outbox"].is_object() ? j["outbox"] : nlohmann::json::object();
            d.outbox_records = num(outbox, "records").value_or(0);
            d.outbox_refused = num(outbox, "refused").value_or(0);
            d.silent_s = std::max<std::int64_t>(0, report.generated - *d.last_heartbeat);
            if (d.silent_s > kSilentAfterIntervals * d.heartbeat_s) d.faults.push_back("silent");
            if (d.last_error) d.faults.push_back("last_error");
            if (flag(outbox, "full").value_or(false)) d.faults.push_back("outbox_full");
            if (d.outbox_refused > 0) d.faults.push_back("outbox_refused");
            if (!flag(j, "kiosk_alive").value_or(true)) d.faults.push_back("kiosk_not_alive");
            if (flag(j, "stale").value_or(false)) d.faults.push_back("catalogue_stale");
            if (*d.last_heartbeat > report.generated + kClockAheadS) d.faults.push_back("clock_ahead");
        } else {
            d.faults.push_back("silent");  // never heard from
        }
        d.expected_7d = kHistoryWindowS / std::max<std::int64_t>(1, d.heartbeat_s);
        report.fleet.push_back(std::move(d));
    }
    if (rc != SQLITE_DONE) return db.error(rc, OfficeError::OfficeDbCorrupt, "read the fleet");
    return {};
}

}  // namespace

Result<Report> build_report(const ReportOptions& options) {
    Report report;
    report.generated = options.now ? options.now : std::time(nullptr);
    report.stale_days = options.stale_days;
    // A source that is not there at all is a wrong path, not a catalogue with problems.
    std::error_code ec;
    if (!fs::is_directory(options.source, ec)) return make_error(BaseError::FileMissing, options.source + ": not a directory");
    ImportResult imported = import_source(options.source);
    const Catalogue& cat = imported.catalogue;
    report.catalogue_name = cat.name;
    report.source_problems = imported.problems;

    std::map<std::string, size_t> domain_index;
    for (auto& d : cat.domains) {
        domain_index[d.id] = report.domains.size();
        report.domains.push_back({d.name});
    }
    std::map<std::string, std::time_t> mtimes;  // file → mtime, stat once per table
    auto mtime_of = [&](const std::string& file) {
        auto [it, fresh] = mtimes.try_emplace(file, report.generated);
        struct stat st{};
        if (fresh && stat((fs::path(options.source) / file).c_str(), &st) == 0) it->second = std::min(st.st_mtime, report.generated);
        return it->second;
    };
    for (const Item& i : cat.items) {
        if (i.kind == ItemKind::Guide) { report.guides++; continue; }
        ReportItem r;
        r.id = i.id;
        r.title = i.title;
        r.level1 = i.level1;
        if (auto d = domain_index.find(i.domain_id); d != domain_index.end()) r.domain = report.domains[d->second].name;
        r.department = i.standard && !i.standard->bodies.empty() ? i.standard->bodies.front() : kNoDepartment;
        r.missing = missing_elements(i);
        r.has_guide = !i.links.empty();
        if (auto o = imported.origins.find(i.id); o != imported.origins.end()) {
            r.file = o->second.file;
            r.line = o->second.line;
            r.changed = mtime_of(r.file);
        } else {
            r.changed = report.generated;
        }
        report.items.push_back(std::move(r));
    }

    std::unique_ptr<OfficeDb> db;
    if (!options.db_path.empty()) {
        auto opened = OfficeDb::open(options.db_path, /*create=*/false);
        if (!opened) return opened.error();
        db = std::move(*opened);
        report.has_db = true;
        if (Error e = date_items_by_content(*db, cat, report.items)) return e;
    }
    for (ReportItem& r : report.items) {
        r.age_days = std::max<std::int64_t>(0, (report.generated - r.changed) / 86400);
        r.stale = r.age_days >= report.stale_days;
        auto d = std::find_if(report.domains.begin(), report.domains.end(), [&](auto& s) { return s.name == r.domain; });
        if (d == report.domains.end()) continue;
        d->items++;
        d->complete += r.missing.empty();
        d->with_guide += r.has_guide;
        d->stale += r.stale;
    }
    if (db) {
        if (Error e = read_feedback(*db, cat, report)) return e;
        if (Error e = read_zero_result_queries(*db, report)) return e;
        if (Error e = read_fleet(*db, report)) return e;
    }
    return report;
}

//-----------------------------------------------------------------------------
// [SECTION] JSON and files
//-----------------------------------------------------------------------------

namespace {

using ojson = nlohmann::ordered_json;

ojson ratings_json(const RatingCounts& r) {
    ojson levels = ojson::object();
    for (int rating = 5; rating >= 1; rating--) levels[rating_name(rating)] = r.by_rating[static_cast<size_t>(rating - 1)];
    auto rate = r.satisfaction();
    return {{"total", r.total()}, {"levels", levels}, {"satisfaction", rate ? ojson(*rate) : ojson(nullptr)}};
}

ojson reasons_json(const std::map<std::string, std::int64_t>& reasons) {
    ojson out = ojson::object();
    for (FeedbackReason reason : kAllFeedbackReasons) {
        auto it = reasons.find(to_string(reason));
        out[to_string(reason)] = it == reasons.end() ? 0 : it->second;
    }
    return out;
}

ojson optional_time(const std::optional<std::time_t>& t) { return t ? ojson(format_rfc3339_utc(*t)) : ojson(nullptr); }

}  // namespace

nlohmann::ordered_json report_json(const Report& report) {
    ojson out;
    out["generated"] = format_rfc3339_utc(report.generated);
    out["catalogue"] = report.catalogue_name;
    out["stale_days"] = report.stale_days;
    ojson items = ojson::array();
    for (const ReportItem& i : report.items)
        items.push_back({{"id", i.id}, {"title", i.title}, {"domain", i.domain}, {"level1", i.level1}, {"department", i.department},
                         {"file", i.file}, {"line", i.line}, {"missing", i.missing}, {"guide", i.has_guide},
                         {"last_changed", local_date(i.changed)}, {"age_days", i.age_days}, {"stale", i.stale}});
    out["items"] = items;
    ojson domains = ojson::object();
    for (const DomainSummary& d : report.domains)
        domains[d.name] = {{"items", d.items}, {"complete", d.complete}, {"with_guide", d.with_guide}, {"stale", d.stale}};
    out["domains"] = domains;
    out["guides"] = report.guides;
    ojson problems = ojson::array();
    for (const SourceProblem& p : report.source_problems)
        problems.push_back({{"file", p.file}, {"line", p.line}, {"column", p.column}, {"message", p.message}});
    out["source_problems"] = problems;
    if (!report.has_db) return out;

    ojson feedback = ratings_json(report.ratings);
    feedback["reasons"] = reasons_json(report.reasons);
    for (auto [key, groups] : {std::pair{"departments", &report.departments}, std::pair{"domains", &report.domain_ratings}}) {
        ojson list = ojson::array();
        for (const RatedGroup& g : *groups) {
            ojson entry = {{"name", g.name}};
            entry.update(ratings_json(g.ratings));
            entry["reasons"] = reasons_json(g.reasons);
            list.push_back(entry);
        }
        feedback[key] = list;
    }
    ojson pages = ojson::array();
    for (const RatedPage& p : report.pages) {
        ojson entry = {{"page_kind", p.page_kind}, {"page_id", p.page_id}, {"title", p.title}, {"domain", p.domain}, {"department", p.department}};
        entry.update(ratings_json(p.ratings));
        entry["reasons"] = reasons_json(p.reasons);
        pages.push_back(entry);
    }
    feedback["items"] = pages;
    ojson comments = ojson::array();
    for (const ReportComment& c : report.comments)
        comments.push_back({{"page_kind", c.page_kind}, {"page_id", c.page_id}, {"title", c.title}, {"rating", c.rating},
                            {"comment", c.comment}, {"time", c.time}, {"device", c.device}});
    feedback["comments"] = comments;
    out["feedback"] = feedback;

    ojson queries = ojson::array();
    for (const ZeroResultQuery& q : report.zero_result_queries)
        queries.push_back({{"query", q.query}, {"count", q.count}, {"devices", q.devices}, {"first_day", q.first_day}, {"last_day", q.last_day}});
    out["zero_result_queries"] = queries;

    ojson fleet = ojson::array();
    std::int64_t faulty = 0, silent = 0;
    for (const FleetDevice& d : report.fleet) {
        faulty += !d.faults.empty();
        silent += d.silent();
        fleet.push_back({{"id", d.id}, {"name", d.name}, {"hall", d.hall}, {"last_heartbeat", optional_time(d.last_heartbeat)},
                         {"software_version", d.software_version},
                         {"catalogue_version", d.catalogue_version ? ojson(*d.catalogue_version) : ojson(nullptr)},
                         {"heartbeat_s", d.heartbeat_s}, {"silent_s", d.last_heartbeat ? ojson(d.silent_s) : ojson(nullptr)},
                         {"last_error", d.last_error ? ojson(*d.last_error) : ojson(nullptr)},
                         {"outbox_records", d.outbox_records}, {"outbox_refused", d.outbox_refused},
                         {"heartbeats_7d", d.heartbeats_7d}, {"expected_7d", d.expected_7d}, {"faults", d.faults}});
    }
    out["fleet"] = {{"devices", report.fleet.size()}, {"with_faults", faulty}, {"silent", silent}, {"list", fleet}};
    return out;
}

Error write_report(const Report& report, const std::string& out_dir) {
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) return make_error(OfficeError::ReportWriteFailed, out_dir + ": " + ec.message());
    // Text from outside (comments, queries, file names) may hold bytes that are not UTF-8 in
    // a hand-edited db: replaced, never thrown.
    const std::string json = report_json(report).dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    if (Error e = write_file_atomic((fs::path(out_dir) / "report.json").string(), json))
        return make_error(OfficeError::ReportWriteFailed, e.describe());
    if (Error e = write_file_atomic((fs::path(out_dir) / "index.html").string(), report_html(report)))
        return make_error(OfficeError::ReportWriteFailed, e.describe());
    return {};
}

}  // namespace gongkai
