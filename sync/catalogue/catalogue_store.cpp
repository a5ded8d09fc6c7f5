// The catalogue in the cache: install (the one write path, one transaction) and every
// read of it (info, index, items, the whole catalogue, search documents).
//   [SECTION] Search documents in the cache
//   [SECTION] Install
//   [SECTION] Reads
#include <ctime>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>

#include "bundle.h"
#include "cache.h"
#include "json_limits.h"
#include "sqlite_db.h"
#include "utf8.h"

namespace gongkai {

//-----------------------------------------------------------------------------
// [SECTION] Search documents in the cache
//-----------------------------------------------------------------------------

// search_docs + search_extras hold one SearchDocument per row: written by every install,
// read back by the kiosk (load_search_documents) and by an install merging a guide's rows.

// The statements that write one document; "OR REPLACE": a guide's document is written
// again once its linked rows have joined it.
struct SearchDocWriter {
    explicit SearchDocWriter(sqlite3* db)
        : db(db), doc(db, "INSERT OR REPLACE INTO search_docs(item_id, domain_order, ord, title, terms, summary, body) VALUES (?, ?, ?, ?, ?, ?, ?)"),
          extra(db, "INSERT OR REPLACE INTO search_extras(item_id, aliases, answers) VALUES (?, ?, ?)") {}
    Error write(const SearchDocument& d) {
        doc.bind(1, d.id).bind(2, std::int64_t{d.domain_order}).bind(3, std::int64_t{d.order}).bind(4, d.title)
            .bind(5, nlohmann::json(d.terms).dump()).bind(6, d.summary).bind(7, d.body);
        int rc = doc.step();
        doc.reset();
        if (rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "insert search doc " + d.id);
        nlohmann::json answers = nlohmann::json::object();
        for (size_t f = 0; f < d.answers.size(); f++)
            if (!d.answers[f].empty()) answers[to_string(static_cast<QuestionFrame>(f))] = d.answers[f];
        extra.bind(1, d.id).bind(2, nlohmann::json(d.aliases).dump()).bind(3, answers.dump());
        rc = extra.step();
        extra.reset();
        if (rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "insert search extras " + d.id);
        return {};
    }
    sqlite3* db;
    sql::Stmt doc, extra;
};

// Every column a SearchDocument is read from; a caller adds WHERE or ORDER BY.
constexpr const char* kSelectSearchDocs =
    "SELECT s.item_id, i.domain_id, s.domain_order, s.ord, s.title, s.terms, s.summary, s.body, i.kind, "
    "coalesce(x.aliases, '[]'), coalesce(x.answers, '{}') "
    "FROM search_docs s JOIN items i ON i.id = s.item_id LEFT JOIN search_extras x ON x.item_id = s.item_id";

// Bounded as install writes them: terms and aliases are a service's names (a guide showing
// a thousand rows is beyond any directory), answers its guide's cells.
// kMaxSearchNames of kMaxTermBytes each, as JSON, is under 160 KiB.
static constexpr size_t kMaxNamesJson = 256 * 1024, kMaxNames = kMaxSearchNames;

// One row of kSelectSearchDocs, bounded as above.
static Result<SearchDocument> read_search_doc(sql::Stmt& st) {
    bool too_large = false;
    auto strings = [&](const std::string& text, std::vector<std::string>& out) {
        if (text.size() > kMaxNamesJson) { too_large = true; return; }
        auto j = nlohmann::json::parse(text, nullptr, false);
        if (!j.is_array()) return;
        if (j.size() > kMaxNames) { too_large = true; return; }
        for (auto& t : j)
            if (t.is_string()) out.push_back(t.get<std::string>());
    };
    SearchDocument d;
    d.id = st.text(0);
    d.domain_id = st.text(1);
    d.domain_order = static_cast<int>(st.integer(2));
    d.order = static_cast<int>(st.integer(3));
    d.title = st.text(4);
    strings(st.text(5), d.terms);
    d.summary = st.text(6);
    d.body = st.text(7);
    d.guide = st.text(8) == "guide";
    strings(st.text(9), d.aliases);
    const std::string answers_text = st.text(10);
    if (answers_text.size() > kMaxNamesJson) too_large = true;
    if (too_large) return make_error(CatalogueError::CacheCorrupt, "search text of " + d.id + " is larger than any install writes");
    auto answers = nlohmann::json::parse(answers_text, nullptr, false);
    if (answers.is_object())
        for (auto& [key, value] : answers.items())
            if (auto frame = question_frame_from_string(key); frame && value.is_string())
                d.answers[static_cast<size_t>(*frame)] = value.get<std::string>();
    return d;
}

// Inside the caller's write transaction.
// Replaces the derived search text (search_docs, search_extras) with `docs`.
static Error insert_search_docs(sqlite3* db, const std::vector<SearchDocument>& docs) {
    for (const char* sql : {"DELETE FROM search_extras", "DELETE FROM search_docs"})
        if (int rc = sql::exec(db, sql); rc != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, sql);
    SearchDocWriter writer(db);
    for (auto& d : docs)
        if (Error e = writer.write(d)) return e;
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] Install
//-----------------------------------------------------------------------------

void CharsetCollector::add(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        char32_t c = utf8::next(text, i);
        if (c >= 0x20 && c < seen_.size()) seen_[c] = true;
    }
}

