// See bundle.h.
#include "bundle.h"

#include <zstd.h>

#include <memory>
#include <set>
#include <tuple>

#include "clock.h"
#include "json_limits.h"
#include "text_encoding.h"
#include "utf8.h"

namespace gongkai {

using nlohmann::json;

json item_to_json(const Item& item) {
    json j = {{"id", item.id},           {"kind", to_string(item.kind)}, {"domain", item.domain_id},
              {"level1", item.level1},   {"title", item.title},          {"summary", item.summary},
              {"terms", item.terms},     {"links", item.links}};
    json wf = json::array();
    for (auto& s : item.workflow)
        wf.push_back({{"step", s.step}, {"actor", s.actor}, {"detail", s.detail}, {"time_limit", s.time_limit}});
    j["workflow"] = std::move(wf);
    if (item.standard) {
        auto& s = *item.standard;
        j["standard"] = {{"content_elements", s.content_elements}, {"basis", s.basis}, {"time_limit", s.time_limit},
                         {"bodies", s.bodies}, {"channels", s.channels}, {"audience", s.audience},
                         {"mode", s.mode}, {"tier", s.tier}};
    }
    auto guide_json = [](const ServiceGuide& g) {
        return json{{"summary", g.summary}, {"eligibility", g.eligibility}, {"materials", g.materials},
                    {"steps", g.steps}, {"where", g.where}, {"time_limit", g.time_limit}, {"fee", g.fee},
                    {"basis", g.basis}, {"contacts", g.contacts}};
    };
    if (item.guide) j["guide"] = guide_json(*item.guide);
    // English is optional and absent when the source gives none: older devices ignore it.
    if (!item.title_en.empty() || !item.summary_en.empty() || item.guide_en) {
        json en = {{"title", item.title_en}, {"summary", item.summary_en}};
        if (item.guide_en) en["guide"] = guide_json(*item.guide_en);
        j["en"] = std::move(en);
    }
    return j;
}

namespace {

// Reads with named failures instead of nlohmann's exceptions leaking out.
struct JsonReader {
    const json& j;
    std::string where;
    std::string error;

    std::string str(const char* key, bool required = true) {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) {
            if (required && error.empty()) error = where + ": missing \"" + key + "\"";
            return {};
        }
        if (!it->is_string()) { if (error.empty()) error = where + ": \"" + key + "\" is not a string"; return {}; }
        return it->get<std::string>();
    }
    std::vector<std::string> list(const char* key) {
        std::vector<std::string> out;
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) return out;
        if (!it->is_array()) { if (error.empty()) error = where + ": \"" + key + "\" is not an array"; return out; }
        for (auto& el : *it) {
            if (!el.is_string()) { if (error.empty()) error = where + ": \"" + key + "\" holds a non-string"; continue; }
            out.push_back(el.get<std::string>());
        }
        return out;
    }
};

// [SECTION] Bounded readers for issue 11's content
// Each returns "" when the value is fine, else what is wrong, for BundleCorrupt.

// An optional string of at most `max` bytes ("" when absent).
std::string bounded_str(const json& j, const char* key, std::size_t max, std::string& out, bool required = false) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return required ? std::string("missing \"") + key + "\"" : std::string();
    if (!it->is_string()) return std::string("\"") + key + "\" is not a string";
    const std::string& s = it->get_ref<const std::string&>();
    if (s.size() > max) return std::string("\"") + key + "\" is longer than " + std::to_string(max) + " bytes";
    if (required && s.empty()) return std::string("\"") + key + "\" is empty";
    out = s;
    return {};
}

// An optional array of at most `max_count` non-empty strings of at most `max_bytes` each.
std::string bounded_list(const json& j, const char* key, std::size_t max_count, std::size_t max_bytes, std::vector<std::string>& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_array()) return std::string("\"") + key + "\" is not an array";
    if (it->size() > max_count) return std::string("\"") + key + "\" has more than " + std::to_string(max_count) + " entries";
    for (auto& el : *it) {
        if (!el.is_string()) return std::string("\"") + key + "\" holds a non-string";
        const std::string& s = el.get_ref<const std::string&>();
        if (s.empty() || s.size() > max_bytes)
            return std::string("\"") + key + "\" holds an entry that is empty or longer than " + std::to_string(max_bytes) + " bytes";
        out.push_back(s);
    }
    return {};
}

