// The report as one static HTML5 page (report.h): Chinese, print-friendly, no script, no
// external resource — charts are inline SVG, fonts the reader's own. Every text from a source
// file, a device or a resident goes through html_escape. [SECTION] index:
//   [SECTION] Pieces   — escaping, dates, numbers, the two charts
//   [SECTION] The page — one function per section, in reading order
#include <algorithm>
#include <cstdio>
#include <ctime>

#include "clock.h"
#include "outbox.h"
#include "report.h"
#include "site_writer.h"
#include "utf8.h"

namespace gongkai {

//-----------------------------------------------------------------------------
// [SECTION] Pieces
//-----------------------------------------------------------------------------

namespace {

std::string esc(std::string_view s) { return html_escape(s); }

std::string local_datetime(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::string percent(std::optional<double> rate) {
    if (!rate) return "—";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", *rate * 100.0);
    return buf;
}

std::string percent_of(std::int64_t part, std::int64_t whole) {
    return whole ? percent(static_cast<double>(part) / static_cast<double>(whole)) : "—";
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// The first `n` characters of a label that must fit a chart's row, with "…" when cut.
std::string clip(const std::string& s, size_t n) {
    size_t i = 0, count = 0;
    while (i < s.size() && count < n) { utf8::next(s, i); count++; }
    return i < s.size() ? s.substr(0, i) + "…" : s;
}

const char* fault_name(const std::string& fault) {
    if (fault == "silent") return "失联";
    if (fault == "last_error") return "同步出错";
    if (fault == "outbox_full") return "发件箱已满";
    if (fault == "outbox_refused") return "有记录被拒收";
    if (fault == "kiosk_not_alive") return "触摸屏程序未运行";
    if (fault == "catalogue_stale") return "目录已过期";
    if (fault == "clock_ahead") return "时钟超前";
    return "其他";
}

// Ratings 5 … 1: dark green to red, distinguishable in greyscale print too.
const char* const kRatingColour[5] = {"#b71c1c", "#ef9a9a", "#c5e1a5", "#66bb6a", "#1b5e20"};  // index = rating - 1

// Completeness per domain: one bar per domain, the complete share green.
std::string completeness_chart(const std::vector<DomainSummary>& domains) {
    // Pixels: a 20-px bar per 30-px row; 130 px hold an 8-character domain name at 13 px, 110
    // the "123/456 完整" after the bar; 660 in all fits a printed A4 page's text width.
    const int row = 30, label_w = 130, bar_w = 420, width = label_w + bar_w + 110;
    const int height = row * static_cast<int>(domains.size()) + 10;
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                    "\" role=\"img\" aria-label=\"各领域目录完整率\">\n";
    int y = 5;
    for (const DomainSummary& d : domains) {
        const double share = d.items ? static_cast<double>(d.complete) / static_cast<double>(d.items) : 0.0;
        const double done = bar_w * share;
        s += "<text x=\"0\" y=\"" + std::to_string(y + 15) + "\" class=\"label\">" + esc(clip(d.name, 8)) + "</text>\n";  // 8 characters: label_w
        s += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(bar_w) +
             "\" height=\"20\" fill=\"#f4c7c3\"/>\n";
        if (done > 0)
            s += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y) + "\" width=\"" + num(done) +
                 "\" height=\"20\" fill=\"#2e7d32\"/>\n";
        s += "<text x=\"" + std::to_string(label_w + bar_w + 8) + "\" y=\"" + std::to_string(y + 15) + "\" class=\"value\">" +
             std::to_string(d.complete) + "/" + std::to_string(d.items) + " 完整</text>\n";
        y += row;
    }
    return s + "</svg>\n";
}

// The rating distribution of each group: a 100 % bar split by rating, 非常满意 first.
std::string ratings_chart(const std::vector<RatedGroup>& groups, const char* label) {
    // Twelve departments fill a printed page's width of chart; the table lists all.
    constexpr size_t kMaxBars = 12;
    const size_t n = std::min(groups.size(), kMaxBars);
    // Pixels: each group is a 13-px name over an 18-px bar (44-px rows); 120 px after the bar
    // hold "1234 条 85.3%"; the legend is one 28-px row. 680 in all fits a printed page.
    const int row = 44, bar_w = 560, width = bar_w + 120, legend = 28;
    const int height = legend + row * static_cast<int>(n) + 6;
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                    "\" role=\"img\" aria-label=\"" + esc(label) + "\">\n";
    int x = 0;
    for (int rating = 5; rating >= 1; rating--) {
        s += "<rect x=\"" + std::to_string(x) + "\" y=\"4\" width=\"14\" height=\"14\" fill=\"" + kRatingColour[rating - 1] + "\"/>\n";
        s += "<text x=\"" + std::to_string(x + 18) + "\" y=\"16\" class=\"value\">" + rating_name(rating) + "</text>\n";
        x += 110;  // a swatch and a four-character level name
    }
    int y = legend;
    for (size_t g = 0; g < n; g++) {
        const RatedGroup& group = groups[g];
        const double total = static_cast<double>(group.ratings.total());
        // 40 characters at 13 px is the bar's width: a longer 公开主体 is cut with "…" (the table has it whole).
        s += "<text x=\"0\" y=\"" + std::to_string(y + 12) + "\" class=\"label\">" + esc(clip(group.name, 40)) + "</text>\n";
        double at = 0;
        for (int rating = 5; rating >= 1; rating--) {
            const double w = total > 0 ? bar_w * static_cast<double>(group.ratings.by_rating[static_cast<size_t>(rating - 1)]) / total : 0;
            if (w > 0)
                s += "<rect x=\"" + num(at) + "\" y=\"" + std::to_string(y + 17) + "\" width=\"" + num(w) + "\" height=\"18\" fill=\"" +
                     kRatingColour[rating - 1] + "\"/>\n";
            at += w;
        }
        s += "<text x=\"" + std::to_string(bar_w + 8) + "\" y=\"" + std::to_string(y + 31) + "\" class=\"value\">" +
             std::to_string(group.ratings.total()) + " 条 " + percent(group.ratings.satisfaction()) + "</text>\n";
        y += row;
    }
    return s + "</svg>\n";
}

std::string rows_cut_note(size_t shown, size_t total) {
    if (shown >= total) return {};
    return "<p class=\"note\">只列出前 " + std::to_string(shown) + " 行，另有 " + std::to_string(total - shown) +
           " 行见同目录下的 report.json。</p>\n";
}

std::string rating_cells(const RatingCounts& r) {
    std::string s;
    for (int rating = 5; rating >= 1; rating--) s += "<td class=\"num\">" + std::to_string(r.by_rating[static_cast<size_t>(rating - 1)]) + "</td>";
    s += "<td class=\"num\">" + std::to_string(r.total()) + "</td>";
    auto rate = r.satisfaction();
    // Below 80 % 好评 is marked: the national 好差评 asks each 差评 to be followed up, and a
    // fifth of residents unhappy with one page is worth an editor's look.
    constexpr double kLowSatisfaction = 0.8;
    s += std::string("<td class=\"num") + (rate && *rate < kLowSatisfaction ? " bad" : "") + "\">" + percent(rate) + "</td>";
    return s;
}

std::string rating_header(const char* first) {
    std::string s = "<thead><tr><th scope=\"col\">" + std::string(first) + "</th>";
    for (int rating = 5; rating >= 1; rating--) s += std::string("<th scope=\"col\" class=\"num\">") + rating_name(rating) + "</th>";
    return s + "<th scope=\"col\" class=\"num\">合计</th><th scope=\"col\" class=\"num\">好评率</th></tr></thead>\n";
}

//-----------------------------------------------------------------------------
// [SECTION] The page
//-----------------------------------------------------------------------------

const char* const kStyle = R"css(
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1100px;padding:24px;line-height:1.6;font-size:15px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;border-bottom:2px solid #1a4d8f;padding-bottom:4px;margin-top:36px;color:#1a4d8f}h3{font-size:17px;margin:22px 0 8px}
.meta{color:#555;margin:0}
nav ol{padding:0;list-style:none;margin:14px 0}nav li{display:inline-block;margin:0 18px 4px 0}nav a{color:#1a4d8f}
.cards{margin:0;font-size:0}
.card{display:inline-block;vertical-align:top;box-sizing:border-box;width:23.5%;margin:0 2% 12px 0;font-size:15px;border:1px solid #ccd;border-radius:6px;padding:10px 14px}.card:nth-child(4n){margin-right:0}.card p{margin:0}.card .k{color:#555;font-size:14px}.card .v{font-size:24px;font-weight:bold}
.card .v.bad{color:#b71c1c}
table{border-collapse:collapse;width:100%;margin:8px 0 4px;font-size:14px}
caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border:1px solid #c8ccd4;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#e8eef7}
td.num,th.num{text-align:right;white-space:nowrap}
.bad{color:#b71c1c;font-weight:bold}
tr.fault td{background:#fdecea}
.tag{display:inline-block;border:1px solid #b71c1c;color:#b71c1c;border-radius:3px;padding:0 4px;margin:0 4px 2px 0;font-size:13px}
.ok{color:#2e7d32}
.chart{max-width:100%;height:auto}.chart .label{font-size:13px}.chart .value{font-size:12px}
figure{margin:12px 0}figcaption{color:#555;font-size:13px}
.note{color:#555;font-size:13px}
footer{margin-top:40px;color:#777;font-size:13px;border-top:1px solid #ddd;padding-top:8px}
@media print{body{max-width:none;padding:0;font-size:11pt}nav{display:none}h2{break-after:avoid}tr,figure,.card{break-inside:avoid}thead{display:table-header-group}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit;text-decoration:none}}
)css";

std::string summary_section(const Report& r) {
    std::int64_t items = 0, complete = 0, guides = 0, stale = 0;
    for (auto& d : r.domains) { items += d.items; complete += d.complete; guides += d.with_guide; stale += d.stale; }
    auto card = [](const std::string& title, const std::string& value, bool bad = false) {
        return "<div class=\"card\"><p class=\"k\">" + title + "</p><p class=\"v" + std::string(bad ? " bad" : "") + "\">" + value + "</p></div>\n";
    };
    std::string s = "<section id=\"summary\">\n<h2>概况</h2>\n<div class=\"cards\">\n";
    s += card("目录事项", std::to_string(items));
    s += card("要素齐全", std::to_string(complete) + "（" + percent_of(complete, items) + "）", complete < items);
    s += card("有办事指南", std::to_string(guides) + "（" + percent_of(guides, items) + "）");
    s += card("超过 " + std::to_string(r.stale_days) + " 天未更新", std::to_string(stale), stale > 0);
    if (r.has_db) {
        std::int64_t faulty = 0, silent = 0;
        for (auto& d : r.fleet) { faulty += !d.faults.empty(); silent += d.silent(); }
        s += card("好差评", std::to_string(r.ratings.total()) + " 条");
        s += card("好评率", percent(r.ratings.satisfaction()));
        s += card("设备", std::to_string(r.fleet.size()) + " 台");
        s += card("有故障 / 失联", std::to_string(faulty) + " / " + std::to_string(silent), faulty > 0);
    }
    s += card("源文件问题", std::to_string(r.source_problems.size()), !r.source_problems.empty());
    return s + "</div>\n</section>\n";
}

std::string completeness_section(const Report& r) {
    std::string s = "<section id=\"completeness\">\n<h2>目录完整性</h2>\n";
    s += "<p>每个目录事项应填齐公开事项标准的各要素。缺项按部门目录表的列名列出，请对照原表补齐。</p>\n";
    if (!r.domains.empty()) s += "<figure>\n" + completeness_chart(r.domains) + "<figcaption>各领域要素齐全的事项数</figcaption>\n</figure>\n";
    s += "<table>\n<caption>各领域</caption>\n<thead><tr><th scope=\"col\">领域</th><th scope=\"col\" class=\"num\">事项</th>"
         "<th scope=\"col\" class=\"num\">要素齐全</th><th scope=\"col\" class=\"num\">完整率</th><th scope=\"col\" class=\"num\">有办事指南</th>"
         "<th scope=\"col\" class=\"num\">超期未更新</th></tr></thead>\n<tbody>\n";
    for (auto& d : r.domains)
        s += "<tr><th scope=\"row\">" + esc(d.name) + "</th><td class=\"num\">" + std::to_string(d.items) + "</td><td class=\"num" +
             (d.complete < d.items ? " bad" : "") + "\">" + std::to_string(d.complete) + "</td><td class=\"num\">" +
             percent_of(d.complete, d.items) + "</td><td class=\"num\">" + std::to_string(d.with_guide) + "</td><td class=\"num\">" +
             std::to_string(d.stale) + "</td></tr>\n";
    s += "</tbody>\n</table>\n<h3>缺项的事项</h3>\n";
    std::vector<const ReportItem*> incomplete;
    for (auto& i : r.items)
        if (!i.missing.empty()) incomplete.push_back(&i);
    if (incomplete.empty()) return s + "<p class=\"ok\">所有事项要素齐全。</p>\n</section>\n";
    s += "<table>\n<thead><tr><th scope=\"col\">领域</th><th scope=\"col\">一级事项</th><th scope=\"col\">二级事项</th>"
         "<th scope=\"col\">缺少的要素</th><th scope=\"col\">位置</th></tr></thead>\n<tbody>\n";
    const size_t shown = std::min(incomplete.size(), kMaxHtmlRows);
    for (size_t k = 0; k < shown; k++) {
        const ReportItem& i = *incomplete[k];
        std::string tags;
        for (auto& m : i.missing) tags += "<span class=\"tag\">" + esc(m) + "</span>";
        s += "<tr><td>" + esc(i.domain) + "</td><td>" + esc(i.level1) + "</td><td>" + (i.title.empty() ? "<span class=\"bad\">（空）</span>" : esc(i.title)) +
             "</td><td>" + tags + "</td><td>" + esc(i.file) + (i.line ? " 第 " + std::to_string(i.line) + " 行" : "") + "</td></tr>\n";
    }
    return s + "</tbody>\n</table>\n" + rows_cut_note(shown, incomplete.size()) + "</section>\n";
}

std::string guides_section(const Report& r) {
    std::string s = "<section id=\"guides\">\n<h2>没有办事指南的事项</h2>\n";
    s += "<p>办事指南用居民看得懂的话说明怎么办。下列目录事项还没有链接到任何办事指南（源目录共有 " + std::to_string(r.guides) + " 份指南）。</p>\n";
    std::vector<const ReportItem*> without;
    for (auto& i : r.items)
        if (!i.has_guide) without.push_back(&i);
    if (without.empty()) return s + "<p class=\"ok\">每个事项都有办事指南。</p>\n</section>\n";
    s += "<table>\n<thead><tr><th scope=\"col\">领域</th><th scope=\"col\">一级事项</th><th scope=\"col\">二级事项</th></tr></thead>\n<tbody>\n";
    const size_t shown = std::min(without.size(), kMaxHtmlRows);
    for (size_t k = 0; k < shown; k++)
        s += "<tr><td>" + esc(without[k]->domain) + "</td><td>" + esc(without[k]->level1) + "</td><td>" + esc(without[k]->title) + "</td></tr>\n";
    return s + "</tbody>\n</table>\n" + rows_cut_note(shown, without.size()) + "</section>\n";
}

std::string freshness_section(const Report& r) {
    std::string s = "<section id=\"freshness\">\n<h2>更新情况</h2>\n<p>";
    s += r.has_db ? "事项的最近更新日期：内容（各要素）第一次以现在的样子出现时，其目录表文件的修改日期；内容没变的事项，即使所在的表另存过，也保留原来的日期。"
                  : "事项的最近更新日期：其目录表文件的修改日期（未使用 office.db，同一表中的事项日期相同）。";
    s += "超过 " + std::to_string(r.stale_days) + " 天未更新的事项如下。</p>\n";
    std::vector<const ReportItem*> stale;
    for (auto& i : r.items)
        if (i.stale) stale.push_back(&i);
    std::stable_sort(stale.begin(), stale.end(), [](auto* a, auto* b) { return a->age_days > b->age_days; });
    if (stale.empty()) return s + "<p class=\"ok\">没有超期未更新的事项。</p>\n</section>\n";
    s += "<table>\n<thead><tr><th scope=\"col\">领域</th><th scope=\"col\">二级事项</th><th scope=\"col\">最近更新</th>"
         "<th scope=\"col\" class=\"num\">已过天数</th></tr></thead>\n<tbody>\n";
    const size_t shown = std::min(stale.size(), kMaxHtmlRows);
    for (size_t k = 0; k < shown; k++)
        s += "<tr><td>" + esc(stale[k]->domain) + "</td><td>" + esc(stale[k]->title) + "</td><td>" + local_date(stale[k]->changed) +
             "</td><td class=\"num bad\">" + std::to_string(stale[k]->age_days) + "</td></tr>\n";
    return s + "</tbody>\n</table>\n" + rows_cut_note(shown, stale.size()) + "</section>\n";
}

std::string ratings_section(const Report& r) {
    std::string s = "<section id=\"ratings\">\n<h2>好差评</h2>\n";
    s += "<p>居民在触摸屏上对页面的评价，按全国政务服务“好差评”的五个等级。好评率 = （非常满意 + 满意 + 基本满意）÷ 全部评价。"
         "共 " + std::to_string(r.ratings.total()) + " 条，好评率 " + percent(r.ratings.satisfaction()) + "。</p>\n";
    if (r.ratings.total() == 0) return s + "<p>还没有收到评价。</p>\n</section>\n";
    s += "<figure>\n" + ratings_chart(r.departments, "各部门评价分布") + "<figcaption>各部门（事项的公开主体）的评价分布，按评价数排列</figcaption>\n</figure>\n";
    s += "<table>\n<caption>按部门</caption>\n" + rating_header("部门（公开主体）") + "<tbody>\n";
    for (auto& g : r.departments) s += "<tr><th scope=\"row\">" + esc(g.name) + "</th>" + rating_cells(g.ratings) + "</tr>\n";
    s += "</tbody>\n</table>\n<table>\n<caption>按领域</caption>\n" + rating_header("领域") + "<tbody>\n";
    for (auto& g : r.domain_ratings) s += "<tr><th scope=\"row\">" + esc(g.name) + "</th>" + rating_cells(g.ratings) + "</tr>\n";
    s += "</tbody>\n</table>\n<table>\n<caption>按事项（评价最多的在前）</caption>\n" + rating_header("事项") + "<tbody>\n";
    const size_t shown = std::min(r.pages.size(), kMaxHtmlRows);
    for (size_t k = 0; k < shown; k++) {
        const RatedPage& p = r.pages[k];
        std::string name = p.title.empty() ? p.page_id : p.title;
        if (p.page_kind == "notice") name = "公告：" + name;
        s += "<tr><th scope=\"row\">" + esc(name) + (p.domain.empty() ? "" : "<br><span class=\"note\">" + esc(p.domain) + "</span>") + "</th>" +
             rating_cells(p.ratings) + "</tr>\n";
    }
    s += "</tbody>\n</table>\n" + rows_cut_note(shown, r.pages.size());
    s += "<table>\n<caption>不满意的原因</caption>\n<thead><tr><th scope=\"col\">原因</th><th scope=\"col\" class=\"num\">次数</th></tr></thead>\n<tbody>\n";
    for (FeedbackReason reason : kAllFeedbackReasons) {
        auto it = r.reasons.find(to_string(reason));
        s += std::string("<tr><th scope=\"row\">") + reason_name(to_string(reason)) + "</th><td class=\"num\">" +
             std::to_string(it == r.reasons.end() ? 0 : it->second) + "</td></tr>\n";
    }
    s += "</tbody>\n</table>\n<h3>居民留言（最新 " + std::to_string(kMaxReportComments) + " 条以内）</h3>\n";
    if (r.comments.empty()) return s + "<p>没有留言。</p>\n</section>\n";
    s += "<table>\n<thead><tr><th scope=\"col\">时间（UTC）</th><th scope=\"col\">页面</th><th scope=\"col\">评价</th><th scope=\"col\">留言</th>"
         "<th scope=\"col\">设备</th></tr></thead>\n<tbody>\n";
    for (auto& c : r.comments)
        s += "<tr><td>" + esc(c.time) + "</td><td>" + esc(c.title.empty() ? c.page_id : c.title) + "</td><td" +
             (c.rating <= kRatingAsksReason ? " class=\"bad\"" : "") + ">" + rating_name(c.rating) + "</td><td>" + esc(c.comment) +
             "</td><td>" + esc(c.device) + "</td></tr>\n";
    return s + "</tbody>\n</table>\n</section>\n";
}

std::string searches_section(const Report& r) {
    std::string s = "<section id=\"searches\">\n<h2>零结果搜索</h2>\n";
    s += "<p>居民搜索却什么也没找到的词，按所有设备、所有日期的次数合计（最多 " + std::to_string(kMaxReportQueries) +
         " 个）。可据此补充同义词表或办事指南。</p>\n";
    if (r.zero_result_queries.empty()) return s + "<p>没有零结果搜索。</p>\n</section>\n";
    s += "<table>\n<thead><tr><th scope=\"col\">搜索词</th><th scope=\"col\" class=\"num\">次数</th><th scope=\"col\" class=\"num\">设备数</th>"
         "<th scope=\"col\">首次</th><th scope=\"col\">最近</th></tr></thead>\n<tbody>\n";
    for (auto& q : r.zero_result_queries)
        s += "<tr><td>" + esc(q.query) + "</td><td class=\"num\">" + std::to_string(q.count) + "</td><td class=\"num\">" +
             std::to_string(q.devices) + "</td><td>" + esc(q.first_day) + "</td><td>" + esc(q.last_day) + "</td></tr>\n";
    return s + "</tbody>\n</table>\n</section>\n";
}

std::string fleet_section(const Report& r) {
    std::string s = "<section id=\"fleet\">\n<h2>设备运行</h2>\n";
    s += "<p>每台设备最近一次心跳报告的状态。超过其心跳间隔两倍未收到心跳的设备为“失联”；有故障的设备整行标红。"
         "近 7 天心跳数与应收数相比，可看出设备是否常被关机或断网。</p>\n";
    if (r.fleet.empty()) return s + "<p>office.db 中还没有设备（collect --devices devices.toml）。</p>\n</section>\n";
    s += "<table>\n<thead><tr><th scope=\"col\">设备</th><th scope=\"col\">最近心跳</th><th scope=\"col\">软件版本</th>"
         "<th scope=\"col\" class=\"num\">目录版本</th><th scope=\"col\" class=\"num\">近 7 天心跳</th><th scope=\"col\" class=\"num\">待发记录</th>"
         "<th scope=\"col\">故障</th></tr></thead>\n<tbody>\n";
    for (const FleetDevice& d : r.fleet) {
        std::string name = d.name.empty() ? d.id : d.name;
        std::string faults;
        for (auto& f : d.faults) faults += std::string("<span class=\"tag\">") + fault_name(f) + "</span>";
        if (d.last_error) faults += "<br>" + esc(*d.last_error);
        if (faults.empty()) faults = "<span class=\"ok\">正常</span>";
        std::string last = d.last_heartbeat ? local_datetime(*d.last_heartbeat) : "从未收到";
        if (d.silent()) last = "<span class=\"bad\">" + last + "</span>";
        s += std::string("<tr") + (d.faults.empty() ? "" : " class=\"fault\"") + "><th scope=\"row\">" + esc(name) +
             (d.hall.empty() ? "" : "<br><span class=\"note\">" + esc(d.hall) + "</span>") + "<br><span class=\"note\">" + esc(d.id) +
             "</span></th><td>" + last + "</td><td>" + esc(d.software_version) + "</td><td class=\"num\">" +
             (d.catalogue_version ? std::to_string(*d.catalogue_version) : std::string("—")) + "</td><td class=\"num\">" +
             std::to_string(d.heartbeats_7d) + " / " + std::to_string(d.expected_7d) + "</td><td class=\"num\">" +
             std::to_string(d.outbox_records) + "</td><td>" + faults + "</td></tr>\n";
    }
    return s + "</tbody>\n</table>\n</section>\n";
}

std::string problems_section(const Report& r) {
    std::string s = "<section id=\"problems\">\n<h2>源文件问题</h2>\n";
    if (r.source_problems.empty()) return s + "<p class=\"ok\">源目录通过校验，可以发布。</p>\n</section>\n";
    s += "<p>gongkai-publish validate 报告的问题：改正之前目录不能发布。</p>\n<table>\n<thead><tr><th scope=\"col\">位置</th>"
         "<th scope=\"col\">问题</th></tr></thead>\n<tbody>\n";
    const size_t shown = std::min(r.source_problems.size(), kMaxHtmlRows);
    for (size_t k = 0; k < shown; k++) {
        const SourceProblem& p = r.source_problems[k];
        std::string where = p.file;
        if (p.line > 0) where += ":" + std::to_string(p.line);
        if (p.column > 0) where += ":" + std::to_string(p.column);
        s += "<tr><td>" + esc(where) + "</td><td>" + esc(p.message) + "</td></tr>\n";
    }
    return s + "</tbody>\n</table>\n" + rows_cut_note(shown, r.source_problems.size()) + "</section>\n";
}

}  // namespace

std::string report_html(const Report& r) {
    std::string s = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>政务公开目录与设备运行报告</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
    s += "<header>\n<h1>政务公开目录与设备运行报告</h1>\n<p class=\"meta\">" + esc(r.catalogue_name.empty() ? "（目录名称未读到）" : r.catalogue_name) +
         " · 生成于 " + local_datetime(r.generated) + "</p>\n</header>\n";
    s += "<nav aria-label=\"本页目录\">\n<ol>\n<li><a href=\"#summary\">概况</a></li>\n<li><a href=\"#completeness\">目录完整性</a></li>\n"
         "<li><a href=\"#guides\">办事指南</a></li>\n<li><a href=\"#freshness\">更新情况</a></li>\n";
    if (r.has_db)
        s += "<li><a href=\"#ratings\">好差评</a></li>\n<li><a href=\"#searches\">零结果搜索</a></li>\n<li><a href=\"#fleet\">设备运行</a></li>\n";
    s += "<li><a href=\"#problems\">源文件问题</a></li>\n</ol>\n</nav>\n<main>\n";
    s += summary_section(r) + completeness_section(r) + guides_section(r) + freshness_section(r);
    if (r.has_db) s += ratings_section(r) + searches_section(r) + fleet_section(r);
    else s += "<p class=\"note\">未指定 office.db（--db）：本报告只含目录完整性与更新情况；好差评、零结果搜索和设备运行需要 office.db。</p>\n";
    s += problems_section(r);
    s += "</main>\n<footer>\n<p>由 gongkai-publish report 生成。机器可读的同一内容：report.json。</p>\n</footer>\n</body>\n</html>\n";
    return s;
}

}  // namespace gongkai