std::string CharsetCollector::sorted() const {
    std::string out;
    for (char32_t c = 0x20; c < seen_.size(); c++)
        if (seen_[c]) utf8::append(out, c);
    return out;
}

// What the charset holds of everything but the items (theirs is added as each is written).
static void add_head_text(CharsetCollector& chars, const Catalogue& cat) {
    chars.add(cat.name);
    for (auto& d : cat.domains)
        for (auto* s : {&d.name, &d.summary, &d.name_en, &d.summary_en}) chars.add(*s);
    for (auto& n : cat.notices) {
        for (auto* s : {&n.title, &n.body, &n.title_en, &n.body_en}) chars.add(*s);
        if (n.results) chars.add(result_list_to_json(*n.results).dump(-1, ' ', false));
    }
    for (auto& i : cat.interpretations)
        for (auto* s : {&i.title, &i.what_changed, &i.who_affected, &i.what_to_do}) chars.add(*s);
    for (auto& r : cat.responses)
        for (auto* s : {&r.question, &r.answer, &r.asked_via}) chars.add(*s);
}

std::string catalogue_charset(const Catalogue& cat) {
    CharsetCollector chars;
    add_head_text(chars, cat);
    // Everything the item page can show is in its JSON body; keys are ASCII.
    for (auto& item : cat.items) chars.add(item_to_json(item).dump(-1, ' ', false));
    return chars.sorted();
}

// Writes one catalogue into the cache as it arrives, inside the caller's write transaction:
//
//   clear() ─▶ domains() ─▶ item() × n ─▶ finish(head)
//   old rows     rows +       its row, English,     guides' rows merged into their search
//   deleted      English      search document;      documents; the catalogue row (charset),
//                             charset and guide     notices, interpretations, responses,
//                             links collected       thesaurus
//
// Invariant: nothing is committed here; any error leaves the caller to roll back, and the
// old catalogue is what every reader sees until the caller commits.
class CatalogueWriter final : public BundleItemSink {
public:
    explicit CatalogueWriter(sqlite3* db) : db_(db) {}

    Error clear() {
        for (const char* sql : {"DELETE FROM content_links", "DELETE FROM interpretations", "DELETE FROM responses", "DELETE FROM english",
                                "DELETE FROM thesaurus", "DELETE FROM search_extras", "DELETE FROM search_docs", "DELETE FROM notices",
                                "DELETE FROM items", "DELETE FROM domains", "DELETE FROM catalogue"})
            if (int rc = sql::exec(db_, sql); rc != SQLITE_OK) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, sql);
        return {};
    }

    Error domains(const std::vector<Domain>& domains) override {
        sql::Stmt st(db_, "INSERT INTO domains(id, name, summary, ord) VALUES (?, ?, ?, ?)");
        for (auto& d : domains) {
            domain_order_[d.id] = static_cast<int>(domain_order_.size());
            st.bind(1, d.id).bind(2, d.name).bind(3, d.summary).bind(4, std::int64_t{domain_order_[d.id]});
            if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert domain " + d.id);
            st.reset();
            if (Error e = english("domain", d.id, "name", d.name_en)) return e;
            if (Error e = english("domain", d.id, "summary", d.summary_en)) return e;
        }
        return {};
    }

    Error item(Item&& item) override { return add(item); }

    Error add(const Item& item) {
        const std::string body = item_to_json(item).dump();
        chars_.add(body);
        item_st_.bind(1, item.id).bind(2, std::string(to_string(item.kind))).bind(3, item.domain_id).bind(4, item.level1)
            .bind(5, item.title).bind(6, item.summary).bind(7, std::int64_t{ord_}).bind(8, body);
        int rc = item_st_.step();
        item_st_.reset();
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert item " + item.id);
        if (Error e = english("item", item.id, "title", item.title_en)) return e;
        if (Error e = english("item", item.id, "summary", item.summary_en)) return e;
        auto domain = domain_order_.find(item.domain_id);
        if (Error e = search_docs_.write(search_document(item, domain == domain_order_.end() ? 0 : domain->second, ord_))) return e;
        if (item.kind == ItemKind::Guide && !item.links.empty()) guide_links_.push_back({item.id, item.links});
        ord_++;
        return {};
    }

    // Everything but the domains and items, from `head` (whose own items are ignored).
    Error finish(const Catalogue& head, const std::string& source) {
        if (Error e = merge_linked_rows()) return e;
        add_head_text(chars_, head);
        {
            sql::Stmt st(db_, "INSERT INTO catalogue(singleton, name, version, created, installed_at, source, charset) "
                              "VALUES (1, ?, ?, ?, ?, ?, ?)");
            st.bind(1, head.name).bind(2, head.version).bind(3, head.created).bind(4, utc_now_rfc3339()).bind(5, source).bind(6, chars_.sorted());
            if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert catalogue");
        }
        if (Error e = insert_notices(head)) return e;
        if (Error e = insert_interpretations_and_responses(head)) return e;
        sql::Stmt st(db_, "INSERT INTO thesaurus(ord, words, means) VALUES (?, ?, ?)");
        std::int64_t ord = 0;
        for (auto& e : head.thesaurus) {
            st.bind(1, ord++).bind(2, nlohmann::json(e.words).dump()).bind(3, nlohmann::json(e.means).dump());
            if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert thesaurus entry");
            st.reset();
        }
        return {};
    }

