// See site_writer.h. In rooms:
//   [SECTION] Ids and paths
//   [SECTION] Escaping
//   [SECTION] Words and style
//   [SECTION] Page parts      — the skeleton every page shares, lists, the standard table
//   [SECTION] Pages           — index, domain, item, notice
//   [SECTION] Writing         — staged, synced once, renamed, stale pages pruned
#include "site_writer.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "clock.h"
#include "file_write.h"
#include "utf8.h"

namespace fs = std::filesystem;

namespace gongkai {

//-----------------------------------------------------------------------------
// [SECTION] Ids and paths
//-----------------------------------------------------------------------------

std::string page_id_problem(std::string_view id) {
    if (id.empty()) return "is empty";
    if (id.size() > kMaxPageIdBytes) return "is longer than " + std::to_string(kMaxPageIdBytes) + " bytes";
    if (id.front() == '.') return "starts with '.'";
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
        if (!ok) return "holds a character other than ASCII letters, digits, '-' and '.'";
    }
    return {};
}

std::string item_page_path(std::string_view id) { return "item/" + std::string(id) + ".html"; }
std::string notice_page_path(std::string_view id) { return "notice/" + std::string(id) + ".html"; }
std::string domain_page_path(std::string_view id) { return "domain/" + std::string(id) + ".html"; }
std::string interpretation_page_path(std::string_view id) { return "interpretation/" + std::string(id) + ".html"; }
std::string response_page_path(std::string_view id) { return "response/" + std::string(id) + ".html"; }

//-----------------------------------------------------------------------------
// [SECTION] Escaping
//-----------------------------------------------------------------------------

// Code points the HTML standard makes a parse error wherever they appear in the input
// stream ("control-character-in-input-stream", "noncharacter-in-input-stream"), surrogates,
// and what does not decode.
static bool forbidden_in_html(char32_t cp) {
    if (cp < 0x20) return cp != '\t' && cp != '\n' && cp != '\r';
    if (cp >= 0x7F && cp <= 0x9F) return true;
    if (cp >= 0xD800 && cp <= 0xDFFF) return true;
    if (cp >= 0xFDD0 && cp <= 0xFDEF) return true;
    if ((cp & 0xFFFE) == 0xFFFE) return true;  // U+FFFE, U+FFFF, U+1FFFE … U+10FFFF
    return cp > 0x10FFFF;
}

// Whether s[i..] starts a well-formed UTF-8 sequence of `n` bytes (no overlong form).
static bool well_formed_utf8(std::string_view s, size_t i, size_t* n) {
    const unsigned char c = s[i];
    *n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (*n == 0 || i + *n > s.size()) return false;
    for (size_t k = 1; k < *n; k++)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    if (*n == 2 && c < 0xC2) return false;  // overlong
    if (*n == 3 && c == 0xE0 && static_cast<unsigned char>(s[i + 1]) < 0xA0) return false;
    if (*n == 4 && c == 0xF0 && static_cast<unsigned char>(s[i + 1]) < 0x90) return false;
    return true;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (size_t i = 0; i < text.size();) {
        size_t n = 0;
        if (!well_formed_utf8(text, i, &n)) {
            out += "\xEF\xBF\xBD";  // U+FFFD for one byte, then resynchronise
            i++;
            continue;
        }
        size_t j = i;
        const char32_t cp = utf8::next(text, j);
        i += n;
        switch (cp) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
            if (forbidden_in_html(cp)) out += "\xEF\xBF\xBD";
            else out.append(text.data() + i - n, n);
        }
    }
    return out;
}

