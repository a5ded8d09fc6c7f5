// See bundle.h.
#include "bundle.h"

#include <algorithm>

#include <zstd.h>

#include <istream>
#include <memory>
#include <set>
#include <streambuf>
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
    if (r.error.empty() && (item.terms.size() > kMaxItemTerms ||
                            std::any_of(item.terms.begin(), item.terms.end(), [](const std::string& t) { return t.size() > kMaxTermBytes; })))
        r.error = r.where + ": \"terms\" has more than " + std::to_string(kMaxItemTerms) + " entries or one longer than " +
                  std::to_string(kMaxTermBytes) + " bytes";
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

// Everything but "items", which every caller adds its own way.
static json catalogue_head_to_json(const Catalogue& cat) {
    json domains = json::array(), notices = json::array();
    for (auto& d : cat.domains) {
        json dj = {{"id", d.id}, {"name", d.name}, {"summary", d.summary}};
        if (!d.name_en.empty()) dj["name_en"] = d.name_en;
        if (!d.summary_en.empty()) dj["summary_en"] = d.summary_en;
        domains.push_back(std::move(dj));
    }
    for (auto& n : cat.notices) notices.push_back(notice_to_json(n));
    json out = {{"format", kBundleFormat}, {"format_version", kBundleFormatVersion}, {"name", cat.name},
                {"version", cat.version},  {"created", cat.created},              {"domains", std::move(domains)},
                {"notices", std::move(notices)}};
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

json catalogue_to_json(const Catalogue& cat) {
    json out = catalogue_head_to_json(cat);
    json items = json::array();
    for (auto& i : cat.items) items.push_back(item_to_json(i));
    out["items"] = std::move(items);
    return out;
}

// json::dump of an object writes {"key":value,…} in key order (nlohmann's object is a
// std::map); the writer does the same with "items" written an item at a time.
BundleJsonWriter::BundleJsonWriter(const Catalogue& head) {
    json j = catalogue_head_to_json(head);
    j["items"] = json::array();
    text_ = "{";
    std::string* into = &text_;
    bool first = true;
    for (auto& [key, value] : j.items()) {
        *into += (first ? "" : ",") + json(key).dump() + ":";
        first = false;
        if (key == "items") {
            text_ += "[";
            tail_ = "]";
            into = &tail_;
        } else {
            *into += value.dump();
        }
    }
    tail_ += "}";
}

void BundleJsonWriter::reserve(std::size_t item_bytes) { text_.reserve(text_.size() + item_bytes + tail_.size()); }

void BundleJsonWriter::add(const Item& item) {
    if (!first_item_) text_ += ',';
    first_item_ = false;
    text_ += item_to_json(item).dump();
}

std::string BundleJsonWriter::finish() && {
    text_ += tail_;
    return std::move(text_);
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

// [SECTION] The bundle's parts, in the order a streamed bundle brings them
// A bundle is read in three parts: what comes before "items" (format, format_version,
// domains), each item, and the rest (name, version, notices, …). catalogue_from_json reads
// them from one DOM; read_bundle from the stream, items one at a time.

namespace {

// format, format_version and the domains: what an item is checked against.
Error read_bundle_preamble(const json& j, Catalogue& cat) {
    if (auto f = j.find("format"); f == j.end() || !f->is_string() || f->get<std::string>() != kBundleFormat)
        return make_error(CatalogueError::BundleCorrupt, "\"format\" is not \"" + std::string(kBundleFormat) + "\"");
    auto fv = j.find("format_version");
    if (fv == j.end() || !fv->is_number_integer()) return make_error(CatalogueError::BundleCorrupt, "\"format_version\" is not an integer");
    if (fv->get<std::int64_t>() != kBundleFormatVersion)
        return make_error(CatalogueError::BundleUnsupported, "format_version " + fv->dump());
    auto domains = j.find("domains");
    if (domains == j.end() || !domains->is_array()) return make_error(CatalogueError::BundleCorrupt, "\"domains\" is not an array");
    for (auto& d : *domains) {
        if (!d.is_object()) return make_error(CatalogueError::BundleCorrupt, "domain is not an object");
        JsonReader dr{d, "domain"};
        cat.domains.push_back({dr.str("id"), dr.str("name"), dr.str("summary", false), dr.str("name_en", false),
                               dr.str("summary_en", false)});
        if (!dr.error.empty()) return make_error(CatalogueError::BundleCorrupt, dr.error);
    }
    return {};
}

// One element of "items", in a domain the preamble named.
Result<Item> read_bundle_item(const json& j, const Catalogue& cat) {
    auto item = item_from_json(j);
    if (!item) return item.error();
    if (!cat.find_domain(item->domain_id))
        return make_error(CatalogueError::BundleCorrupt, "item " + item->id + " names unknown domain " + item->domain_id);
    return item;
}

// Everything but the preamble and the items.
Error read_bundle_rest(const json& j, Catalogue& cat) {
    JsonReader r{j, "bundle"};
    cat.name = r.str("name");
    cat.created = r.str("created", false);
    auto v = j.find("version");
    if (v == j.end() || !v->is_number_integer() ||
        (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)))
        return make_error(CatalogueError::BundleCorrupt, "\"version\" is not an integer");
    cat.version = v->get<std::int64_t>();
    auto notices = j.find("notices");
    if (notices == j.end() || !notices->is_array()) return make_error(CatalogueError::BundleCorrupt, "\"notices\" is not an array");
    // Each notice is a page and a route: ids unique, as the importer makes them (any case).
    std::set<std::string> notice_ids;
    for (auto& n : *notices) {
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
    return {};
}

}  // namespace

Result<Catalogue> catalogue_from_json(const json& j) {
    if (!j.is_object()) return make_error(CatalogueError::BundleCorrupt, "bundle is not a JSON object");
    Catalogue cat;
    if (Error e = read_bundle_preamble(j, cat)) return e;
    auto items = j.find("items");
    if (items == j.end() || !items->is_array()) return make_error(CatalogueError::BundleCorrupt, "\"items\" is not an array");
    cat.items.reserve(items->size());
    for (auto& i : *items) {
        auto item = read_bundle_item(i, cat);
        if (!item) return item.error();
        cat.items.push_back(std::move(*item));
    }
    if (Error e = read_bundle_rest(j, cat)) return e;
    return cat;
}

std::string bundle_json(const Catalogue& cat) {
    BundleJsonWriter writer(cat);
    for (const Item& item : cat.items) writer.add(item);
    return std::move(writer).finish();
}

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

// A zstd frame as a std::streambuf, decompressed a chunk at a time as the JSON parser reads
// it, so a bundle's text is never whole in memory (66 MiB of a 50,000-item catalogue's peak,
// docs/performance.md). A chunk is ZSTD_DStreamOutSize() (128 KiB), zstd's own block size.
// What goes wrong — not zstd, a checksum that fails, a frame cut short, more than `max_bytes`
// of text — ends the text there and is kept in failure().
class ZstdTextStream : public std::streambuf {
public:
    ZstdTextStream(std::string_view bytes, const std::string* prefix, std::size_t max_bytes)
        : dctx_(ZSTD_createDCtx(), ZSTD_freeDCtx), in_{bytes.data(), bytes.size(), 0}, chunk_(ZSTD_DStreamOutSize()),
          max_bytes_(max_bytes) {
        ZSTD_DCtx_setParameter(dctx_.get(), ZSTD_d_windowLogMax, kWindowLogMax);
        if (prefix) ZSTD_DCtx_refPrefix(dctx_.get(), prefix->data(), prefix->size());
    }
    // The offset in the text of the next character the reader gets.
    std::size_t position() const { return produced_ - static_cast<std::size_t>(egptr() - gptr()); }
    // Why the text ended early; Ok for a whole frame whose checksum matched, or while unread.
    const Error& failure() const { return failure_; }

protected:
    int_type underflow() override {
        while (!finished_ && !failure_) {
            ZSTD_outBuffer out{chunk_.data(), chunk_.size(), 0};
            const std::size_t hint = ZSTD_decompressStream(dctx_.get(), &out, &in_);
            if (ZSTD_isError(hint)) {
                failure_ = make_error(CatalogueError::BundleCorrupt, std::string("zstd: ") + ZSTD_getErrorName(hint));
                break;
            }
            produced_ += out.pos;
            if (produced_ > max_bytes_) {
                failure_ = make_error(CatalogueError::BundleCorrupt, "decompressed bundle exceeds " + std::to_string(max_bytes_) + " bytes");
                break;
            }
            if (!tokens_bounded(chunk_.data(), out.pos)) {
                failure_ = make_error(CatalogueError::BundleCorrupt, "a string or number longer than " +
                                                                         std::to_string(kMaxTokenBytes) + " bytes");
                break;
            }
            // The input used up and a chunk not filled: zstd has nothing left. A non-zero
            // hint then means the frame was cut short.
            if (in_.pos == in_.size && out.pos < out.size) {
                finished_ = true;
                if (hint != 0) {
                    failure_ = make_error(CatalogueError::BundleCorrupt, "truncated zstd frame");
                    break;
                }
            }
            if (out.pos > 0) {
                setg(chunk_.data(), chunk_.data(), chunk_.data() + out.pos);
                return traits_type::to_int_type(chunk_[0]);
            }
        }
        return traits_type::eof();
    }

private:
    // The parser's lexer holds a whole token (a string, a number) before anyone sees it: a
    // bundle of a few KB could decompress into one string as long as the whole budget and
    // cost several times that in copies (1.5 GB for 300 MiB, measured). No text in a bundle
    // is longer than kMaxTextBytes; written as \uXXXX escapes, 6 bytes a character at most.
    static constexpr std::size_t kMaxTokenBytes = 6 * kMaxTextBytes;
    // Follows strings and bare tokens across chunks; false once one outgrows kMaxTokenBytes.
    bool tokens_bounded(const char* p, std::size_t n) {
        for (std::size_t i = 0; i < n; i++) {
            const char c = p[i];
            if (in_string_) {
                if (escaped_) escaped_ = false;
                else if (c == '\\') escaped_ = true;
                else if (c == '"') { in_string_ = false; token_ = 0; continue; }
            } else if (c == '"') {
                in_string_ = true;
                token_ = 0;
                continue;
            } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':' || c == ' ' || c == '\n' ||
                       c == '\r' || c == '\t') {
                token_ = 0;
                continue;
            }
            if (++token_ > kMaxTokenBytes) return false;
        }
        return true;
    }

    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx_;
    ZSTD_inBuffer in_;
    std::vector<char> chunk_;
    std::size_t max_bytes_;
    std::size_t produced_ = 0;
    bool finished_ = false;
    Error failure_;
    bool in_string_ = false, escaped_ = false;
    std::size_t token_ = 0;  // bytes of the token being read
};

// Builds one JSON value from SAX events, as nlohmann's own DOM parser does: each item's
// tree exists only while that item is read. Containers are filled innermost first, so a
// pointer to an enclosing one stays valid while it is open.
class JsonValueBuilder {
public:
    void open(json::value_t type) { open_.push_back(place(json(type))); }
    void close() { open_.pop_back(); }
    void key(std::string&& k) { key_ = std::move(k); }
    void scalar(json&& v) { place(std::move(v)); }
    // The value, once its outermost container has closed.
    json take() { return std::move(root_); }

private:
    json* place(json&& v) {
        if (open_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json& parent = *open_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        json& slot = parent[key_];  // a repeated key keeps the last value, as json::parse does
        slot = std::move(v);
        return &slot;
    }
    json root_;
    std::vector<json*> open_;
    std::string key_;
};

// The bundle's JSON as nlohmann SAX events (json::sax_parse):
//
//   depth 0 ──{──▶ 1: top-level keys ──"items": [──▶ 2: each element built (JsonValueBuilder),
//                    │                                 read (read_bundle_item), handed to
//                    │                                 the sink, dropped ──]──▶ 1
//                    └─ any other key: its value built whole into head_ (small)
//   ──}──▶ 0: the rest read from head_ (read_bundle_rest)
//
// "items" must come after "format", "format_version" and "domains" (each item is checked
// against them as it arrives); bundle_json writes keys sorted, which puts them there. A
// top-level key may appear once. Depth is bounded by kMaxJsonDepth as json_depth_exceeded
// bounds a whole text. Any failure stops the parser (a handler returning false) and is kept.
class BundleSaxReader {
public:
    BundleSaxReader(BundleItemSink& sink, const ZstdTextStream& text) : sink_(sink), text_(text) {}

    bool null() { return value(nullptr); }
    bool boolean(bool b) { return value(b); }
    bool number_integer(json::number_integer_t v) { return value(v); }
    bool number_unsigned(json::number_unsigned_t v) { return value(v); }
    bool number_float(json::number_float_t v, const std::string&) { return value(v); }
    bool string(std::string& s) { return value(std::move(s)); }
    bool binary(json::binary_t&) { return fail("not valid JSON"); }  // only binary formats have it
    bool start_object(std::size_t) { return open(json::value_t::object); }
    bool start_array(std::size_t) { return open(json::value_t::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string& k) {
        if (depth_ > 1) {
            builder_.key(std::move(k));
            return true;
        }
        if (!keys_.insert(k).second) return fail("\"" + k + "\" appears twice");
        key_ = std::move(k);
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const json::exception&) { return fail("not valid JSON"); }

    const Error& error() const { return error_; }
    Catalogue take() { return std::move(cat_); }

private:
    bool fail(Error e) {
        if (!error_) error_ = std::move(e);
        return false;
    }
    bool fail(const std::string& why) { return fail(make_error(CatalogueError::BundleCorrupt, why)); }

    bool value(json&& v) {
        if (depth_ == 0) return fail("bundle is not a JSON object");
        if (depth_ == 1) {
            if (key_ == "items") return fail("\"items\" is not an array");
            head_[key_] = std::move(v);
            return true;
        }
        if (in_items_ && depth_ == 2) return item(std::move(v));
        builder_.scalar(std::move(v));
        return true;
    }

    bool open(json::value_t type) {
        if (++depth_ > kMaxJsonDepth)
            return fail("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels at byte " + std::to_string(text_.position() - 1));
        if (depth_ == 1) {
            if (type != json::value_t::object) return fail("bundle is not a JSON object");
            return true;
        }
        if (depth_ == 2 && key_ == "items") {
            if (type != json::value_t::array) return fail("\"items\" is not an array");
            return start_items();
        }
        builder_.open(type);
        return true;
    }

    bool close() {
        --depth_;
        if (depth_ == 0) return end_bundle();
        if (depth_ == 1 && in_items_) {
            in_items_ = false;
            return true;
        }
        builder_.close();
        if (depth_ == 1) head_[key_] = builder_.take();
        if (depth_ == 2 && in_items_) return item(builder_.take());
        return true;
    }

    bool start_items() {
        for (const char* before : {"format", "format_version", "domains"})
            if (!keys_.contains(before))
                return fail(std::string("\"items\" come before \"") + before + "\" (a bundle is read as it streams)");
        if (Error e = read_bundle_preamble(head_, cat_)) return fail(std::move(e));
        if (Error e = sink_.domains(cat_.domains)) return fail(std::move(e));
        in_items_ = true;
        return true;
    }

    bool item(json&& j) {
        auto read = read_bundle_item(j, cat_);
        if (!read) return fail(read.error());
        if (Error e = sink_.item(std::move(*read))) return fail(std::move(e));
        return true;
    }

    bool end_bundle() {
        if (!keys_.contains("items")) {
            if (Error e = read_bundle_preamble(head_, cat_)) return fail(std::move(e));
            return fail("\"items\" is not an array");
        }
        if (Error e = read_bundle_rest(head_, cat_)) return fail(std::move(e));
        return true;
    }

    BundleItemSink& sink_;
    const ZstdTextStream& text_;
    int depth_ = 0;            // containers open; the bundle's own object is depth 1
    std::string key_;          // the top-level key whose value is being read
    std::set<std::string> keys_;
    json head_ = json::object();  // every top-level value but "items"
    bool in_items_ = false;
    JsonValueBuilder builder_;
    Catalogue cat_;
    Error error_;
};

// Collects what read_bundle streams: the whole catalogue in memory (tests, the publisher,
// the kiosk's demo).
struct CollectedItems final : BundleItemSink {
    std::vector<Item> items;
    Error domains(const std::vector<Domain>&) override { return {}; }
    Error item(Item&& item) override {
        items.push_back(std::move(item));
        return {};
    }
};

Result<Catalogue> decode_whole(std::string_view bytes, const std::string* base_json, std::size_t max_json_bytes) {
    CollectedItems collected;
    auto cat = read_bundle(bytes, collected, base_json, max_json_bytes);
    if (!cat) return cat.error();
    cat->items = std::move(collected.items);
    return cat;
}

}  // namespace

Result<Catalogue> read_bundle(std::string_view bytes, BundleItemSink& sink, const std::string* delta_base, std::size_t max_json_bytes) {
    ZstdTextStream text(bytes, delta_base, max_json_bytes);
    std::istream in(&text);
    BundleSaxReader reader(sink, text);
    const bool parsed = json::sax_parse(in, &reader);
    // A frame that failed explains whatever the parser then made of its text.
    if (text.failure()) return text.failure();
    if (!parsed) return reader.error();
    return reader.take();
}

std::string encode_bundle(const Catalogue& cat, int zstd_level) { return zstd_compress(bundle_json(cat), nullptr, zstd_level); }

Result<Catalogue> decode_bundle(std::string_view bytes, std::size_t max_json_bytes) { return decode_whole(bytes, nullptr, max_json_bytes); }

std::string encode_delta(const std::string& new_json, const std::string& base_json) {
    return zstd_compress(new_json, &base_json, 0);
}

std::optional<std::uint64_t> delta_json_bytes(std::string_view delta) {
    // One frame and nothing after it: the size of a first frame says nothing of a second
    // (a skippable or empty frame first declared 0 bytes ahead of 30 MiB).
    if (ZSTD_findFrameCompressedSize(delta.data(), delta.size()) != delta.size()) return std::nullopt;
    const unsigned long long n = ZSTD_getFrameContentSize(delta.data(), delta.size());
    if (n == ZSTD_CONTENTSIZE_UNKNOWN || n == ZSTD_CONTENTSIZE_ERROR) return std::nullopt;
    return static_cast<std::uint64_t>(n);
}

Result<Catalogue> decode_delta(std::string_view delta, const std::string& base_json, std::size_t max_json_bytes) {
    return decode_whole(delta, &base_json, max_json_bytes);
}

}  // namespace gongkai