// An id that names a web page and a route: ASCII letters, digits and '-', 1–64 bytes.
std::string page_id_shape(const std::string& id) {
    if (id.empty() || id.size() > kMaxIdBytes) return "id is empty or longer than " + std::to_string(kMaxIdBytes) + " bytes";
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return "id holds a character other than ASCII letters, digits and '-'";
    return {};
}

// "" or a real YYYY-MM-DD day.
std::string day_shape(const char* key, const std::string& s) {
    CalendarDate d{};
    if (s.empty() || parse_calendar_date(s, &d)) return {};
    return std::string("\"") + key + "\" is not a YYYY-MM-DD day";
}

// "" or a validity bound (model.h: YYYY-MM-DD or YYYY-MM-DDTHH:MM).
std::string validity_shape(const char* key, const std::string& s) {
    std::time_t t;
    if (s.empty() || validity_start(s, &t)) return {};
    return std::string("\"") + key + "\" is neither YYYY-MM-DD nor YYYY-MM-DDTHH:MM";
}

}  // namespace

json notice_targets_to_json(const Notice& n) { return json{{"halls", n.halls}, {"groups", n.groups}}; }

std::string notice_targets_from_json(const json& j, Notice& n) {
    if (!j.is_object()) return "targets are not an object";
    for (auto [key, into] : {std::pair{"halls", &n.halls}, {"groups", &n.groups}})
        if (std::string why = bounded_list(j, key, kMaxTargets, kMaxTargetBytes, *into); !why.empty()) return why;
    return {};
}

json result_list_to_json(const ResultList& r) {
    return json{{"columns", r.columns}, {"rows", r.rows}, {"public_days", r.public_days}};
}

std::string result_list_from_json(const json& j, ResultList& out) {
    if (!j.is_object()) return "\"results\" is not an object";
    if (std::string why = bounded_list(j, "columns", kMaxResultColumns, kMaxResultCellBytes, out.columns); !why.empty())
        return "results " + why;
    if (out.columns.empty()) return "results have no columns";
    auto rows = j.find("rows");
    if (rows == j.end() || !rows->is_array()) return "results \"rows\" is not an array";
    if (rows->size() > kMaxResultRows) return "results have more than " + std::to_string(kMaxResultRows) + " rows";
    out.rows.reserve(rows->size());
    for (auto& row : *rows) {
        // Every row as wide as the header: a short row would shift a name under another's amount.
        if (!row.is_array() || row.size() != out.columns.size())
            return "a results row is not an array of " + std::to_string(out.columns.size()) + " cells";
        std::vector<std::string> cells;
        cells.reserve(row.size());
        for (auto& cell : row) {
            if (!cell.is_string() || cell.get_ref<const std::string&>().size() > kMaxResultCellBytes)
                return "a results cell is not a string of at most " + std::to_string(kMaxResultCellBytes) + " bytes";
            cells.push_back(cell.get<std::string>());
        }
        out.rows.push_back(std::move(cells));
    }
    auto days = j.find("public_days");
    if (days == j.end() || !days->is_number_integer() || days->get<std::int64_t>() < 0 || days->get<std::int64_t>() > kMaxPublicDays)
        return "results \"public_days\" is not a whole number of days from 0 to " + std::to_string(kMaxPublicDays);
    out.public_days = static_cast<int>(days->get<std::int64_t>());
    return {};
}

json notice_to_json(const Notice& n) {
    json nj = {{"id", n.id},           {"title", n.title},           {"body", n.body},
               {"domain", n.domain_id}, {"item", n.item_id},          {"valid_from", n.valid_from},
               {"valid_until", n.valid_until}};
    if (!n.title_en.empty()) nj["title_en"] = n.title_en;
    if (!n.body_en.empty()) nj["body_en"] = n.body_en;
    // Issue 11's keys, each absent at its default: a notice without them is the bytes an
    // earlier release wrote, and a device of that release ignores them.
    if (n.category != DisclosureCategory::Unset) nj["category"] = category_id(n.category);
    if (n.urgent) nj["urgent"] = true;
    if (!n.halls.empty()) nj["halls"] = n.halls;
    if (!n.groups.empty()) nj["groups"] = n.groups;
    if (n.results) nj["results"] = result_list_to_json(*n.results);
    return nj;
}

