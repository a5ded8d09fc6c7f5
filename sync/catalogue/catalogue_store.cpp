// The catalogue in the cache: install (the one write path, one transaction) and every
// read of it (info, index, items, the whole catalogue, search documents).
//   [SECTION] Install
//   [SECTION] Reads
#include <unordered_map>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "bundle.h"
#include "cache.h"
#include "json_limits.h"
#include "sqlite_db.h"
#include "utf8.h"

namespace gongkai {

//-----------------------------------------------------------------------------
// [SECTION] Install
//-----------------------------------------------------------------------------

// Inside the caller's write transaction.
// Replaces the derived search text (search_docs, search_extras) with `docs`.
static Error insert_search_docs(sqlite3* db, const std::vector<SearchDocument>& docs) {
    for (const char* sql : {"DELETE FROM search_extras", "DELETE FROM search_docs"})
        if (int rc = sql::exec(db, sql); rc != SQLITE_OK) return sql::error(db, rc, CatalogueError::CacheWriteFailed, sql);
    sql::Stmt st(db, "INSERT INTO search_docs(item_id, domain_order, ord, title, terms, summary, body) VALUES (?, ?, ?, ?, ?, ?, ?)");
    sql::Stmt extra(db, "INSERT INTO search_extras(item_id, aliases, answers) VALUES (?, ?, ?)");
    for (auto& d : docs) {
        st.bind(1, d.id).bind(2, std::int64_t{d.domain_order}).bind(3, std::int64_t{d.order}).bind(4, d.title)
            .bind(5, nlohmann::json(d.terms).dump()).bind(6, d.summary).bind(7, d.body);
        if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "insert search doc " + d.id);
        st.reset();
        nlohmann::json answers = nlohmann::json::object();
        for (size_t f = 0; f < d.answers.size(); f++)
            if (!d.answers[f].empty()) answers[to_string(static_cast<QuestionFrame>(f))] = d.answers[f];
        extra.bind(1, d.id).bind(2, nlohmann::json(d.aliases).dump()).bind(3, answers.dump());
        if (int rc = extra.step(); rc != SQLITE_DONE) return sql::error(db, rc, CatalogueError::CacheWriteFailed, "insert search extras " + d.id);
        extra.reset();
    }
    return {};
}

static void append_utf8_chars(std::string_view s, std::set<std::string>& out) {
    for (size_t i = 0; i < s.size();) {
        char32_t c = utf8::next(s, i);
        if (c >= 0x20) {
            std::string ch;
            utf8::append(ch, c);
            out.insert(std::move(ch));
        }
    }
}

std::string catalogue_charset(const Catalogue& cat) {
    std::set<std::string> chars;
    append_utf8_chars(cat.name, chars);
    for (auto& d : cat.domains)
        for (auto* s : {&d.name, &d.summary, &d.name_en, &d.summary_en}) append_utf8_chars(*s, chars);
    for (auto& n : cat.notices) {
        for (auto* s : {&n.title, &n.body, &n.title_en, &n.body_en}) append_utf8_chars(*s, chars);
        if (n.results) append_utf8_chars(result_list_to_json(*n.results).dump(-1, ' ', false), chars);
    }
    for (auto& i : cat.interpretations)
        for (auto* s : {&i.title, &i.what_changed, &i.who_affected, &i.what_to_do}) append_utf8_chars(*s, chars);
    for (auto& r : cat.responses)
        for (auto* s : {&r.question, &r.answer, &r.asked_via}) append_utf8_chars(*s, chars);
    for (auto& item : cat.items) {
        // Everything the item page can show is in its JSON body; keys are ASCII.
        append_utf8_chars(item_to_json(item).dump(-1, ' ', false), chars);
    }
    std::string out;
    for (auto& c : chars) out += c;
    return out;
}

Error Cache::install(const Catalogue& cat, const std::string& source,
                     const std::vector<std::pair<std::string, std::string>>& state) {
    return install_locked(cat, source, state, /*only_newer=*/false);
}

Error Cache::install_if_newer(const Catalogue& cat, const std::string& source,
                              const std::vector<std::pair<std::string, std::string>>& state) {
    return install_locked(cat, source, state, /*only_newer=*/true);
}