// Catalogue text as page text: escaped, its line breaks (multi-line table cells) kept.
static std::string html_text(std::string_view text) {
    std::string escaped = html_escape(text), out;
    out.reserve(escaped.size());
    for (size_t i = 0; i < escaped.size(); i++) {
        if (escaped[i] == '\r' && i + 1 < escaped.size() && escaped[i + 1] == '\n') continue;
        if (escaped[i] == '\n' || escaped[i] == '\r') out += "<br>";
        else out += escaped[i];
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Words and style
//-----------------------------------------------------------------------------

const SiteLabels& site_labels() {
    static const SiteLabels labels = [] {
        SiteLabels l;
        l.home = "首页";
        l.notices = "公告";
        l.domains = "按领域查找";
        l.guides = "办事指南";
        l.directory = "公开事项目录";
        l.items_suffix = "项";
        l.guide_tag = "办事指南";
        l.footer = "以办事窗口工作人员的说明为准。目录版本 ";
        l.what = "这是什么";
        l.who = "谁可以办";
        l.bring = "要带什么";
        l.steps = "您要怎么做";
        l.where = "在哪里办、什么时候办";
        l.how_long = "多久办好";
        l.fee = "要不要钱";
        l.workflow = "交了材料以后：部门怎么办理";
        l.basis = "政策依据";
        l.contacts = "咨询电话";
        l.publishes = "这一项公开什么";
        l.when_published = "什么时候公开";
        l.who_publishes = "由谁公开";
        l.where_published = "在哪里可以看到";
        l.standard = "公开标准";
        l.related = "相关事项";
        l.guide_intro = "办事指南：";
        l.content_label = "公开内容";
        l.std_name = "公开事项";
        l.std_content = "公开内容（要素）";
        l.std_basis = "公开依据";
        l.std_time_limit = "公开时限";
        l.std_bodies = "公开主体";
        l.std_channels = "公开渠道和载体";
        l.std_audience = "公开对象";
        l.std_mode = "公开方式";
        l.std_tier = "公开层级";
        l.workflow_actor = "负责";
        l.workflow_time = "时限";
        l.colon = "：";
        l.list_separator = "、";
        l.open_paren = "（";
        l.close_paren = "）";
        l.title_separator = " / ";
        l.crumb_separator = " › ";
        l.date_range = " — ";
        l.key_facts = "办事要点";
        l.key_where = "在哪里办";
        l.gloss_audience_all = "所有人都可以看";
        l.gloss_audience_group = "只向相关的人公开";
        l.gloss_mode_active = "政府主动公开，不用申请";
        l.gloss_mode_request = "需要申请才会提供";
        l.gloss_tier_county = "区政府公开";
        l.gloss_tier_township = "街道、镇公开";
        l.valid_period = "有效期";
        l.interpretations = "政策解读";
        l.responses = "回应关切";
        l.what_changed = "有什么变化";
        l.who_affected = "和谁有关";
        l.what_to_do = "您要怎么做";
        l.published = "发布日期";
        l.answered = "答复日期";
        l.asked_via = "问题来源";
        l.question = "问题";
        l.answer = "答复";
        l.urgent = "紧急";
        l.other_notices = "其他公告";
        l.results = "公示名单";
        l.results_note = "姓名按规定只显示首尾字；公示期满后名单不再公开。";
        l.public_period = "公示期";
        l.days_suffix = "天";
        return l;
    }();
    return labels;
}

// Colours are the kiosk's standard theme (kiosk/theme.h) on white, each ≥ 4.5:1 (WCAG
// AA): ink #1B1B1B 17:1, muted #454545 9.7:1, links #0E5AA7 7:1, white on the bar #0E3F73
// 10:1. 112.5 % is 18 px body text on a phone's default 16 px: residents are often older;
// the page zooms freely (no maximum-scale in the viewport).
std::string_view site_css() {
    static const std::string_view css =
        "/* Gongkai: the catalogue for phones. Written by gongkai-publish; edits are overwritten. */\n"
        "html { font-size: 112.5%; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }\n"
        "body { margin: 0; color: #1b1b1b; background: #fff; line-height: 1.7;\n"
        "  font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif; }\n"
        "header.site { background: #0e3f73; padding: .8rem 1rem; }\n"
        "header.site a { color: #fff; font-weight: bold; text-decoration: none; }\n"
        "nav.crumbs, main, footer { max-width: 40rem; margin: 0 auto; padding: 0 1rem; }\n"
        "nav.crumbs { color: #454545; padding-top: .8rem; }\n"
        "h1 { font-size: 1.6rem; line-height: 1.35; margin: .6rem 0 .8rem; }\n"
        "h2 { font-size: 1.3rem; line-height: 1.4; margin: 1.8rem 0 .6rem; padding-left: .6rem; border-left: .3rem solid #0e5aa7; }\n"
        "h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }\n"
        "a { color: #0e5aa7; }\n"
        "ul.cards { list-style: none; padding: 0; }\n"
        "ul.cards li { border: 1px solid #c9c2b4; border-radius: .5rem; padding: .7rem 1rem; margin: .6rem 0; }\n"
        "ul.cards a { display: block; font-size: 1.1rem; font-weight: bold; }\n"
        ".muted { color: #454545; }\n"
        ".tag { display: inline-block; background: #e3eee4; color: #1d5e2a; border-radius: .3rem; padding: 0 .4rem; }\n"
        "ul.checklist { list-style: \"☐ \"; }\n"
        "table.standard { border-collapse: collapse; width: 100%; }\n"
        "table.standard th, table.standard td { border: 1px solid #c9c2b4; padding: .5rem; text-align: left; vertical-align: top; }\n"
        "table.standard th { background: #ece7dc; width: 6.5em; }\n"
        "table.standard ul { margin: 0; padding-left: 1.2em; }\n"
        "table.results { border-collapse: collapse; width: 100%; }\n"
        "table.results th, table.results td { border: 1px solid #c9c2b4; padding: .4rem .5rem; text-align: left; }\n"
        "table.results th { background: #ece7dc; }\n"
        ".tag.urgent { background: #fbe4e2; color: #9b1c13; }\n"
        "footer { color: #454545; font-size: .9rem; margin-top: 2.5rem; padding-bottom: 2rem; }\n";
    return css;
}

//-----------------------------------------------------------------------------
// [SECTION] Page parts
//-----------------------------------------------------------------------------

namespace {

// What every page shares. `root` leads from the page's directory to the site root ("" or
// "../"); `crumbs` is the breadcrumb trail's HTML after 首页 (empty on index.html).
// `extra_head` goes into <head> as it is (a result list's robots line).
std::string page(const Catalogue& cat, std::string_view root, std::string_view title, std::string_view crumbs,
                 std::string_view body, std::string_view extra_head = {}) {
    const SiteLabels& l = site_labels();
    std::string html;
    html.reserve(body.size() + 1024);
    html += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    html += "<title>" + html_escape(title) + "</title>\n";
    html += extra_head;
    html += "<link rel=\"stylesheet\" href=\"" + std::string(root) + "site.css\">\n</head>\n<body>\n";
    html += "<header class=\"site\"><a href=\"" + std::string(root) + "index.html\">" + html_escape(cat.name) + "</a></header>\n";
    if (!crumbs.empty())
        html += "<nav class=\"crumbs\"><a href=\"" + std::string(root) + "index.html\">" + html_escape(l.home) + "</a>" +
                std::string(crumbs) + "</nav>\n";
    html += "<main>\n";
    html += body;
    html += "</main>\n<footer><p>" + html_escape(l.footer) + std::to_string(cat.version) +
            (cat.created.empty() ? "" : html_escape(l.open_paren) + html_escape(cat.created) + html_escape(l.close_paren)) +
            "</p></footer>\n</body>\n</html>\n";
    return html;
}

std::string crumb(std::string_view href, std::string_view text) {
    std::string sep = html_escape(site_labels().crumb_separator);
    if (href.empty()) return sep + html_escape(text);
    return sep + "<a href=\"" + html_escape(href) + "\">" + html_escape(text) + "</a>";
}

std::string heading(std::string_view text) { return "<h2>" + html_text(text) + "</h2>\n"; }

std::string paragraph(std::string_view text, const char* cls = nullptr) {
    if (text.empty()) return {};
    return std::string(cls ? "<p class=\"" + std::string(cls) + "\">" : "<p>") + html_text(text) + "</p>\n";
}

// <ul>/<ol> of escaped lines; `cls` names a list style ("checklist"). Nothing for no lines.
std::string list(const std::vector<std::string>& lines, const char* tag, const char* cls = nullptr) {
    if (lines.empty()) return {};
    std::string html = "<" + std::string(tag) + (cls ? " class=\"" + std::string(cls) + "\"" : "") + ">\n";
    for (auto& line : lines) html += "<li>" + html_text(line) + "</li>\n";
    return html + "</" + tag + ">\n";
}

// A heading and its content, or nothing when there is no content.
std::string section(std::string_view title, const std::string& content) {
    return content.empty() ? std::string() : heading(title) + content;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
    return out;
}

// A link card: the title as the link, a muted line under it, an optional tag.
std::string card(std::string_view href, std::string_view title, std::string_view line, std::string_view tag = {}) {
    std::string html = "<li><a href=\"" + html_escape(href) + "\">" + html_text(title) + "</a>";
    if (!tag.empty()) html += "<span class=\"tag\">" + html_escape(tag) + "</span> ";
    if (!line.empty()) html += "<span class=\"muted\">" + html_text(line) + "</span>";
    return html + "</li>\n";
}

// A list item's second line, as the kiosk's card shows it: a directory row's summary (its
// content elements) labelled 公开内容, a guide's summary as written.
std::string summary_line(const Item& item) {
    const SiteLabels& l = site_labels();
    if (item.kind == ItemKind::Directory && !item.summary.empty()) return l.content_label + l.colon + item.summary;
    return item.summary;
}

// One value cell of the standard table: a single line as text, several as a list.
std::string table_cell(const std::vector<std::string>& lines) {
    if (lines.size() == 1) return html_text(lines[0]);
    std::string html = "<ul>";
    for (auto& line : lines) html += "<li>" + html_text(line) + "</li>";
    return html + "</ul>";
}

// The disclosure standard's nine rows, labelled as the published 标准目录 labels them.
// 全社会 → "全社会（所有人都可以看）", as the kiosk glosses the standard's terms.
std::vector<std::string> glossed(const std::vector<std::string>& values) {
    const SiteLabels& l = site_labels();
    const std::pair<const char*, const std::string*> kGlosses[] = {
        {"全社会", &l.gloss_audience_all}, {"特定群体", &l.gloss_audience_group}, {"主动", &l.gloss_mode_active},
        {"依申请", &l.gloss_mode_request}, {"县级", &l.gloss_tier_county},     {"乡级", &l.gloss_tier_township}};
    std::vector<std::string> out;
    for (const std::string& v : values) {
        std::string line = v;
        for (auto& [term, gloss] : kGlosses)
            if (v == term) line += l.open_paren + *gloss + l.close_paren;
        out.push_back(std::move(line));
    }
    return out;
}

std::string standard_table(const Item& row) {
    const SiteLabels& l = site_labels();
    const DisclosureStandard& st = *row.standard;
    const std::vector<std::pair<std::string, std::vector<std::string>>> rows = {
        {l.std_name, {row.level1 + l.title_separator + row.title}},
        {l.std_content, st.content_elements},
        {l.std_basis, st.basis},
        {l.std_time_limit, {st.time_limit}},
        {l.std_bodies, st.bodies},
        {l.std_channels, {join(st.channels, l.list_separator)}},
        {l.std_audience, glossed(st.audience)},
        {l.std_mode, glossed(st.mode)},
        {l.std_tier, glossed(st.tier)},
    };
    std::string html = "<table class=\"standard\">\n";
    for (auto& [label, values] : rows)
        html += "<tr><th scope=\"row\">" + html_escape(label) + "</th><td>" + table_cell(values) + "</td></tr>\n";
    return html + "</table>\n";
}

// The plain-language guide, in the kiosk item page's order (kiosk/screens/item_screen.cpp).
std::string guide_sections(const Item& item) {
    const SiteLabels& l = site_labels();
    const ServiceGuide& g = *item.guide;
    std::string html;
    // 办事要点 first: where, how long, how much, whom to call.
    std::string facts;
    auto fact = [&](const std::string& label, const std::vector<std::string>& values) {
        if (values.empty() || (values.size() == 1 && values[0].empty())) return;
        facts += "<tr><th scope=\"row\">" + html_escape(label) + "</th><td>" + table_cell(values) + "</td></tr>\n";
    };
    fact(l.key_where, {g.where});
    fact(l.how_long, {g.time_limit});
    fact(l.fee, {g.fee});
    fact(l.contacts, g.contacts);
    if (!facts.empty()) html += heading(l.key_facts) + "<table class=\"standard\">\n" + facts + "</table>\n";
    html += section(l.what, paragraph(g.summary));
    html += section(l.who, list(g.eligibility, "ul"));
    html += section(l.bring, list(g.materials, "ul", "checklist"));
    html += section(l.steps, list(g.steps, "ol"));
    std::vector<std::string> workflow;
    for (auto& w : item.workflow) {
        std::string line = w.step;
        if (!w.actor.empty()) line += l.open_paren + l.workflow_actor + l.colon + w.actor + l.close_paren;
        if (!w.detail.empty()) line += l.colon + w.detail;
        if (!w.time_limit.empty()) line += l.open_paren + l.workflow_time + l.colon + w.time_limit + l.close_paren;
        workflow.push_back(std::move(line));
    }
    html += section(l.workflow, list(workflow, "ol"));
    html += section(l.basis, list(g.basis, "ul"));
    return html;
}

// A directory row with no guide: the same plain-language opening, written from its standard.
std::string standard_sections(const Item& item) {
    const SiteLabels& l = site_labels();
    const DisclosureStandard& st = *item.standard;
    return section(l.publishes, list(st.content_elements, "ul")) + section(l.when_published, paragraph(st.time_limit)) +
           section(l.who_publishes, list(st.bodies, "ul")) + section(l.where_published, list(st.channels, "ul"));
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Pages
//-----------------------------------------------------------------------------

// Directory rows a guide links to: shown inside that guide, not listed again.
static std::set<std::string> rows_shown_in_guides(const Catalogue& cat) {
    std::set<std::string> shown;
    for (auto& item : cat.items)
        if (item.kind == ItemKind::Guide)
            for (auto& id : item.links) shown.insert(id);
    return shown;
}

// "2026年12月2日" for a date, "2026年12月2日 18:00" for a minute (model.h Notice).
static std::string chinese_moment(std::string_view bound) {
    std::string out = chinese_date(bound.substr(0, 10));
    if (bound.size() == 16) out += " " + std::string(bound.substr(11, 5));
    return out;
}

// "2026年11月1日至2027年12月31日", "…起", "至…", as the kiosk says it; "" for no bounds.
static std::string validity_span(std::string_view from, std::string_view until) {
    if (!from.empty() && !until.empty()) return chinese_moment(from) + "至" + chinese_moment(until);
    if (!from.empty()) return chinese_moment(from) + "起";
    if (!until.empty()) return "至" + chinese_moment(until);
    return {};
}

// A notice's card on the index: its tag (紧急) and its window.
static std::string notice_card(const Notice& n) {
    const SiteLabels& l = site_labels();
    std::string html = "<li><a href=\"" + html_escape(notice_page_path(n.id)) + "\">" + html_text(n.title) + "</a>";
    if (n.urgent) html += "<span class=\"tag urgent\">" + html_escape(l.urgent) + "</span> ";
    if (std::string span = validity_span(n.valid_from, n.valid_until); !span.empty())
        html += "<span class=\"muted\">" + html_text(span) + "</span>";
    return html + "</li>\n";
}

std::string render_index_page(const Catalogue& cat, std::time_t now) {
    const SiteLabels& l = site_labels();
    std::string body = "<h1>" + html_text(cat.name) + "</h1>\n";
    // The notices in force, urgent first within a group, grouped by the 五公开 category
    // in the standard's order; those written before categories existed last.
    std::string notices;
    auto group = [&](DisclosureCategory c, std::string_view title) {
        std::string cards;
        for (bool urgent : {true, false})
            for (auto& n : cat.notices)
                if (n.category == c && n.urgent == urgent && notice_in_force(n, now)) cards += notice_card(n);
        if (!cards.empty()) notices += "<h3>" + html_text(title) + "</h3>\n<ul class=\"cards\">\n" + cards + "</ul>\n";
    };
    for (DisclosureCategory c : kDisclosureCategories) group(c, category_name(c));
    group(DisclosureCategory::Unset, l.other_notices);
    if (!notices.empty()) body += heading(l.notices) + notices;
    body += heading(l.domains) + "<ul class=\"cards\">\n";
    const std::set<std::string> in_guides = rows_shown_in_guides(cat);
    for (auto& d : cat.domains) {
        size_t count = 0;
        for (auto& item : cat.items) count += item.domain_id == d.id && !in_guides.count(item.id);
        body += card(domain_page_path(d.id), d.name, d.summary + l.open_paren + std::to_string(count) + " " + l.items_suffix + l.close_paren);
    }
    body += "</ul>\n";
    std::string interpretations, responses;
    for (auto& in : cat.interpretations)
        if (in_force(in.valid_from, in.valid_until, now))
            interpretations += card(interpretation_page_path(in.id), in.title, l.published + l.colon + chinese_date(in.published));
    for (auto& r : cat.responses) responses += card(response_page_path(r.id), r.question, l.answered + l.colon + chinese_date(r.answered));
    if (!interpretations.empty()) body += heading(l.interpretations) + "<ul class=\"cards\">\n" + interpretations + "</ul>\n";
    if (!responses.empty()) body += heading(l.responses) + "<ul class=\"cards\">\n" + responses + "</ul>\n";
    return page(cat, "", cat.name, {}, body);
}

// The 解读 in force at `now` and the 回应 that name `id` among their items (or notices,
// with `notices`), as cards from a page one directory down. An interpretation of a policy
// that has ended would mislead beside the item; its page stays for links from elsewhere.
static std::string explained_by(const Catalogue& cat, const std::string& id, bool notices, std::time_t now) {
    const SiteLabels& l = site_labels();
    auto names = [&](const std::vector<std::string>& items, const std::vector<std::string>& notice_ids) {
        const auto& v = notices ? notice_ids : items;
        return std::find(v.begin(), v.end(), id) != v.end();
    };
    std::string interpretations, responses;
    for (auto& in : cat.interpretations)
        if (names(in.items, in.notices) && in_force(in.valid_from, in.valid_until, now))
            interpretations += card("../" + interpretation_page_path(in.id), in.title, l.published + l.colon + chinese_date(in.published));
    for (auto& r : cat.responses)
        if (names(r.items, r.notices))
            responses += card("../" + response_page_path(r.id), r.question, l.answered + l.colon + chinese_date(r.answered));
    std::string html;
    if (!interpretations.empty()) html += heading(l.interpretations) + "<ul class=\"cards\">\n" + interpretations + "</ul>\n";
    if (!responses.empty()) html += heading(l.responses) + "<ul class=\"cards\">\n" + responses + "</ul>\n";
    return html;
}

// Cards for the items and notices a 解读 or 回应 names, from a page one directory down.
// A result list outside its window has no page (render_site), so no card either.
static std::string linked_cards(const Catalogue& cat, const std::vector<std::string>& items, const std::vector<std::string>& notices,
                                std::time_t now) {
    const SiteLabels& l = site_labels();
    std::string cards;
    for (auto& id : items)
        if (const Item* item = cat.find_item(id))
            cards += card("../" + item_page_path(item->id), item->title, summary_line(*item), item->kind == ItemKind::Guide ? l.guide_tag : "");
    for (auto& id : notices)
        for (auto& n : cat.notices)
            if (n.id == id && (!n.results || notice_in_force(n, now))) cards += card("../" + notice_page_path(n.id), n.title, validity_span(n.valid_from, n.valid_until), l.notices);
    return cards.empty() ? cards : heading(l.related) + "<ul class=\"cards\">\n" + cards + "</ul>\n";
}

std::string render_domain_page(const Catalogue& cat, const Domain& domain) {
    const SiteLabels& l = site_labels();
    std::string body = "<h1>" + html_text(domain.name) + "</h1>\n" + paragraph(domain.summary, "muted");
    // As the kiosk lists a domain: services first, rows a guide shows left out, a row
    // titled only 办事指南 / 审批信息 named with its 一级事项 (model.h display_titles).
    const std::set<std::string> in_guides = rows_shown_in_guides(cat);
    const std::vector<std::string> titles = display_titles(cat.items);
    std::string guides, rows, group;
    for (size_t i = 0; i < cat.items.size(); i++) {
        const Item& item = cat.items[i];
        if (item.domain_id != domain.id) continue;
        const std::string href = "../" + item_page_path(item.id);
        if (item.kind == ItemKind::Guide) {
            guides += card(href, titles[i], summary_line(item));
            continue;
        }
        if (in_guides.count(item.id)) continue;
        if (item.level1 != group) {
            if (!group.empty()) rows += "</ul>\n";
            group = item.level1;
            rows += "<h3>" + html_text(group) + "</h3>\n<ul class=\"cards\">\n";
        }
        rows += card(href, titles[i], summary_line(item));
    }
    if (!group.empty()) rows += "</ul>\n";
    if (!guides.empty()) body += heading(l.guides) + "<ul class=\"cards\">\n" + guides + "</ul>\n";
    if (!rows.empty()) body += heading(l.directory) + rows;
    return page(cat, "../", domain.name + l.title_separator + cat.name, crumb({}, domain.name), body);
}

std::string render_item_page(const Catalogue& cat, const Item& item, std::time_t now) {
    const SiteLabels& l = site_labels();
    const Domain* domain = cat.find_domain(item.domain_id);
    std::vector<const Item*> linked;
    for (auto& id : item.links)
        if (const Item* other = cat.find_item(id)) linked.push_back(other);

    std::string crumbs = domain ? crumb("../" + domain_page_path(domain->id), domain->name) : std::string();
    if (!item.level1.empty()) crumbs += crumb({}, item.level1);
    std::string body = "<h1>" + html_text(item.title) + "</h1>\n";
    if (item.kind == ItemKind::Guide) body += "<p><span class=\"tag\">" + html_escape(l.guide_tag) + "</span></p>\n";

    // The guide to show first: the item itself, or the first guide linked to this row.
    const Item* guide = item.guide ? &item : nullptr;
    for (const Item* other : linked)
        if (!guide && other->guide) guide = other;
    if (guide && guide != &item)
        body += "<p class=\"muted\">" + html_escape(l.guide_intro) + "<a href=\"" + html_escape("../" + item_page_path(guide->id)) +
                "\">" + html_text(guide->title) + "</a></p>\n";
    if (guide) body += guide_sections(*guide);
    else if (item.standard) body += standard_sections(item);

    // The disclosure standard: this row's, or those of the rows a guide links to.
    std::vector<const Item*> rows;
    if (item.standard) rows.push_back(&item);
    for (const Item* other : linked)
        if (other->standard && !item.standard) rows.push_back(other);
    for (const Item* row : rows) {
        if (row == &item && rows.size() == 1) {
            body += heading(l.standard);
        } else {
            // A row shown inside its guide is listed nowhere else: its heading links its own page.
            body += "<h2>" + html_escape(l.standard + l.colon) + "<a href=\"" + html_escape("../" + item_page_path(row->id)) + "\">" +
                    html_text(row->level1 + row->title) + "</a></h2>\n";
        }
        body += standard_table(*row);
    }

    // Linked items not already shown in full (a second guide for the same row).
    std::string related;
    for (const Item* other : linked)
        if (other != guide && std::find(rows.begin(), rows.end(), other) == rows.end())
            related += card("../" + item_page_path(other->id), other->title, summary_line(*other),
                            other->kind == ItemKind::Guide ? l.guide_tag : "");
    if (!related.empty()) body += heading(l.related) + "<ul class=\"cards\">\n" + related + "</ul>\n";
    body += explained_by(cat, item.id, /*notices=*/false, now);
    // A directory row's title is its 二级事项, often a word many groups share (办事指南,
    // 审核信息): a bookmark or a tab needs the 一级事项 too.
    const std::string title = item.kind == ItemKind::Directory && !item.level1.empty() ? item.level1 + l.title_separator + item.title : item.title;
    return page(cat, "../", title + l.title_separator + cat.name, crumbs, body);
}

// A result list as a table: the header row, then each row as the import left it (names
// masked, personal numbers scrubbed).
static std::string results_table(const ResultList& list) {
    std::string html = "<table class=\"results\">\n<thead><tr>";
    for (auto& c : list.columns) html += "<th scope=\"col\">" + html_text(c) + "</th>";
    html += "</tr></thead>\n<tbody>\n";
    for (auto& row : list.rows) {
        html += "<tr>";
        for (auto& cell : row) html += "<td>" + html_text(cell) + "</td>";
        html += "</tr>\n";
    }
    return html + "</tbody>\n</table>\n";
}

std::string render_notice_page(const Catalogue& cat, const Notice& notice, std::time_t now) {
    const SiteLabels& l = site_labels();
    const Domain* domain = notice.domain_id.empty() ? nullptr : cat.find_domain(notice.domain_id);
    std::string crumbs = domain ? crumb("../" + domain_page_path(domain->id), domain->name) : std::string();
    crumbs += crumb({}, l.notices);
    std::string body = "<h1>" + html_text(notice.title) + "</h1>\n";
    std::string tags;
    if (notice.urgent) tags += "<span class=\"tag urgent\">" + html_escape(l.urgent) + "</span> ";
    if (notice.category != DisclosureCategory::Unset) tags += "<span class=\"tag\">" + html_escape(category_name(notice.category)) + "</span>";
    if (!tags.empty()) body += "<p>" + tags + "</p>\n";
    // "有效期：2026年11月1日至2027年12月31日", as the kiosk says it; a result list's
    // "公示期：2026年11月30日至2026年12月6日（7天）".
    if (std::string span = validity_span(notice.valid_from, notice.valid_until); !span.empty()) {
        if (notice.results)
            body += paragraph(l.public_period + l.colon + span + l.open_paren + std::to_string(notice.results->public_days) +
                                  l.days_suffix + l.close_paren, "muted");
        else
            body += paragraph(l.valid_period + l.colon + span, "muted");
    }
    body += paragraph(notice.body);
    std::string extra_head;
    if (notice.results && notice_in_force(notice, now)) {
        body += heading(l.results) + results_table(*notice.results) + paragraph(l.results_note, "muted");
        // Masked names still name a household to its neighbours: kept out of search engines,
        // whose copies would outlive the window.
        extra_head = "<meta name=\"robots\" content=\"noindex, noarchive\">\n";
    }
    if (const Item* item = notice.item_id.empty() ? nullptr : cat.find_item(notice.item_id))
        body += heading(l.related) + "<ul class=\"cards\">\n" +
                card("../" + item_page_path(item->id), item->title, summary_line(*item),
                     item->kind == ItemKind::Guide ? l.guide_tag : "") +
                "</ul>\n";
    body += explained_by(cat, notice.id, /*notices=*/true, now);
    return page(cat, "../", notice.title + l.title_separator + cat.name, crumbs, body, extra_head);
}

std::string render_interpretation_page(const Catalogue& cat, const Interpretation& in, std::time_t now) {
    const SiteLabels& l = site_labels();
    std::string body = "<h1>" + html_text(in.title) + "</h1>\n";
    body += "<p><span class=\"tag\">" + html_escape(l.interpretations) + "</span></p>\n";
    body += paragraph(l.published + l.colon + chinese_date(in.published), "muted");
    if (std::string span = validity_span(in.valid_from, in.valid_until); !span.empty())
        body += paragraph(l.valid_period + l.colon + span, "muted");
    body += section(l.what_changed, paragraph(in.what_changed));
    body += section(l.who_affected, paragraph(in.who_affected));
    body += section(l.what_to_do, paragraph(in.what_to_do));
    body += linked_cards(cat, in.items, in.notices, now);
    return page(cat, "../", in.title + l.title_separator + cat.name, crumb({}, l.interpretations), body);
}

std::string render_response_page(const Catalogue& cat, const Response& r, std::time_t now) {
    const SiteLabels& l = site_labels();
    std::string body = "<h1>" + html_text(r.question) + "</h1>\n";
    body += "<p><span class=\"tag\">" + html_escape(l.responses) + "</span></p>\n";
    std::string when = l.answered + l.colon + chinese_date(r.answered);
    if (!r.asked_via.empty()) when += l.list_separator + l.asked_via + l.colon + r.asked_via;
    body += paragraph(when, "muted");
    body += section(l.answer, paragraph(r.answer));
    body += linked_cards(cat, r.items, r.notices, now);
    return page(cat, "../", r.question + l.title_separator + cat.name, crumb({}, l.responses), body);
}

Result<std::vector<SitePage>> render_site(const Catalogue& cat, std::time_t now) {
    auto unsafe = [](const char* kind, const std::string& id) -> std::string {
        std::string why = page_id_problem(id);
        return why.empty() ? why : std::string(kind) + " id \"" + html_escape(id) + "\" " + why;
    };
    for (auto& d : cat.domains)
        if (std::string why = unsafe("domain", d.id); !why.empty()) return make_error(CatalogueError::SiteUnsafeId, why);
    for (auto& i : cat.items)
        if (std::string why = unsafe("item", i.id); !why.empty()) return make_error(CatalogueError::SiteUnsafeId, why);
    for (auto& n : cat.notices)
        if (std::string why = unsafe("notice", n.id); !why.empty()) return make_error(CatalogueError::SiteUnsafeId, why);
    for (auto& in : cat.interpretations)
        if (std::string why = unsafe("interpretation", in.id); !why.empty()) return make_error(CatalogueError::SiteUnsafeId, why);
    for (auto& r : cat.responses)
        if (std::string why = unsafe("response", r.id); !why.empty()) return make_error(CatalogueError::SiteUnsafeId, why);

    std::vector<SitePage> pages;
    pages.reserve(2 + cat.domains.size() + cat.items.size() + cat.notices.size() + cat.interpretations.size() + cat.responses.size());
    pages.push_back({"site.css", std::string(site_css())});
    pages.push_back({"index.html", render_index_page(cat, now)});
    for (auto& d : cat.domains) pages.push_back({domain_page_path(d.id), render_domain_page(cat, d)});
    for (auto& i : cat.items) pages.push_back({item_page_path(i.id), render_item_page(cat, i, now)});
    for (auto& n : cat.notices)
        // A result list is public only within its window: no page before or after it.
        if (!n.results || notice_in_force(n, now)) pages.push_back({notice_page_path(n.id), render_notice_page(cat, n, now)});
    for (auto& in : cat.interpretations) pages.push_back({interpretation_page_path(in.id), render_interpretation_page(cat, in, now)});
    for (auto& r : cat.responses) pages.push_back({response_page_path(r.id), render_response_page(cat, r, now)});
    return pages;
}

Result<std::vector<SitePage>> render_site(const Catalogue& cat, std::string_view today) {
    CalendarDate d{};
    std::time_t noon = parse_calendar_date(today, &d) ? district_moment(d.year, d.month, d.day, 12) : std::time(nullptr);
    return render_site(cat, noon);
}

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------

Error write_site(const std::string& site_dir, const std::vector<SitePage>& pages) {
    const fs::path root(site_dir);
    std::set<std::string> wanted, dirs;  // dirs: each directory a page is in, to fsync once
    for (auto& p : pages) {
        // render_site names pages by checked ids; anything else is the caller's mistake.
        fs::path rel(p.path);
        bool ok = !p.path.empty() && rel.is_relative();
        for (auto& part : rel) ok = ok && part != ".." && part != ".";
        if (!ok) return make_error(BaseError::FileWriteFailed, "refusing the page path \"" + p.path + "\" (not under the site)");
        wanted.insert(rel.lexically_normal().string());
        const fs::path parent = (root / rel).parent_path();
        if (dirs.insert(parent.string()).second) {
            std::error_code ec;
            fs::create_directories(parent, ec);
            if (ec) return make_error(BaseError::FileWriteFailed, "create directory " + parent.string() + ": " + ec.message());
        }
    }
    // 1. Stage everything: until every page is staged, the site is untouched.
    std::vector<std::string> staged;
    auto discard_staged = [&](size_t from) {
        for (size_t i = from; i < staged.size(); i++) ::unlink(staged_path(staged[i]).c_str());
    };
    for (auto& p : pages) {
        const std::string path = (root / p.path).string();
        if (Error e = stage_file(path, p.content)) {
            discard_staged(0);
            return e;
        }
        staged.push_back(path);
    }
    // 2. One flush for all of them (see sync_file_system).
    if (Error e = sync_file_system(site_dir)) {
        discard_staged(0);
        return e;
    }
    // 3. Each page whole, old or new; then the renames reach the disk.
    for (size_t i = 0; i < staged.size(); i++) {
        if (Error e = commit_staged(staged[i])) {
            discard_staged(i + 1);
            return e;
        }
    }
    // 4. Pages of withdrawn entries, and temp files of a build that died, go.
    for (const char* owned : kSitePageDirectories) {
        const fs::path dir = root / owned;
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        // increment(ec), not a range-for: a range-for's ++ throws on a listing error.
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            const bool stale_page = name.ends_with(".html") && !wanted.count(std::string(owned) + "/" + name);
            std::error_code type_ec;
            if ((stale_page || name.ends_with(".html.tmp")) && it->is_regular_file(type_ec)) {
                std::error_code rm_ec;
                if (!fs::remove(it->path(), rm_ec) || rm_ec)
                    return make_error(BaseError::FileWriteFailed, "remove " + it->path().string() + ": " + rm_ec.message());
            }
        }
        if (ec) return make_error(BaseError::FileWriteFailed, "list " + dir.string() + ": " + ec.message());
        dirs.insert(dir.string());
    }
    for (auto& dir : dirs)
        if (Error e = sync_directory(dir)) return e;
    return {};
}

}  // namespace gongkai