private:
    Error english(const char* kind, const std::string& id, const char* field, const std::string& value) {
        if (value.empty()) return {};
        english_st_.bind(1, std::string(kind)).bind(2, id).bind(3, std::string(field)).bind(4, value);
        int rc = english_st_.step();
        english_st_.reset();
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, std::string("insert english for ") + kind + " " + id);
        return {};
    }

    // One search document per service (search_index.h merge_linked_row), done here because
    // a guide may come before or after the rows it links: each row read back from the
    // table joins the first guide that links it, and its own document leaves the table.
    Error merge_linked_rows() {
        sql::Stmt row_kind(db_, "SELECT kind, title FROM items WHERE id = ?");
        sql::Stmt read(db_, (std::string(kSelectSearchDocs) + " WHERE s.item_id = ?").c_str());
        auto read_doc = [&](const std::string& id) -> Result<SearchDocument> {
            read.bind(1, id);
            int rc = read.step();
            auto doc = rc == SQLITE_ROW ? read_search_doc(read)
                                        : Result<SearchDocument>(sql::error(db_, rc, CatalogueError::CacheWriteFailed, "read search doc " + id));
            read.reset();
            return doc;
        };
        std::set<std::string> merged;
        for (auto& [guide_id, links] : guide_links_) {
            std::optional<SearchDocument> guide;
            for (const std::string& link : links) {
                if (merged.contains(link)) continue;
                row_kind.bind(1, link);
                int rc = row_kind.step();
                const bool directory = rc == SQLITE_ROW && row_kind.text(0) == to_string(ItemKind::Directory);
                const std::string title = directory ? row_kind.text(1) : std::string();
                row_kind.reset();
                if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "read item " + link);
                if (!directory) continue;
                auto row = read_doc(link);
                if (!row) return row.error();
                if (!guide) {
                    auto doc = read_doc(guide_id);
                    if (!doc) return doc.error();
                    guide = std::move(*doc);
                }
                merge_linked_row(*guide, *row, title);
                merged.insert(link);
            }
            if (guide)
                if (Error e = search_docs_.write(*guide)) return e;
        }
        sql::Stmt drop_doc(db_, "DELETE FROM search_docs WHERE item_id = ?"), drop_extra(db_, "DELETE FROM search_extras WHERE item_id = ?");
        for (const std::string& id : merged)
            for (sql::Stmt* st : {&drop_extra, &drop_doc}) {
                st->bind(1, id);
                int rc = st->step();
                st->reset();
                if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "drop search doc " + id);
            }
        return {};
    }

    Error insert_notices(const Catalogue& head) {
        sql::Stmt st(db_, "INSERT INTO notices(id, title, body, domain_id, item_id, valid_from, valid_until, ord, category, urgent, targets, results) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        std::int64_t ord = 0;
        for (auto& n : head.notices) {
            st.bind(1, n.id).bind(2, n.title).bind(3, n.body).bind(4, n.domain_id).bind(5, n.item_id)
                .bind(6, n.valid_from).bind(7, n.valid_until).bind(8, ord++).bind(9, std::string(category_id(n.category)))
                .bind(10, std::int64_t{n.urgent ? 1 : 0}).bind(11, notice_targets_to_json(n).dump())
                .bind(12, n.results ? result_list_to_json(*n.results).dump() : std::string());
            if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert notice " + n.id);
            st.reset();
            if (Error e = english("notice", n.id, "title", n.title_en)) return e;
            if (Error e = english("notice", n.id, "body", n.body_en)) return e;
        }
        return {};
    }

    // 政策解读 and 回应关切, and what each explains (content_links, in the source's order).
    Error insert_interpretations_and_responses(const Catalogue& head) {
        sql::Stmt link(db_, "INSERT INTO content_links(kind, id, ord, target_kind, target_id) VALUES (?, ?, ?, ?, ?)");
        auto put_links = [&](const char* kind, const std::string& id, const std::vector<std::string>& items,
                             const std::vector<std::string>& notices) -> Error {
            for (auto [target_kind, targets] : {std::pair{"item", &items}, {"notice", &notices}}) {
                std::int64_t ord = 0;
                for (const std::string& target : *targets) {
                    link.bind(1, std::string(kind)).bind(2, id).bind(3, ord++).bind(4, std::string(target_kind)).bind(5, target);
                    int rc = link.step();
                    link.reset();
                    if (rc != SQLITE_DONE)
                        return sql::error(db_, rc, CatalogueError::CacheWriteFailed, std::string("insert links of ") + kind + " " + id);
                }
            }
            return {};
        };
        sql::Stmt st(db_, "INSERT INTO interpretations(id, title, published, what_changed, who_affected, what_to_do, valid_from, valid_until, ord) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        std::int64_t ord = 0;
        for (auto& i : head.interpretations) {
            st.bind(1, i.id).bind(2, i.title).bind(3, i.published).bind(4, i.what_changed).bind(5, i.who_affected)
                .bind(6, i.what_to_do).bind(7, i.valid_from).bind(8, i.valid_until).bind(9, ord++);
            if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert interpretation " + i.id);
            st.reset();
            if (Error e = put_links("interpretation", i.id, i.items, i.notices)) return e;
        }
        sql::Stmt rs(db_, "INSERT INTO responses(id, question, answer, asked_via, answered, ord) VALUES (?, ?, ?, ?, ?, ?)");
        ord = 0;
        for (auto& r : head.responses) {
            rs.bind(1, r.id).bind(2, r.question).bind(3, r.answer).bind(4, r.asked_via).bind(5, r.answered).bind(6, ord++);
            if (int rc = rs.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert response " + r.id);
            rs.reset();
            if (Error e = put_links("response", r.id, r.items, r.notices)) return e;
        }
        return {};
    }

    sqlite3* db_;
    sql::Stmt item_st_{db_, "INSERT INTO items(id, kind, domain_id, level1, title, summary, ord, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"};
    sql::Stmt english_st_{db_, "INSERT INTO english(kind, id, field, value) VALUES (?, ?, ?, ?)"};
    SearchDocWriter search_docs_{db_};
    std::unordered_map<std::string, int> domain_order_;
    std::int64_t ord_ = 0;
    CharsetCollector chars_;
    std::vector<std::pair<std::string, std::vector<std::string>>> guide_links_;  // guides with links, in order
};

Error Cache::install(const Catalogue& cat, const std::string& source,
                     const std::vector<std::pair<std::string, std::string>>& state) {
    return install_locked(cat, source, state, /*only_newer=*/false);
}

Error Cache::install_if_newer(const Catalogue& cat, const std::string& source,
                              const std::vector<std::pair<std::string, std::string>>& state) {
    return install_locked(cat, source, state, /*only_newer=*/true);
}

Error Cache::begin_install(sql::Transaction& tx, std::optional<std::int64_t> only_newer_than) {
    kept_index_.reset();  // of the catalogue this install replaces
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db_, tx.begin_rc(), CatalogueError::CacheWriteFailed, "begin install");
    if (!only_newer_than) return {};
    // Inside the write lock, so check and install are one step: two gongkai-sync runs
    // that overlap (an old slow mirror, then a newer one) cannot install the older
    // catalogue over the newer after both passed the cycle's early check.
    sql::Stmt st(db_, "SELECT version, source FROM catalogue");
    int rc = st.step();
    if (rc == SQLITE_ROW && st.text(1) == "sync" && st.integer(0) >= *only_newer_than)
        return make_error(CatalogueError::ManifestRollback, "version " + std::to_string(*only_newer_than) + " is not newer than the installed " +
                                                           std::to_string(st.integer(0)) + " (installed meanwhile by another sync)");
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read installed version");
    return {};
}

Error Cache::end_install(sql::Transaction& tx, const std::vector<std::pair<std::string, std::string>>& state) {
    for (auto& [key, value] : state)
        if (Error e = set_state(key, value)) return e;
    if (int rc = tx.commit(); rc != SQLITE_OK) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "commit install");
    return {};
}