Error Cache::install_locked(const Catalogue& cat, const std::string& source,
                            const std::vector<std::pair<std::string, std::string>>& state, bool only_newer) {
    const std::string charset = catalogue_charset(cat);  // before the lock: readers keep going
    sql::Transaction tx(db_, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db_, tx.begin_rc(), CatalogueError::CacheWriteFailed, "begin install");
    if (only_newer) {
        // Inside the write lock, so check and install are one step: two gongkai-sync runs
        // that overlap (an old slow mirror, then a newer one) cannot install the older
        // catalogue over the newer after both passed the cycle's early check.
        sql::Stmt st(db_, "SELECT version, source FROM catalogue");
        int rc = st.step();
        if (rc == SQLITE_ROW && st.text(1) == "sync" && st.integer(0) >= cat.version)
            return make_error(CatalogueError::ManifestRollback, "version " + std::to_string(cat.version) + " is not newer than the installed " +
                                                               std::to_string(st.integer(0)) + " (installed meanwhile by another sync)");
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read installed version");
    }
    const std::vector<SearchDocument> search_docs = search_documents(cat);
    for (const char* sql : {"DELETE FROM content_links", "DELETE FROM interpretations", "DELETE FROM responses", "DELETE FROM english", "DELETE FROM thesaurus", "DELETE FROM search_extras", "DELETE FROM search_docs", "DELETE FROM notices", "DELETE FROM items", "DELETE FROM domains",
                            "DELETE FROM catalogue"}) {
        if (int rc = sql::exec(db_, sql); rc != SQLITE_OK) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, sql);
    }
    {
        sql::Stmt st(db_, "INSERT INTO catalogue(singleton, name, version, created, installed_at, source, charset) "
                     "VALUES (1, ?, ?, ?, ?, ?, ?)");
        st.bind(1, cat.name).bind(2, cat.version).bind(3, cat.created).bind(4, utc_now_rfc3339()).bind(5, source).bind(6, charset);
        if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert catalogue");
    }
    {
        sql::Stmt st(db_, "INSERT INTO domains(id, name, summary, ord) VALUES (?, ?, ?, ?)");
        std::int64_t ord = 0;
        for (auto& d : cat.domains) {
            st.bind(1, d.id).bind(2, d.name).bind(3, d.summary).bind(4, ord++);
            if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert domain " + d.id);
            st.reset();
        }
    }
    {
        sql::Stmt st(db_, "INSERT INTO items(id, kind, domain_id, level1, title, summary, ord, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        std::int64_t ord = 0;
        for (auto& item : cat.items) {
            st.bind(1, item.id).bind(2, std::string(to_string(item.kind))).bind(3, item.domain_id).bind(4, item.level1)
                .bind(5, item.title).bind(6, item.summary).bind(7, ord++).bind(8, item_to_json(item).dump());
            if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert item " + item.id);
            st.reset();
        }
    }
    {
        sql::Stmt st(db_, "INSERT INTO english(kind, id, field, value) VALUES (?, ?, ?, ?)");
        auto put = [&](const char* kind, const std::string& id, const char* field, const std::string& value) -> Error {
            if (value.empty()) return {};
            st.bind(1, std::string(kind)).bind(2, id).bind(3, std::string(field)).bind(4, value);
            int rc = st.step();
            st.reset();
            if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, std::string("insert english for ") + kind + " " + id);
            return {};
        };
        for (auto& d : cat.domains) {
            if (Error e = put("domain", d.id, "name", d.name_en)) return e;
            if (Error e = put("domain", d.id, "summary", d.summary_en)) return e;
        }
        for (auto& i : cat.items) {
            if (Error e = put("item", i.id, "title", i.title_en)) return e;
            if (Error e = put("item", i.id, "summary", i.summary_en)) return e;
        }
        for (auto& n : cat.notices) {
            if (Error e = put("notice", n.id, "title", n.title_en)) return e;
            if (Error e = put("notice", n.id, "body", n.body_en)) return e;
        }
    }
    {
        sql::Stmt st(db_, "INSERT INTO notices(id, title, body, domain_id, item_id, valid_from, valid_until, ord, category, urgent, targets, results) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        std::int64_t ord = 0;
        for (auto& n : cat.notices) {
            st.bind(1, n.id).bind(2, n.title).bind(3, n.body).bind(4, n.domain_id).bind(5, n.item_id)
                .bind(6, n.valid_from).bind(7, n.valid_until).bind(8, ord++).bind(9, std::string(category_id(n.category)))
                .bind(10, std::int64_t{n.urgent ? 1 : 0}).bind(11, notice_targets_to_json(n).dump())
                .bind(12, n.results ? result_list_to_json(*n.results).dump() : std::string());
            if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert notice " + n.id);
            st.reset();
        }
    }
    {
        // 政策解读 and 回应关切, and what each explains (content_links, in the source's order).
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
        for (auto& i : cat.interpretations) {
            st.bind(1, i.id).bind(2, i.title).bind(3, i.published).bind(4, i.what_changed).bind(5, i.who_affected)
                .bind(6, i.what_to_do).bind(7, i.valid_from).bind(8, i.valid_until).bind(9, ord++);
            if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert interpretation " + i.id);
            st.reset();
            if (Error e = put_links("interpretation", i.id, i.items, i.notices)) return e;
        }
        sql::Stmt rs(db_, "INSERT INTO responses(id, question, answer, asked_via, answered, ord) VALUES (?, ?, ?, ?, ?, ?)");
        ord = 0;
        for (auto& r : cat.responses) {
            rs.bind(1, r.id).bind(2, r.question).bind(3, r.answer).bind(4, r.asked_via).bind(5, r.answered).bind(6, ord++);
            if (int rc = rs.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert response " + r.id);
            rs.reset();
            if (Error e = put_links("response", r.id, r.items, r.notices)) return e;
        }
    }
    {
        sql::Stmt st(db_, "INSERT INTO thesaurus(ord, words, means) VALUES (?, ?, ?)");
        std::int64_t ord = 0;
        for (auto& e : cat.thesaurus) {
            st.bind(1, ord++).bind(2, nlohmann::json(e.words).dump()).bind(3, nlohmann::json(e.means).dump());
            if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "insert thesaurus entry");
            st.reset();
        }
    }
    if (Error e = insert_search_docs(db_, search_docs)) return e;
    for (auto& [key, value] : state)
        if (Error e = set_state(key, value)) return e;
    if (int rc = tx.commit(); rc != SQLITE_OK) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "commit install");
    return {};
}