Result<Notice> notice_from_json(const json& j) {
    if (!j.is_object()) return make_error(CatalogueError::BundleCorrupt, "notice is not an object");
    JsonReader nr{j, "notice"};
    Notice n{nr.str("id"), nr.str("title"), nr.str("body", false), nr.str("domain", false),
             nr.str("item", false), nr.str("valid_from", false), nr.str("valid_until", false),
             nr.str("title_en", false), nr.str("body_en", false)};
    if (!nr.error.empty()) return make_error(CatalogueError::BundleCorrupt, nr.error);
    const std::string where = "notice " + n.id.substr(0, kMaxIdBytes) + ": ";
    std::string why;
    if (n.id.empty() || n.id.size() > kMaxIdBytes) why = "id is empty or longer than " + std::to_string(kMaxIdBytes) + " bytes";
    if (why.empty()) why = validity_shape("valid_from", n.valid_from);
    if (why.empty()) why = validity_shape("valid_until", n.valid_until);
    if (auto c = j.find("category"); why.empty() && c != j.end() && !c->is_null()) {
        // The id only (decision …): the names are the source's spelling, not the bundle's.
        auto category = c->is_string() ? category_from_string(c->get_ref<const std::string&>()) : std::nullopt;
        if (!category || c->get_ref<const std::string&>() != category_id(*category)) why = "\"category\" is not one of decision, execution, management, service, result";
        else n.category = *category;
    }
    if (auto u = j.find("urgent"); why.empty() && u != j.end() && !u->is_null()) {
        if (!u->is_boolean()) why = "\"urgent\" is not true or false";
        else n.urgent = u->get<bool>();
    }
    if (why.empty()) why = notice_targets_from_json(j, n);
    if (auto r = j.find("results"); why.empty() && r != j.end() && !r->is_null()) {
        ResultList list;
        why = result_list_from_json(*r, list);
        if (why.empty()) n.results = std::move(list);
        // Names are shown only within the legal window: a list with no start or no end, or an
        // end past valid_from + public_days (a day's grace for a window starting at a time),
        // would show them for longer than the rules allow.
        std::time_t from = 0, until = 0;
        if (why.empty() && (n.valid_from.empty() || n.valid_until.empty() || !validity_start(n.valid_from, &from) ||
                            !validity_end(n.valid_until, &until)))
            why = "a result list needs valid_from and valid_until (its 公示期)";
        else if (why.empty() && (until <= from || until - from > static_cast<std::time_t>(n.results->public_days + 1) * 86400))
            why = "a result list's valid_from … valid_until is longer than its public_days (" + std::to_string(n.results->public_days) + ")";
    }
    if (!why.empty()) return make_error(CatalogueError::BundleCorrupt, where + why);
    return n;
}

json interpretation_to_json(const Interpretation& i) {
    json j = {{"id", i.id},
              {"title", i.title},
              {"published", i.published},
              {"what_changed", i.what_changed},
              {"who_affected", i.who_affected},
              {"what_to_do", i.what_to_do},
              {"items", i.items},
              {"notices", i.notices}};
    if (!i.valid_from.empty()) j["valid_from"] = i.valid_from;
    if (!i.valid_until.empty()) j["valid_until"] = i.valid_until;
    return j;
}

Result<Interpretation> interpretation_from_json(const json& j) {
    if (!j.is_object()) return make_error(CatalogueError::BundleCorrupt, "interpretation is not an object");
    Interpretation i;
    std::string why = bounded_str(j, "id", kMaxIdBytes, i.id, true);
    const std::string where = i.id.empty() ? "interpretation: " : "interpretation " + i.id + ": ";
    if (why.empty()) why = page_id_shape(i.id);
    for (auto [key, into, required] : {std::tuple{"title", &i.title, true}, {"what_changed", &i.what_changed, false},
                                       {"who_affected", &i.who_affected, false}, {"what_to_do", &i.what_to_do, false},
                                       {"published", &i.published, false}, {"valid_from", &i.valid_from, false},
                                       {"valid_until", &i.valid_until, false}})
        if (why.empty()) why = bounded_str(j, key, kMaxTextBytes, *into, required);
    if (why.empty()) why = day_shape("published", i.published);
    if (why.empty()) why = validity_shape("valid_from", i.valid_from);
    if (why.empty()) why = validity_shape("valid_until", i.valid_until);
    if (why.empty()) why = bounded_list(j, "items", kMaxLinkedIds, kMaxIdBytes, i.items);
    if (why.empty()) why = bounded_list(j, "notices", kMaxLinkedIds, kMaxIdBytes, i.notices);
    if (!why.empty()) return make_error(CatalogueError::BundleCorrupt, where + why);
    return i;
}