Error Cache::install_locked(const Catalogue& cat, const std::string& source,
                            const std::vector<std::pair<std::string, std::string>>& state, bool only_newer) {
    sql::Transaction tx(db_, "BEGIN IMMEDIATE");
    if (Error e = begin_install(tx, only_newer ? std::optional(cat.version) : std::nullopt)) return e;
    CatalogueWriter writer(db_);
    if (Error e = writer.clear()) return e;
    if (Error e = writer.domains(cat.domains)) return e;
    for (const Item& item : cat.items)
        if (Error e = writer.add(item)) return e;
    if (Error e = writer.finish(cat, source)) return e;
    return end_install(tx, state);
}

Error Cache::install_bundle(std::string_view bytes, const BundleInstall& how) {
    sql::Transaction tx(db_, "BEGIN IMMEDIATE");
    if (Error e = begin_install(tx, how.only_newer ? how.version : std::nullopt)) return e;
    CatalogueWriter writer(db_);
    if (Error e = writer.clear()) return e;
    auto head = read_bundle(bytes, writer, how.delta_base, how.max_json_bytes);
    if (!head) return head.error();
    if (how.version && head->version != *how.version)
        return make_error(CatalogueError::BundleMismatch, "bundle version " + std::to_string(head->version) + " ≠ manifest version " +
                                                             std::to_string(*how.version));
    if (Error e = writer.finish(*head, how.source)) return e;
    return end_install(tx, how.state);
}

Error Cache::rebuild_search_docs() {
    if (!info()) return {};  // nothing installed yet
    auto cat = load_catalogue();
    if (!cat) return cat.error();
    return insert_search_docs(db_, search_documents(*cat));
}

Result<std::vector<SearchDocument>> Cache::load_search_documents() {
    sql::Stmt st(db_, (std::string(kSelectSearchDocs) + " ORDER BY s.ord").c_str());
    std::vector<SearchDocument> docs;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        auto doc = read_search_doc(st);
        if (!doc) return doc.error();
        docs.push_back(std::move(*doc));
    }
    if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read search docs");
    return docs;
}

//-----------------------------------------------------------------------------
// [SECTION] Reads
//-----------------------------------------------------------------------------