Error Cache::rebuild_search_docs() {
    if (!info()) return {};  // nothing installed yet
    auto cat = load_catalogue();
    if (!cat) return cat.error();
    return insert_search_docs(db_, search_documents(*cat));
}

// Bounded as install writes them: terms and aliases are a service's names (a guide
// showing a thousand rows is beyond any directory), answers its guide's cells.
static constexpr size_t kMaxNamesJson = 256 * 1024, kMaxNames = 1000;

Result<std::vector<SearchDocument>> Cache::load_search_documents() {
    sql::Stmt st(db_, "SELECT s.item_id, i.domain_id, s.domain_order, s.ord, s.title, s.terms, s.summary, s.body, i.kind, "
                 "coalesce(x.aliases, '[]'), coalesce(x.answers, '{}') "
                 "FROM search_docs s JOIN items i ON i.id = s.item_id LEFT JOIN search_extras x ON x.item_id = s.item_id ORDER BY s.ord");
    bool too_large = false;
    auto strings = [&](const std::string& text, std::vector<std::string>& out) {
        if (text.size() > kMaxNamesJson) { too_large = true; return; }
        auto j = nlohmann::json::parse(text, nullptr, false);
        if (!j.is_array()) return;
        if (j.size() > kMaxNames) { too_large = true; return; }
        for (auto& t : j)
            if (t.is_string()) out.push_back(t.get<std::string>());
    };
    std::vector<SearchDocument> docs;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
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
        docs.push_back(std::move(d));
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

Result<CatalogueIndex> Cache::load_index() {
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
        sql::Stmt st(db_, "SELECT id, kind, domain_id, level1, title, summary FROM items ORDER BY ord");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            auto kind = item_kind_from_string(st.text(1));
            if (!kind) return make_error(CatalogueError::CacheCorrupt, "item " + st.text(0) + " has unknown kind");
            index.items.push_back({st.text(0), *kind, st.text(2), st.text(3), st.text(4), st.text(5)});
        }
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read items");
        std::vector<TitleParts> parts;
        parts.reserve(index.items.size());
        for (const ItemSummary& i : index.items) parts.push_back({i.domain_id, i.level1, i.title});
        std::vector<std::string> titles = display_titles(parts);
        for (size_t i = 0; i < titles.size(); i++) index.items[i].display_title = std::move(titles[i]);
    }
    {
        // The rows each guide shows. Guides are few (tens to hundreds), so reading their
        // links out of the stored JSON costs less than a column every migration carries.
        std::unordered_map<std::string, size_t> position;
        for (size_t i = 0; i < index.items.size(); i++) position.emplace(index.items[i].id, i);
        sql::Stmt st(db_, "SELECT items.id, link.value FROM items, json_each(items.body, '$.links') AS link "
                          "WHERE items.kind = 'guide' ORDER BY items.ord");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            auto row = position.find(st.text(1));
            if (row == position.end()) continue;
            ItemSummary& linked = index.items[row->second];
            if (linked.kind == ItemKind::Directory && linked.guide_id.empty()) linked.guide_id = st.text(0);
        }
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read guide links");
    }
    bool schema7 = false;
    {
        // A cache between migrations (schema 4 rebuilding its search text from the catalogue)
        // has no schema-7 columns or tables yet: its notices are plain, it has no
        // interpretations. Schema 7 adds the last of them, content_links.
        sql::Stmt has(db_, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'content_links'");
        schema7 = has.step() == SQLITE_ROW;
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
        std::unordered_map<std::string, size_t> domain_at, item_at, notice_at;
        for (size_t i = 0; i < index.domains.size(); i++) domain_at.emplace(index.domains[i].id, i);
        for (size_t i = 0; i < index.items.size(); i++) item_at.emplace(index.items[i].id, i);
        for (size_t i = 0; i < index.notices.size(); i++) notice_at.emplace(index.notices[i].id, i);
        // A cache between migrations (schema 3 rebuilding its search text) has no english
        // table yet: nothing is translated, nothing is wrong.
        sql::Stmt exists(db_, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'english'");
        const bool has_english = exists.step() == SQLITE_ROW;
        sql::Stmt st(db_, has_english ? "SELECT kind, id, field, value FROM english" : "SELECT '', '', '', '' WHERE 0");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            const std::string kind = st.text(0), id = st.text(1), field = st.text(2);
            // A row for an id or field this build does not know is left alone, not an error.
            std::string* into = nullptr;
            if (auto at = domain_at.find(id); kind == "domain" && at != domain_at.end())
                into = field == "name" ? &index.domains[at->second].name_en : field == "summary" ? &index.domains[at->second].summary_en : nullptr;
            else if (auto at = item_at.find(id); kind == "item" && at != item_at.end())
                into = field == "title" ? &index.items[at->second].title_en : field == "summary" ? &index.items[at->second].summary_en : nullptr;
            else if (auto at = notice_at.find(id); kind == "notice" && at != notice_at.end())
                into = field == "title" ? &index.notices[at->second].title_en : field == "body" ? &index.notices[at->second].body_en : nullptr;
            if (into) *into = st.text(3);
        }
        if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read english");
    }
    tx.commit();
    return index;
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

Result<Catalogue> Cache::load_catalogue() {
    sql::Transaction tx(db_, "BEGIN");
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db_, tx.begin_rc(), CatalogueError::CacheCorrupt, "begin read");
    auto index = load_index();
    if (!index) return index.error();
    Catalogue cat;
    cat.name = index->info.name;
    cat.version = index->info.version;
    cat.created = index->info.created;
    cat.domains = index->domains;
    cat.notices = index->notices;
    cat.interpretations = index->interpretations;
    cat.responses = index->responses;
    auto thesaurus = load_thesaurus();
    if (!thesaurus) return thesaurus.error();
    cat.thesaurus = std::move(*thesaurus);
    sql::Stmt st(db_, "SELECT body FROM items ORDER BY ord");
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        auto j = nlohmann::json::parse(st.text(0), nullptr, false);
        if (j.is_discarded()) return make_error(CatalogueError::CacheCorrupt, "item body is not JSON");
        auto item = item_from_json(j);
        if (!item) return make_error(CatalogueError::CacheCorrupt, item.error().detail);
        cat.items.push_back(std::move(*item));
    }
    if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read items");
    tx.commit();
    return cat;
}

Result<std::vector<ItemNames>> Cache::load_item_names() {
    // One row per term (one with a NULL term for an item without): SQLite reads the terms
    // out of the body, so no item's JSON is parsed here. A body that is not JSON fails the
    // statement (CacheCorrupt), as load_catalogue would.
    sql::Stmt st(db_, "SELECT i.rowid, i.title, i.level1, t.value FROM items i "
                      "LEFT JOIN json_each(i.body, '$.terms') t ORDER BY i.ord, i.rowid, t.key");
    std::vector<ItemNames> names;
    std::int64_t last_rowid = 0;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        const std::int64_t rowid = st.integer(0);
        if (names.empty() || rowid != last_rowid) names.push_back({st.text(1), st.text(2), {}});
        last_rowid = rowid;
        if (st.is_null(3)) continue;
        if (names.back().terms.size() >= kMaxNames)
            return make_error(CatalogueError::CacheCorrupt, "item " + names.back().title + " has more terms than any install writes");
        names.back().terms.push_back(st.text(3));
    }
    if (rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read item names");
    return names;
}

}  // namespace gongkai