json response_to_json(const Response& r) {
    return json{{"id", r.id},         {"question", r.question}, {"answer", r.answer}, {"asked_via", r.asked_via},
                {"answered", r.answered}, {"items", r.items},    {"notices", r.notices}};
}

Result<Response> response_from_json(const json& j) {
    if (!j.is_object()) return make_error(CatalogueError::BundleCorrupt, "response is not an object");
    Response r;
    std::string why = bounded_str(j, "id", kMaxIdBytes, r.id, true);
    const std::string where = r.id.empty() ? "response: " : "response " + r.id + ": ";
    if (why.empty()) why = page_id_shape(r.id);
    for (auto [key, into, required] : {std::tuple{"question", &r.question, true}, {"answer", &r.answer, true},
                                       {"asked_via", &r.asked_via, false}, {"answered", &r.answered, false}})
        if (why.empty()) why = bounded_str(j, key, kMaxTextBytes, *into, required);
    if (why.empty()) why = day_shape("answered", r.answered);
    if (why.empty()) why = bounded_list(j, "items", kMaxLinkedIds, kMaxIdBytes, r.items);
    if (why.empty()) why = bounded_list(j, "notices", kMaxLinkedIds, kMaxIdBytes, r.notices);
    if (!why.empty()) return make_error(CatalogueError::BundleCorrupt, where + why);
    return r;
}

Result<Item> item_from_json(const json& j) {
    if (!j.is_object()) return make_error(CatalogueError::BundleCorrupt, "item is not an object");
    JsonReader r{j, "item"};
    Item item;
    item.id = r.str("id");
    r.where = "item " + item.id;
    auto kind = item_kind_from_string(r.str("kind"));
    if (!kind && r.error.empty()) r.error = r.where + ": unknown kind";
    item.kind = kind.value_or(ItemKind::Directory);
    item.domain_id = r.str("domain");
    item.level1 = r.str("level1");
    item.title = r.str("title");
    item.summary = r.str("summary", false);
    item.terms = r.list("terms");
    item.links = r.list("links");
    for (const char* key : {"workflow"})
        if (auto it = j.find(key); it != j.end() && !it->is_null() && !it->is_array() && r.error.empty())
            r.error = r.where + ": \"" + key + "\" is not an array";
    for (const char* key : {"standard", "guide"})
        if (auto it = j.find(key); it != j.end() && !it->is_null() && !it->is_object() && r.error.empty())
            r.error = r.where + ": \"" + key + "\" is not an object";
    if (auto it = j.find("workflow"); it != j.end() && it->is_array()) {
        for (auto& s : *it) {
            if (!s.is_object()) { r.error = r.where + ": workflow step is not an object"; break; }
            JsonReader sr{s, r.where + " workflow"};
            item.workflow.push_back({sr.str("step"), sr.str("actor", false), sr.str("detail", false),
                                     sr.str("time_limit", false)});
            if (!sr.error.empty() && r.error.empty()) r.error = sr.error;
        }
    }
    if (auto it = j.find("standard"); it != j.end() && it->is_object()) {
        JsonReader sr{*it, r.where + " standard"};
        item.standard = DisclosureStandard{sr.list("content_elements"), sr.list("basis"), sr.str("time_limit"),
                                           sr.list("bodies"), sr.list("channels"), sr.list("audience"),
                                           sr.list("mode"), sr.list("tier")};
        if (!sr.error.empty() && r.error.empty()) r.error = sr.error;
    }
    auto read_guide = [&](const json& g, const std::string& where, bool summary_required) {
        JsonReader gr{g, where};
        ServiceGuide out{gr.str("summary", summary_required), gr.list("eligibility"), gr.list("materials"), gr.list("steps"),
                         gr.str("where", false), gr.str("time_limit", false), gr.str("fee", false),
                         gr.list("basis"), gr.list("contacts")};
        if (!gr.error.empty() && r.error.empty()) r.error = gr.error;
        return out;
    };
    if (auto it = j.find("guide"); it != j.end() && it->is_object()) item.guide = read_guide(*it, r.where + " guide", true);
    if (auto it = j.find("en"); it != j.end() && !it->is_null()) {
        if (!it->is_object()) {
            if (r.error.empty()) r.error = r.where + ": \"en\" is not an object";
        } else {
            JsonReader er{*it, r.where + " en"};
            item.title_en = er.str("title", false);
            item.summary_en = er.str("summary", false);
            if (!er.error.empty() && r.error.empty()) r.error = er.error;
            if (auto g = it->find("guide"); g != it->end() && !g->is_null()) {
                if (g->is_object()) item.guide_en = read_guide(*g, r.where + " en guide", false);
                else if (r.error.empty()) r.error = r.where + ": \"en\".\"guide\" is not an object";
            }
        }
    }
    if (r.error.empty() && item.kind == ItemKind::Directory && !item.standard)
        r.error = r.where + ": a directory item without \"standard\"";
    if (r.error.empty() && item.kind == ItemKind::Guide && !item.guide)
        r.error = r.where + ": a guide without \"guide\"";
    if (!r.error.empty()) return make_error(CatalogueError::BundleCorrupt, r.error);
    return item;
}