// Schema 7's notice columns (st's columns 7–10: category, urgent, targets, results), read
// with the bundle's readers and bounds: a cache edited by hand (or damaged) must not hand
// the screens what no bundle could carry.
static Error read_notice_columns(sql::Stmt& st, Notice& n) {
    auto corrupt = [&](const std::string& why) { return make_error(CatalogueError::CacheCorrupt, "notice " + n.id + ": " + why); };
    if (const std::string category = st.text(7); !category.empty()) {
        auto c = category_from_string(category);
        if (!c || category != category_id(*c)) return corrupt("unknown category");
        n.category = *c;
    }
    n.urgent = st.integer(8) != 0;
    const std::string targets = st.text(9), results = st.text(10);
    // The JSON of kMaxTargets names of kMaxTargetBytes each, twice, is under 100 KiB.
    if (targets.size() > 2 * kMaxTargets * (kMaxTargetBytes + 8) + 64) return corrupt("targets larger than any bundle carries");
    auto tj = nlohmann::json::parse(targets, nullptr, false);
    if (std::string why = tj.is_discarded() ? "targets are not JSON" : notice_targets_from_json(tj, n); !why.empty()) return corrupt(why);
    if (!results.empty()) {
        if (json_depth_exceeded(results) != std::string_view::npos) return corrupt("results nested too deep");
        auto rj = nlohmann::json::parse(results, nullptr, false);
        ResultList list;
        if (std::string why = rj.is_discarded() ? "results are not JSON" : result_list_from_json(rj, list); !why.empty()) return corrupt(why);
        n.results = std::move(list);
    }
    return {};
}

// Schema 7: interpretations and responses, with their links, in the source's order. At most
// the bundle's counts (a hand-edited cache of a million rows must not stall a kiosk).
// Does the cache have this table? A cache between migrations lacks the later ones.
static bool has_table(sqlite3* db, const char* name) {
    sql::Stmt st(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
    st.bind(1, std::string(name));
    return st.step() == SQLITE_ROW;
}

static Error read_interpretations_and_responses(sqlite3* db, CatalogueIndex& index) {
    std::unordered_map<std::string, size_t> interpretation_at, response_at;
    {
        sql::Stmt st(db, "SELECT id, title, published, what_changed, who_affected, what_to_do, valid_from, valid_until "
                         "FROM interpretations ORDER BY ord LIMIT ?");
        st.bind(1, static_cast<std::int64_t>(kMaxInterpretations) + 1);
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            if (index.interpretations.size() == kMaxInterpretations)
                return make_error(CatalogueError::CacheCorrupt, "more than " + std::to_string(kMaxInterpretations) + " interpretations");
            Interpretation i;
            i.id = st.text(0), i.title = st.text(1), i.published = st.text(2), i.what_changed = st.text(3);
            i.who_affected = st.text(4), i.what_to_do = st.text(5), i.valid_from = st.text(6), i.valid_until = st.text(7);
            interpretation_at.emplace(i.id, index.interpretations.size());
            index.interpretations.push_back(std::move(i));
        }
        if (rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheCorrupt, "read interpretations");
    }
    {
        sql::Stmt st(db, "SELECT id, question, answer, asked_via, answered FROM responses ORDER BY ord LIMIT ?");
        st.bind(1, static_cast<std::int64_t>(kMaxResponses) + 1);
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            if (index.responses.size() == kMaxResponses)
                return make_error(CatalogueError::CacheCorrupt, "more than " + std::to_string(kMaxResponses) + " responses");
            Response r;
            r.id = st.text(0), r.question = st.text(1), r.answer = st.text(2), r.asked_via = st.text(3), r.answered = st.text(4);
            response_at.emplace(r.id, index.responses.size());
            index.responses.push_back(std::move(r));
        }
        if (rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheCorrupt, "read responses");
    }
    sql::Stmt st(db, "SELECT kind, id, target_kind, target_id FROM content_links ORDER BY kind, id, target_kind, ord");
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        const std::string kind = st.text(0), id = st.text(1), target_kind = st.text(2);
        std::vector<std::string>* into = nullptr;
        if (auto at = interpretation_at.find(id); kind == "interpretation" && at != interpretation_at.end())
            into = target_kind == "item" ? &index.interpretations[at->second].items
                 : target_kind == "notice" ? &index.interpretations[at->second].notices : nullptr;
        else if (auto at = response_at.find(id); kind == "response" && at != response_at.end())
            into = target_kind == "item" ? &index.responses[at->second].items
                 : target_kind == "notice" ? &index.responses[at->second].notices : nullptr;
        if (!into) continue;  // a link of a row this build does not know: left alone
        if (into->size() == kMaxLinkedIds) return make_error(CatalogueError::CacheCorrupt, kind + " " + id + " has more links than any bundle carries");
        into->push_back(st.text(3));
    }
    if (rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheCorrupt, "read content links");
    return {};
}

Result<CatalogueInfo> Cache::info() {
    sql::Stmt st(db_, "SELECT name, version, created, installed_at, source, (SELECT count(*) FROM items) FROM catalogue");
    int rc = st.step();
    if (rc == SQLITE_DONE) return make_error(CatalogueError::CacheEmpty, path_);
    if (rc != SQLITE_ROW) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read catalogue info");
    return CatalogueInfo{st.text(0), st.integer(1), st.text(2), st.text(3), st.text(4), st.integer(5)};
}

bool same_catalogue(const CatalogueInfo& a, const CatalogueInfo& b) {
    return a.name == b.name && a.version == b.version && a.created == b.created && a.installed_at == b.installed_at &&
           a.source == b.source && a.items == b.items;
}