json catalogue_to_json(const Catalogue& cat) {
    json domains = json::array(), items = json::array(), notices = json::array();
    for (auto& d : cat.domains) {
        json dj = {{"id", d.id}, {"name", d.name}, {"summary", d.summary}};
        if (!d.name_en.empty()) dj["name_en"] = d.name_en;
        if (!d.summary_en.empty()) dj["summary_en"] = d.summary_en;
        domains.push_back(std::move(dj));
    }
    for (auto& i : cat.items) items.push_back(item_to_json(i));
    for (auto& n : cat.notices) notices.push_back(notice_to_json(n));
    json out = {{"format", kBundleFormat}, {"format_version", kBundleFormatVersion}, {"name", cat.name},
                {"version", cat.version},  {"created", cat.created},              {"domains", std::move(domains)},
                {"items", std::move(items)}, {"notices", std::move(notices)}};
    // Optional and additive: a device of an earlier release ignores the key.
    if (!cat.thesaurus.empty()) {
        json entries = json::array();
        for (auto& e : cat.thesaurus) entries.push_back({{"words", e.words}, {"means", e.means}});
        out["thesaurus"] = std::move(entries);
    }
    // Issue 11: optional and additive like the thesaurus; absent when the source has none.
    if (!cat.interpretations.empty()) {
        json list = json::array();
        for (auto& i : cat.interpretations) list.push_back(interpretation_to_json(i));
        out["interpretations"] = std::move(list);
    }
    if (!cat.responses.empty()) {
        json list = json::array();
        for (auto& r : cat.responses) list.push_back(response_to_json(r));
        out["responses"] = std::move(list);
    }
    return out;
}

std::string thesaurus_word_problem(std::string_view word) {
    if (word.empty()) return "empty word";
    if (!is_valid_utf8(word)) return "not UTF-8";
    size_t chars = 0;
    for (size_t i = 0; i < word.size();) {
        char32_t c = utf8::next(word, i);
        chars++;
        const bool han = utf8::is_han(c);
        const bool latin = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!han && !latin) return "holds a character that is not Chinese, a Latin letter or a digit";
    }
    if (chars > kMaxThesaurusWordChars) return "longer than " + std::to_string(kMaxThesaurusWordChars) + " characters";
    return {};
}

static Error read_thesaurus(const json& j, std::vector<ThesaurusEntry>& out) {
    if (!j.is_array()) return make_error(CatalogueError::BundleCorrupt, "\"thesaurus\" is not an array");
    if (j.size() > kMaxThesaurusEntries)
        return make_error(CatalogueError::BundleCorrupt, "\"thesaurus\" has more than " + std::to_string(kMaxThesaurusEntries) + " entries");
    for (auto& e : j) {
        if (!e.is_object()) return make_error(CatalogueError::BundleCorrupt, "thesaurus entry is not an object");
        ThesaurusEntry entry;
        for (auto [key, side] : {std::pair{"words", &entry.words}, {"means", &entry.means}}) {
            auto it = e.find(key);
            if (it == e.end() || !it->is_array() || it->empty() || it->size() > kMaxThesaurusWordsPerSide)
                return make_error(CatalogueError::BundleCorrupt, std::string("thesaurus entry \"") + key + "\" is not a list of 1–" +
                                                                     std::to_string(kMaxThesaurusWordsPerSide) + " words");
            for (auto& w : *it) {
                if (!w.is_string()) return make_error(CatalogueError::BundleCorrupt, "thesaurus word is not a string");
                const std::string& word = w.get_ref<const std::string&>();
                if (std::string why = thesaurus_word_problem(word); !why.empty())
                    return make_error(CatalogueError::BundleCorrupt, "thesaurus word \"" + word.substr(0, 64) + "\": " + why);
                side->push_back(word);
            }
        }
        out.push_back(std::move(entry));
    }
    return {};
}