Result<CatalogueIndex> Cache::load_index() {
    if (kept_index_) {
        std::optional<CatalogueIndex> kept = std::move(kept_index_);
        kept_index_.reset();
        if (data_version() == kept_version_) return std::move(*kept);
    }
    return read_index();
}

void Cache::keep_index(CatalogueIndex index, std::int64_t version_before) {
    kept_version_ = version_before;
    kept_index_ = std::move(index);
}

// The guides' links, first guide first: the rows they show (a guide's links are few,
// read from its stored JSON; the `guides` index of schema 8 finds the guides). Calls
// `take(guide id, linked id)`.
static Error for_each_guide_link(sqlite3* db, const std::function<void(std::string, std::string)>& take) {
    // Only text links: a hand-edited null would read back as "" and match an item with no id.
    sql::Stmt st(db, "SELECT items.id, link.value FROM items, json_each(items.body, '$.links') AS link "
                     "WHERE items.kind = 'guide' AND link.type = 'text' ORDER BY items.ord");
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) take(st.text(0), st.text(1));
    if (rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheCorrupt, "read guide links");
    return {};
}

Result<CatalogueIndex> Cache::read_index() {
    sql::Transaction tx(db_, "BEGIN");  // one snapshot for all reads below
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db_, tx.begin_rc(), CatalogueError::CacheCorrupt, "begin read");
    CatalogueIndex index;
    auto info_result = info();
    if (!info_result) return info_result.error();
    index.info = *info_result;
    {
        sql::Stmt st(db_, "SELECT charset FROM catalogue");
        if (st.step() == SQLITE_ROW) index.charset = st.text(0);
    }
    {
        sql::Stmt st(db_, "SELECT id, name, summary FROM domains ORDER BY ord");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) index.domains.push_back({st.text(0), st.text(1), st.text(2)});
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read domains");
    }
    {
        // What each domain screen lists: its rows (counted in items_by_domain, not the
        // table) less the directory rows a guide shows. CROSS JOIN fixes the order — the
        // guides first, each link looked up by id: left to itself the planner scanned all
        // 50,000 rows for each (2 s).
        std::unordered_map<std::string, std::int64_t> listed;
        // Text domain ids only, as a domain's list reads them (WHERE domain_id = ?): a
        // hand-edited BLOB of the same bytes is in no list, so in no count.
        sql::Stmt st(db_, "SELECT domain_id, count(*) FROM items WHERE typeof(domain_id) = 'text' GROUP BY domain_id");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) listed[st.text(0)] += st.integer(1);
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "count items");
        sql::Stmt shown(db_, "SELECT row.domain_id, count(DISTINCT row.id) FROM items AS guide CROSS JOIN json_each(guide.body, '$.links') AS link "
                             "CROSS JOIN items AS row WHERE guide.kind = 'guide' AND link.type = 'text' AND row.id = link.value AND row.kind = 'directory' AND typeof(row.domain_id) = 'text' "
                             "GROUP BY row.domain_id");
        while ((rc = shown.step()) == SQLITE_ROW) listed[shown.text(0)] -= shown.integer(1);
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "count rows shown in guides");
        for (const Domain& d : index.domains) index.listed.push_back(listed[d.id]);
    }
    {
        sql::Stmt st(db_, "SELECT id, domain_id FROM items WHERE kind = 'guide' ORDER BY ord");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) index.guides.push_back({st.text(0), st.text(1)});
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read guides");
    }
    bool schema7 = false;
    {
        // A cache between migrations (schema 4 rebuilding its search text from the catalogue)
        // has no schema-7 columns or tables yet: its notices are plain, it has no
        // interpretations. Schema 7 adds the last of them, content_links.
        schema7 = has_table(db_, "content_links");
        sql::Stmt st(db_, schema7 ? "SELECT id, title, body, domain_id, item_id, valid_from, valid_until, category, urgent, targets, results "
                                    "FROM notices ORDER BY ord"
                                  : "SELECT id, title, body, domain_id, item_id, valid_from, valid_until, '', 0, '{}', '' "
                                    "FROM notices ORDER BY ord");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            Notice n{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)};
            if (Error e = read_notice_columns(st, n)) return e;
            index.notices.push_back(std::move(n));
        }
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read notices");
    }
    if (schema7)
        if (Error e = read_interpretations_and_responses(db_, index)) return e;
    {
        std::unordered_map<std::string, size_t> domain_at, notice_at;
        for (size_t i = 0; i < index.domains.size(); i++) domain_at.emplace(index.domains[i].id, i);
        for (size_t i = 0; i < index.notices.size(); i++) notice_at.emplace(index.notices[i].id, i);
        // A cache between migrations (schema 3 rebuilding its search text) has no english
        // table yet: nothing is translated, nothing is wrong.
        sql::Stmt st(db_, has_table(db_, "english") ? "SELECT kind, id, field, value FROM english WHERE kind != 'item'" : "SELECT '', '', '', '' WHERE 0");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            const std::string kind = st.text(0), id = st.text(1), field = st.text(2);
            // A row for an id or field this build does not know is left alone, not an error.
            std::string* into = nullptr;
            if (auto at = domain_at.find(id); kind == "domain" && at != domain_at.end())
                into = field == "name" ? &index.domains[at->second].name_en : field == "summary" ? &index.domains[at->second].summary_en : nullptr;
            else if (auto at = notice_at.find(id); kind == "notice" && at != notice_at.end())
                into = field == "title" ? &index.notices[at->second].title_en : field == "body" ? &index.notices[at->second].body_en : nullptr;
            if (into) *into = st.text(3);
        }
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read english");
    }
    tx.commit();
    return index;
}

Result<std::vector<ItemSummary>> Cache::load_summaries(std::string_view domain_id) {
    sql::Transaction tx(db_, "BEGIN");  // rows, guide links and English from one snapshot
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db_, tx.begin_rc(), CatalogueError::CacheCorrupt, "begin read");
    // A cache between migrations (schema 3) has no english table yet: nothing is translated.
    const bool has_english = has_table(db_, "english");
    std::string query = "SELECT i.id, i.kind, i.domain_id, i.level1, i.title, i.summary, typeof(i.id) = 'text', ";
    query += has_english ? "coalesce(t.value, ''), coalesce(s.value, '') FROM items AS i "
                           "LEFT JOIN english AS t ON t.kind = 'item' AND t.id = i.id AND t.field = 'title' "
                           "LEFT JOIN english AS s ON s.kind = 'item' AND s.id = i.id AND s.field = 'summary' "
                         : "'', '' FROM items AS i ";
    query += domain_id.empty() ? "ORDER BY i.ord" : "WHERE i.domain_id = ? ORDER BY i.ord";
    sql::Stmt st(db_, query.c_str());
    if (!domain_id.empty()) st.bind(1, std::string(domain_id));
    std::vector<ItemSummary> rows;
    std::vector<bool> id_is_text;  // per row: false for an id edited by hand into another type
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        auto kind = item_kind_from_string(st.text(1));
        if (!kind) return make_error(CatalogueError::CacheCorrupt, "item " + st.text(0) + " has unknown kind");
        ItemSummary row{st.text(0), *kind, st.text(2), st.text(3), st.text(4), st.text(5)};
        row.title_en = st.text(7), row.summary_en = st.text(8);
        id_is_text.push_back(st.integer(6) != 0);
        rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read items");
    // Display titles tell rows apart within their domain (model.h display_titles), so one
    // domain's rows give the same titles as the whole catalogue's.
    std::vector<TitleParts> parts;
    parts.reserve(rows.size());
    for (const ItemSummary& i : rows) parts.push_back({i.domain_id, i.level1, i.title});
    std::vector<std::string> titles = display_titles(parts);
    for (size_t i = 0; i < titles.size(); i++) rows[i].display_title = std::move(titles[i]);
    // The guide each directory row is shown inside: the first that links it.
    // Only rows whose id is text, as read_index counts them (a hand-edited BLOB id equals no
    // link in SQL, though it reads back as the same characters).
    std::unordered_map<std::string_view, size_t> position;
    for (size_t i = 0; i < rows.size(); i++)
        if (id_is_text[i]) position.emplace(rows[i].id, i);
    Error e = for_each_guide_link(db_, [&](std::string guide, std::string linked) {
        auto row = position.find(linked);
        if (row == position.end()) return;
        ItemSummary& r = rows[row->second];
        if (r.kind == ItemKind::Directory && r.guide_id.empty()) r.guide_id = std::move(guide);
    });
    if (e) return e;
    tx.commit();
    return rows;
}

Result<std::string> Cache::item_domain(std::string_view id) {
    sql::Stmt st(db_, "SELECT domain_id FROM items WHERE id = ?");
    st.bind(1, std::string(id));
    int rc = st.step();
    if (rc == SQLITE_DONE) return make_error(CatalogueError::NotFound, "item " + std::string(id));
    if (rc != SQLITE_ROW) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read item " + std::string(id));
    return st.text(0);
}

Result<Item> Cache::load_item(const std::string& id) {
    sql::Stmt st(db_, "SELECT body FROM items WHERE id = ?");
    st.bind(1, id);
    int rc = st.step();
    if (rc == SQLITE_DONE) return make_error(CatalogueError::NotFound, "item " + id);
    if (rc != SQLITE_ROW) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read item " + id);
    auto j = nlohmann::json::parse(st.text(0), nullptr, false);
    if (j.is_discarded()) return make_error(CatalogueError::CacheCorrupt, "item " + id + " body is not JSON");
    auto item = item_from_json(j);
    if (!item) return make_error(CatalogueError::CacheCorrupt, item.error().detail);
    return item;
}