// An optional top-level array (interpretations, responses): at most `max` entries, each
// read by `read`, ids unique (each is a page and a route).
template <typename T>
static Error read_list(const json& j, const char* key, std::size_t max, Result<T> (*read)(const json&), std::vector<T>& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_array()) return make_error(CatalogueError::BundleCorrupt, std::string("\"") + key + "\" is not an array");
    if (it->size() > max)
        return make_error(CatalogueError::BundleCorrupt, std::string("\"") + key + "\" has more than " + std::to_string(max) + " entries");
    std::set<std::string> ids;
    out.reserve(it->size());
    for (auto& el : *it) {
        auto entry = read(el);
        if (!entry) return entry.error();
        if (!ids.insert(entry->id).second)
            return make_error(CatalogueError::BundleCorrupt, std::string("\"") + key + "\" holds id " + entry->id + " twice");
        out.push_back(std::move(*entry));
    }
    return {};
}

Result<Catalogue> catalogue_from_json(const json& j) {
    if (!j.is_object()) return make_error(CatalogueError::BundleCorrupt, "bundle is not a JSON object");
    if (auto f = j.find("format"); f == j.end() || !f->is_string() || f->get<std::string>() != kBundleFormat)
        return make_error(CatalogueError::BundleCorrupt, "\"format\" is not \"" + std::string(kBundleFormat) + "\"");
    auto fv = j.find("format_version");
    if (fv == j.end() || !fv->is_number_integer()) return make_error(CatalogueError::BundleCorrupt, "\"format_version\" is not an integer");
    if (fv->get<std::int64_t>() != kBundleFormatVersion)
        return make_error(CatalogueError::BundleUnsupported, "format_version " + fv->dump());
    JsonReader r{j, "bundle"};
    Catalogue cat;
    cat.name = r.str("name");
    cat.created = r.str("created", false);
    auto v = j.find("version");
    if (v == j.end() || !v->is_number_integer() ||
        (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)))
        return make_error(CatalogueError::BundleCorrupt, "\"version\" is not an integer");
    cat.version = v->get<std::int64_t>();
    for (const char* key : {"domains", "items", "notices"})
        if (!j.contains(key) || !j[key].is_array())
            return make_error(CatalogueError::BundleCorrupt, std::string("\"") + key + "\" is not an array");
    for (auto& d : j["domains"]) {
        if (!d.is_object()) return make_error(CatalogueError::BundleCorrupt, "domain is not an object");
        JsonReader dr{d, "domain"};
        cat.domains.push_back({dr.str("id"), dr.str("name"), dr.str("summary", false), dr.str("name_en", false),
                               dr.str("summary_en", false)});
        if (!dr.error.empty()) return make_error(CatalogueError::BundleCorrupt, dr.error);
    }
    cat.items.reserve(j["items"].size());
    for (auto& i : j["items"]) {
        auto item = item_from_json(i);
        if (!item) return item.error();
        if (!cat.find_domain(item->domain_id))
            return make_error(CatalogueError::BundleCorrupt, "item " + item->id + " names unknown domain " + item->domain_id);
        cat.items.push_back(std::move(*item));
    }
    // Each notice is a page and a route: ids unique, as the importer makes them (any case).
    std::set<std::string> notice_ids;
    for (auto& n : j["notices"]) {
        auto notice = notice_from_json(n);
        if (!notice) return notice.error();
        std::string lower = notice->id;
        for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (!notice_ids.insert(lower).second)
            return make_error(CatalogueError::BundleCorrupt, "\"notices\" holds id " + notice->id + " twice");
        cat.notices.push_back(std::move(*notice));
    }
    if (auto t = j.find("thesaurus"); t != j.end() && !t->is_null())
        if (Error e = read_thesaurus(*t, cat.thesaurus)) return e;
    if (Error e = read_list(j, "interpretations", kMaxInterpretations, interpretation_from_json, cat.interpretations)) return e;
    if (Error e = read_list(j, "responses", kMaxResponses, response_from_json, cat.responses)) return e;
    if (!r.error.empty()) return make_error(CatalogueError::BundleCorrupt, r.error);
    return cat;
}