Result<std::vector<ThesaurusEntry>> Cache::load_thesaurus() {
    // The bundle's limits hold here too: a cache edited by hand (or damaged) must not
    // hand search a thesaurus no bundle could carry (200,000 words stalled a kiosk).
    std::vector<ThesaurusEntry> out;
    sql::Stmt th(db_, "SELECT words, means FROM thesaurus ORDER BY ord LIMIT ?");
    th.bind(1, static_cast<std::int64_t>(kMaxThesaurusEntries) + 1);
    int rc;
    while ((rc = th.step()) == SQLITE_ROW) {
        if (out.size() == kMaxThesaurusEntries)
            return make_error(CatalogueError::CacheCorrupt, "thesaurus has more than " + std::to_string(kMaxThesaurusEntries) + " entries");
        ThesaurusEntry e;
        for (auto [col, side] : {std::pair{0, &e.words}, {1, &e.means}}) {
            const std::string text = th.text(col);
            // 32 words of 16 characters, quoted: under 2 KiB; 64 KiB is any JSON spelling of it.
            if (text.size() > 64 * 1024) return make_error(CatalogueError::CacheCorrupt, "thesaurus entry too large");
            auto j = nlohmann::json::parse(text, nullptr, false);
            if (!j.is_array() || j.empty() || j.size() > kMaxThesaurusWordsPerSide)
                return make_error(CatalogueError::CacheCorrupt, "thesaurus entry is not a JSON array of 1–" +
                                                                    std::to_string(kMaxThesaurusWordsPerSide) + " words");
            for (auto& w : j) {
                if (!w.is_string() || !thesaurus_word_problem(w.get_ref<const std::string&>()).empty())
                    return make_error(CatalogueError::CacheCorrupt, "thesaurus entry holds a word no bundle may carry");
                side->push_back(w.get<std::string>());
            }
        }
        out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read thesaurus");
    return out;
}

// Everything but the items, in the caller's read transaction.
Result<Catalogue> Cache::load_catalogue_head() {
    auto index = read_index();
    if (!index) return index.error();
    Catalogue cat;
    cat.name = index->info.name;
    cat.version = index->info.version;
    cat.created = index->info.created;
    cat.domains = std::move(index->domains);
    cat.notices = std::move(index->notices);
    cat.interpretations = std::move(index->interpretations);
    cat.responses = std::move(index->responses);
    auto thesaurus = load_thesaurus();
    if (!thesaurus) return thesaurus.error();
    cat.thesaurus = std::move(*thesaurus);
    return cat;
}

// Each item, in catalogue order, read from its stored body; one in memory at a time.
Error Cache::for_each_item(const std::function<void(Item&&)>& take) {
    sql::Stmt st(db_, "SELECT body FROM items ORDER BY ord");
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        auto j = nlohmann::json::parse(st.text(0), nullptr, false);
        if (j.is_discarded()) return make_error(CatalogueError::CacheCorrupt, "item body is not JSON");
        auto item = item_from_json(j);
        if (!item) return make_error(CatalogueError::CacheCorrupt, item.error().detail);
        take(std::move(*item));
    }
    if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read items");
    return {};
}

Result<Catalogue> Cache::load_catalogue() {
    sql::Transaction tx(db_, "BEGIN");
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db_, tx.begin_rc(), CatalogueError::CacheCorrupt, "begin read");
    auto cat = load_catalogue_head();
    if (!cat) return cat.error();
    if (Error e = for_each_item([&](Item&& item) { cat->items.push_back(std::move(item)); })) return e;
    tx.commit();
    return cat;
}

Result<std::string> Cache::installed_bundle_json() {
    sql::Transaction tx(db_, "BEGIN");
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db_, tx.begin_rc(), CatalogueError::CacheCorrupt, "begin read");
    auto head = load_catalogue_head();
    if (!head) return head.error();
    BundleJsonWriter writer(*head);
    {
        // The stored bodies are the items' JSON: their sum, and a comma each, is the size
        // to come (reserved, so the text is not copied as it grows: 2× its size at a moment).
        sql::Stmt st(db_, "SELECT coalesce(sum(length(CAST(body AS BLOB)) + 1), 0) FROM items");
        if (st.step() == SQLITE_ROW) writer.reserve(static_cast<std::size_t>(st.integer(0)));
    }
    if (Error e = for_each_item([&](Item&& item) { writer.add(item); })) return e;
    tx.commit();
    return std::move(writer).finish();
}

Result<std::vector<ItemNames>> Cache::load_item_names() {
    // One row per term (one with a NULL term for an item without): SQLite reads the terms
    // out of the body, so no item's JSON is parsed here. What load_catalogue would refuse is
    // refused too: a body that is not JSON (the statement fails), terms that are not an array
    // of strings, more terms than an install writes (CacheCorrupt).
    sql::Stmt st(db_, "SELECT i.rowid, i.title, i.level1, json_type(i.body, '$.terms'), t.type, t.value FROM items i "
                      "LEFT JOIN json_each(i.body, '$.terms') t ORDER BY i.ord, i.rowid, t.key");
    std::vector<ItemNames> names;
    std::int64_t last_rowid = 0;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        const std::int64_t rowid = st.integer(0);
        if (names.empty() || rowid != last_rowid) names.push_back({st.text(1), st.text(2), {}});
        last_rowid = rowid;
        const std::string terms_type = st.is_null(3) ? "null" : st.text(3);
        if (terms_type == "null") continue;
        if (terms_type != "array" || (!st.is_null(4) && st.text(4) != "text"))
            return make_error(CatalogueError::CacheCorrupt, "the terms of item " + names.back().title + " are not a list of words");
        if (st.is_null(5)) continue;  // an empty list
        if (names.back().terms.size() >= kMaxItemTerms)
            return make_error(CatalogueError::CacheCorrupt, "item " + names.back().title + " has more terms than any install writes");
        names.back().terms.push_back(st.text(5));
    }
    if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read item names");
    return names;
}

}  // namespace gongkai