std::string bundle_json(const Catalogue& cat) { return catalogue_to_json(cat).dump(); }

namespace {

// Windows up to 2^28 bytes cover the 256 MiB cap on bundle JSON (prefix included).
constexpr int kWindowLogMax = 28;

int window_log_for(size_t bytes) {
    int log = 20;
    while (log < kWindowLogMax && (size_t{1} << log) < bytes) log++;
    return log;
}

std::string zstd_compress(const std::string& text, const std::string* prefix, int level) {
    if (level <= 0) level = text.size() <= (4u << 20) ? 19 : 12;
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
    if (prefix) {
        ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_windowLog, window_log_for(prefix->size() + text.size()));
        ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_enableLongDistanceMatching, 1);
        ZSTD_CCtx_refPrefix(cctx.get(), prefix->data(), prefix->size());
    }
    std::string out(ZSTD_compressBound(text.size()), '\0');
    size_t n = ZSTD_compress2(cctx.get(), out.data(), out.size(), text.data(), text.size());
    // Fails only on a too-small destination, which compressBound rules out.
    out.resize(ZSTD_isError(n) ? 0 : n);
    return out;
}

Result<std::string> zstd_decompress(std::string_view bytes, const std::string* prefix, std::size_t max_json_bytes) {
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
    ZSTD_DCtx_setParameter(dctx.get(), ZSTD_d_windowLogMax, kWindowLogMax);
    if (prefix) ZSTD_DCtx_refPrefix(dctx.get(), prefix->data(), prefix->size());
    std::string text;
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    std::string chunk(ZSTD_DStreamOutSize(), '\0');
    size_t last;
    // Until the input is used up and zstd stops filling whole chunks (it has nothing left).
    for (;;) {
        ZSTD_outBuffer out{chunk.data(), chunk.size(), 0};
        last = ZSTD_decompressStream(dctx.get(), &out, &in);
        if (ZSTD_isError(last))
            return make_error(CatalogueError::BundleCorrupt, std::string("zstd: ") + ZSTD_getErrorName(last));
        text.append(chunk.data(), out.pos);
        if (text.size() > max_json_bytes)
            return make_error(CatalogueError::BundleCorrupt,
                              "decompressed bundle exceeds " + std::to_string(max_json_bytes) + " bytes");
        if (in.pos == in.size && out.pos < out.size) break;
    }
    // A non-zero hint with no input left: the frame was cut short.
    if (last != 0) return make_error(CatalogueError::BundleCorrupt, "truncated zstd frame");
    return text;
}

Result<Catalogue> parse_bundle_json(const std::string& text) {
    if (size_t at = json_depth_exceeded(text); at != std::string_view::npos)
        return make_error(CatalogueError::BundleCorrupt, "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels at byte " +
                                                        std::to_string(at));
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return make_error(CatalogueError::BundleCorrupt, "not valid JSON");
    return catalogue_from_json(j);
}

}  // namespace

std::string encode_bundle(const Catalogue& cat, int zstd_level) { return zstd_compress(bundle_json(cat), nullptr, zstd_level); }

Result<Catalogue> decode_bundle(std::string_view bytes, std::size_t max_json_bytes) {
    auto text = zstd_decompress(bytes, nullptr, max_json_bytes);
    if (!text) return text.error();
    return parse_bundle_json(*text);
}

std::string encode_delta(const std::string& new_json, const std::string& base_json) {
    return zstd_compress(new_json, &base_json, 0);
}

Result<Catalogue> decode_delta(std::string_view delta, const std::string& base_json, std::size_t max_json_bytes) {
    auto text = zstd_decompress(delta, &base_json, max_json_bytes);
    if (!text) return text.error();
    return parse_bundle_json(*text);
}


}  // namespace gongkai
