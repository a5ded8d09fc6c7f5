// "Take it home": the web pages gongkai-publish writes beside the signed catalogue, checked
// with a real validator (HTML Tidy, Debian's tidy), and the kiosk's QR code of them, read
// back from real screenshots with a real decoder (zbarimg, Debian's zbar-tools) and
// followed over HTTPS to a real nginx.
#include <stb/stb_image.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <set>

#include "clock.h"
#include "config.h"
#include "kiosk_fixture.h"
#include "nginx_fixture.h"
#include "qr_code.h"
#include "site_writer.h"
#include "source_import.h"
#include "synthetic.h"
#include "ui_strings.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

// HTML Tidy in its strictest quiet mode: every error and warning is printed, and the exit
// status is 0 only for a page with neither (1: warnings, 2: errors).
Run tidy(const std::string& file) { return run("tidy", "-errors -quiet --show-warnings yes " + file); }

// zbarimg: the symbols it decodes, one a line; exit 4 when it finds none.
Run zbar(const std::string& png) { return run("zbarimg", "--raw -q " + png); }

struct PublishedSite {
    TempDir dir;
    std::string site;
    Catalogue cat;
    explicit PublishedSite(const std::string& source = assets_dir().string(), std::string site_dir = {}) {
        site = site_dir.empty() ? dir.file("site") : site_dir;
        REQUIRE(publish("keygen --secret-key " + dir.file("sk") + " --public-key " + dir.file("pk.pub")).status == 0);
        Run b = publish("build --source " + source + " --secret-key " + dir.file("sk") + " --out " + site);
        INFO(b.err);
        REQUIRE(b.status == 0);
        ImportResult r = import_source(source);
        REQUIRE(r.problems.empty());
        cat = std::move(r.catalogue);
    }
    std::string page(const std::string& path) const { return slurp(site + "/" + path); }
};

// Every href and src of a page.
std::vector<std::string> links_of(const std::string& html) {
    static const std::regex kLink("(?:href|src)=\"([^\"]*)\"");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), kLink); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

// A kiosk device config: its own cache (the demo catalogue on first start), and the rest.
std::string kiosk_config(const TempDir& dir, const std::string& extra) {
    std::string path = dir.file("kiosk.toml");
    write_file(path, "[cache]\npath = \"" + dir.file("cache.db") + "\"\n" + extra);
    return path;
}

}  // namespace

//-----------------------------------------------------------------------------
// The pages
//-----------------------------------------------------------------------------

TEST_CASE("html_escape makes markup, ampersands and quotes text, and forbidden code points U+FFFD", "[site]") {
    const std::string fffd = "\xEF\xBF\xBD";
    struct Case { std::string in, out; };
    for (const Case& c : {Case{"<script>alert(\"x\")</script>", "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"},
                          Case{"低保 & 临时救助", "低保 &amp; 临时救助"},
                          Case{"it's", "it&#39;s"},
                          Case{"&amp;", "&amp;amp;"},
                          Case{"\" onmouseover=\"x", "&quot; onmouseover=&quot;x"},
                          Case{"</title><title>", "&lt;/title&gt;&lt;title&gt;"},
                          Case{"tab\tline\nreturn\r", "tab\tline\nreturn\r"},
                          Case{"bell\x07", "bell" + fffd},
                          Case{"del\x7F", "del" + fffd},
                          Case{"c1\xC2\x85", "c1" + fffd},                 // U+0085
                          Case{"nonchar\xEF\xBF\xBE", "nonchar" + fffd},   // U+FFFE
                          Case{"\xEF\xB7\x90", fffd},                      // U+FDD0
                          Case{"bad\xFF", "bad" + fffd},
                          Case{"overlong\xC0\xAF", "overlong" + fffd + fffd},
                          Case{"cut\xE4\xBD", "cut" + fffd + fffd},
                          Case{"surrogate\xED\xA0\x80", "surrogate" + fffd},
                          Case{"𠀀 U+20000", "𠀀 U+20000"},
                          Case{"", ""}}) {
        INFO(c.in);
        CHECK(html_escape(c.in) == c.out);
    }
}

TEST_CASE("a page id is 1-64 ASCII letters, digits, - and ., never starting with .", "[site]") {
    struct Case { std::string id, why; };
    for (const Case& c : {Case{"dibao-apply", ""}, Case{"social-assistance.6f78be59", ""}, Case{std::string(64, 'a'), ""},
                          Case{"", "is empty"},
                          Case{std::string(65, 'a'), "is longer than 64 bytes"},
                          Case{".hidden", "starts with '.'"}, Case{"..", "starts with '.'"},
                          Case{"a/b", "holds a character other than ASCII letters, digits, '-' and '.'"},
                          Case{"a b", "holds a character other than ASCII letters, digits, '-' and '.'"},
                          Case{"低保", "holds a character other than ASCII letters, digits, '-' and '.'"},
                          Case{"a%2e", "holds a character other than ASCII letters, digits, '-' and '.'"}}) {
        INFO(c.id);
        CHECK(page_id_problem(c.id) == c.why);
    }
    CHECK(item_page_path("dibao-apply") == "item/dibao-apply.html");
    CHECK(notice_page_path("free-information") == "notice/free-information.html");
    CHECK(domain_page_path("employment") == "domain/employment.html");
}

TEST_CASE("render_site refuses a catalogue with an id no page can be named by, naming it", "[site]") {
    Catalogue cat;
    cat.name = "t";
    cat.domains.push_back({"d", "领域", ""});
    cat.notices.push_back({"../../etc/passwd", "x", "y", "", "", "", ""});
    auto pages = render_site(cat, "2026-11-26");
    REQUIRE_FALSE(pages);
    CHECK(pages.error().code == CatalogueError::SiteUnsafeId);
    CHECK(pages.error().describe() ==
          "SiteUnsafeId: an id cannot be used as the name of a web page (notice id \"../../etc/passwd\" starts with '.')");
}

TEST_CASE("the import refuses notice, guide and domain ids that cannot name a web page", "[site][publish]") {
    TempDir dir;
    std::string src = copy_source(dir);
    std::string notices = slurp(src + "/notices.toml");
    notices.replace(notices.find("id = \"free-information\""), std::string("id = \"free-information\"").size(), "id = \"free/information\"");
    write_file(src + "/notices.toml", notices);
    std::string guide = slurp(src + "/guides/02-temporary-assistance.toml");
    guide.replace(guide.find("id = \"temporary-assistance\""), std::string("id = \"temporary-assistance\"").size(),
                  "id = \"" + std::string(65, 'x') + "\"");
    write_file(src + "/guides/02-temporary-assistance.toml", guide);
    std::string main = slurp(src + "/catalogue.toml");
    main.replace(main.find("id = \"employment\""), std::string("id = \"employment\"").size(), "id = \"" + std::string(56, 'e') + "\"");
    write_file(src + "/catalogue.toml", main);
    ImportResult r = import_source(src);
    std::vector<std::string> seen;
    for (auto& p : r.problems) seen.push_back(format_problem(p));
    INFO(Catch::Detail::stringify(seen));
    auto has = [&](const std::string& fragment) {
        return std::any_of(seen.begin(), seen.end(), [&](auto& s) { return s.find(fragment) != std::string::npos; });
    };
    CHECK(has("notices.toml:"));
    CHECK(has("公告 id 只能用字母、数字和 -：free/information"));
    CHECK(has("id 最长 64 个字符（用作网页文件名和二维码网址）：" + std::string(65, 'x')));
    CHECK(has("领域 id 最长 55 个字符（用作网页文件名和二维码网址）：" + std::string(56, 'e')));
}

TEST_CASE("the site's section labels are the kiosk's zh-CN wording", "[site]") {
    const SiteLabels& site = site_labels();
    const UiStrings& kiosk = *find_ui_strings("zh-CN");
    CHECK(site.what == kiosk.what);
    CHECK(site.who == kiosk.who);
    CHECK(site.bring == kiosk.bring);
    CHECK(site.steps == kiosk.steps);
    CHECK(site.where == kiosk.where);
    CHECK(site.how_long == kiosk.how_long);
    CHECK(site.fee == kiosk.fee);
    CHECK(site.workflow == kiosk.workflow);
    CHECK(site.basis == kiosk.basis);
    CHECK(site.contacts == kiosk.contacts);
    CHECK(site.publishes == kiosk.publishes);
    CHECK(site.when_published == kiosk.when_published);
    CHECK(site.who_publishes == kiosk.who_publishes);
    CHECK(site.where_published == kiosk.where_published);
    CHECK(site.standard == kiosk.standard);
    CHECK(site.related == kiosk.related);
    CHECK(site.guide_intro == kiosk.guide_intro);
    CHECK(site.key_facts == kiosk.key_facts);
    CHECK(site.key_where == kiosk.key_where);
    CHECK(site.gloss_audience_all == kiosk.gloss_audience_all);
    CHECK(site.gloss_audience_group == kiosk.gloss_audience_group);
    CHECK(site.gloss_mode_active == kiosk.gloss_mode_active);
    CHECK(site.gloss_mode_request == kiosk.gloss_mode_request);
    CHECK(site.gloss_tier_county == kiosk.gloss_tier_county);
    CHECK(site.gloss_tier_township == kiosk.gloss_tier_township);
    CHECK(site.valid_period == kiosk.valid_period);
    CHECK(site.content_label == kiosk.content_label);
    CHECK(site.guide_tag == kiosk.guide_tag);
    CHECK(site.notices == kiosk.notices);
    CHECK(site.home == kiosk.home);
    CHECK(site.std_name == kiosk.std_name);
    CHECK(site.std_content == kiosk.std_content);
    CHECK(site.std_basis == kiosk.std_basis);
    CHECK(site.std_time_limit == kiosk.std_time_limit);
    CHECK(site.std_bodies == kiosk.std_bodies);
    CHECK(site.std_channels == kiosk.std_channels);
    CHECK(site.std_audience == kiosk.std_audience);
    CHECK(site.std_mode == kiosk.std_mode);
    CHECK(site.std_tier == kiosk.std_tier);
    CHECK(site.workflow_actor == kiosk.workflow_actor);
    CHECK(site.workflow_time == kiosk.workflow_time);
}

TEST_CASE("the validator refuses broken pages, so its silence on ours means something", "[site]") {
    TempDir dir;
    const std::string head = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>t</title>\n</head>\n";
    write_file(dir.file("good.html"), head + "<body>\n<p>低保 &amp; 救助</p>\n</body>\n</html>\n");
    Run good = tidy(dir.file("good.html"));
    CHECK(good.status == 0);
    CHECK(good.err.empty());
    // What a missing escape or a generator bug produces. Tidy's blind spots, measured: a
    // lone "<" before a space, "&" before a Chinese character, and text directly inside
    // <ul> pass — html_escape's own test covers the first two.
    struct Case { const char* name; std::string body; const char* says; };
    for (const Case& c : {Case{"an unescaped ampersand", "<p>R&D 低保</p>", "unescaped & or unknown entity \"&D\""},
                          Case{"an unescaped less-than", "<p>A<B 低保</p>", "missing </b>"},
                          Case{"a quote in an attribute", "<p><a href=\"x\"y\">z</a></p>", "missing trailing quote mark"},
                          Case{"an unclosed element", "<p><b>bold</p>", "missing </b>"},
                          Case{"a stray end tag", "<p>x</p></div>", "discarding unexpected </div>"},
                          Case{"an empty paragraph", "<p></p>", "trimming empty <p>"}}) {
        INFO(c.name);
        write_file(dir.file("bad.html"), head + "<body>\n" + c.body + "\n</body>\n</html>\n");
        Run bad = tidy(dir.file("bad.html"));
        INFO(bad.err);
        CHECK(bad.status != 0);
        CHECK(bad.err.find(c.says) != std::string::npos);
    }
    write_file(dir.file("untitled.html"), "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n</head>\n"
                                          "<body>\n<p>x</p>\n</body>\n</html>\n");
    Run untitled = tidy(dir.file("untitled.html"));
    CHECK(untitled.status != 0);
    CHECK(untitled.err.find("inserting missing 'title' element") != std::string::npos);
}

TEST_CASE("gongkai-publish build writes a valid page for the index, every domain, item and notice", "[site][publish]") {
    PublishedSite s;
    std::vector<std::string> pages = {"index.html"};
    for (auto& d : s.cat.domains) pages.push_back(domain_page_path(d.id));
    for (auto& i : s.cat.items) pages.push_back(item_page_path(i.id));
    // Every notice but a result list outside its window at the build (the demo's 低保审核公示
    // is public 2026-11-30 – 12-06 only); every 解读 and 回应.
    const std::time_t built = std::time(nullptr);
    size_t notices = 0;
    for (auto& n : s.cat.notices)
        if (!n.results || notice_in_force(n, built)) {
            pages.push_back(notice_page_path(n.id));
            notices++;
        }
    for (auto& in : s.cat.interpretations) pages.push_back(interpretation_page_path(in.id));
    for (auto& r : s.cat.responses) pages.push_back(response_page_path(r.id));
    CHECK(notices >= 5);
    CHECK(pages.size() == 1 + 7 + 128 + notices + 3 + 3);
    CHECK(std::filesystem::is_regular_file(s.site + "/site.css"));
    std::set<std::string> targets;
    for (auto& page : pages) {
        INFO(page);
        REQUIRE(std::filesystem::is_regular_file(s.site + "/" + page));
        Run v = tidy(s.site + "/" + page);
        INFO(v.err);
        CHECK(v.status == 0);
        CHECK(v.err.empty());
        const std::string html = s.page(page);
        CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
        CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
        CHECK(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">") != std::string::npos);
        CHECK(html.find("<script") == std::string::npos);
        // Every link relative and pointing at a page of the site: it works under any base
        // URL and from file://.
        const std::filesystem::path dir = std::filesystem::path(page).parent_path();
        for (auto& link : links_of(html)) {
            INFO(link);
            CHECK_FALSE(link.starts_with("/"));
            CHECK(link.find("://") == std::string::npos);
            auto target = (std::filesystem::path(s.site) / dir / link).lexically_normal();
            CHECK(std::filesystem::is_regular_file(target));
            targets.insert(std::filesystem::relative(target, s.site).string());
        }
    }
    // Every domain and item page is reachable from the index by links.
    for (auto& page : pages)
        if (!page.starts_with("notice/") && page != "index.html") CHECK(targets.count(page));

    // An item page: its title, the plain-language sections in the kiosk's order, the standard.
    const std::string dibao = s.page("item/dibao-apply.html");
    CHECK(dibao.find("<title>最低生活保障申请 / 徐汇区基层政务公开标准目录（演示）</title>") != std::string::npos);
    CHECK(dibao.find("<h1>最低生活保障申请</h1>") != std::string::npos);
    size_t last = 0;
    // The key facts are a table under 办事要点, before the rest, as on the kiosk.
    for (const char* th : {"在哪里办", "多久办好", "要不要钱", "咨询电话"}) {
        INFO(th);
        const size_t at = dibao.find(std::string("<th scope=\"row\">") + th + "</th>");
        CHECK(at > dibao.find("<h2>办事要点"));
        CHECK(at < dibao.find("<h2>这是什么"));
    }
    for (const char* h : {"办事要点", "这是什么", "谁可以办", "要带什么", "您要怎么做", "交了材料以后", "政策依据", "公开标准"}) {
        INFO(h);
        size_t at = dibao.find(std::string("<h2>") + h);
        CHECK(at != std::string::npos);
        CHECK(at > last);
        last = at;
    }
    for (const char* th : {"公开事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"})
        CHECK(dibao.find(std::string("<th scope=\"row\">") + th + "</th>") != std::string::npos);
    // The index lists the current notices only (the demo's expired one is not there).
    const std::string index = s.page("index.html");
    CHECK(index.find("notice/free-information.html") != std::string::npos);
    CHECK(index.find("notice/employment-services-2026-h1.html") == std::string::npos);
    // A domain page: guides first, then the directory rows.
    const std::string assistance = s.page("domain/social-assistance.html");
    CHECK(assistance.find("<h2>办事指南</h2>") < assistance.find("<h2>公开事项目录</h2>"));
    CHECK(assistance.find("../item/dibao-apply.html") < assistance.find("<h2>公开事项目录</h2>"));
}

TEST_CASE("the site shows each notice's category, a result list only within its window, and 解读 and 回应 linked both ways",
          "[site][disclosure]") {
    TempDir dir;
    const std::string src = dir.file("source"), site = dir.file("site");
    std::filesystem::copy(std::filesystem::path(GONGKAI_TESTS_DIR) / "data" / "disclosure", src,
                          std::filesystem::copy_options::recursive);
    ImportResult r = import_source(src);
    REQUIRE(r.problems.empty());
    std::time_t before, during, after;
    REQUIRE(parse_rfc3339("2026-11-29T23:59:00+08:00", &before));
    REQUIRE(parse_rfc3339("2026-12-02T10:00:00+08:00", &during));  // the list's third day; the water cut's hours
    REQUIRE(parse_rfc3339("2026-12-07T00:00:00+08:00", &after));
    const std::string list_page = notice_page_path("dibao-review-2026-12");

    // Every page at each moment validates, and every link on it leads to a page of the site.
    auto build = [&](std::time_t now) {
        auto pages = render_site(r.catalogue, now);
        REQUIRE(pages);
        REQUIRE_FALSE(static_cast<bool>(write_site(site, *pages)));
        for (auto& p : *pages) {
            if (!p.path.ends_with(".html")) continue;
            INFO(p.path);
            Run v = tidy(site + "/" + p.path);
            INFO(v.err);
            CHECK(v.status == 0);
            const auto dir_of = std::filesystem::path(p.path).parent_path();
            for (auto& link : links_of(p.content)) {
                INFO(link);
                CHECK(std::filesystem::is_regular_file((std::filesystem::path(site) / dir_of / link).lexically_normal()));
            }
        }
        return *pages;
    };
    auto has_page = [](const std::vector<SitePage>& pages, const std::string& path) {
        return std::any_of(pages.begin(), pages.end(), [&](const SitePage& p) { return p.path == path; });
    };

    // Before its window the list is not public: no page, no card.
    CHECK_FALSE(has_page(build(before), list_page));
    CHECK(slurp(site + "/index.html").find("dibao-review-2026-12") == std::string::npos);

    REQUIRE(has_page(build(during), list_page));
    const std::string list = slurp(site + "/" + list_page);
    CHECK(list.find("<span class=\"tag\">结果公开</span>") != std::string::npos);
    CHECK(list.find("公示期：2026年11月30日至2026年12月6日（7天）") != std::string::npos);
    CHECK(list.find("<tr><th scope=\"col\">姓名</th><th scope=\"col\">家庭人数</th>") != std::string::npos);
    CHECK(list.find("<tr><td>张*明</td><td>3</td><td>4530</td><td>新申请</td></tr>") != std::string::npos);
    CHECK(list.find("<td>联系电话＊＊＊</td>") != std::string::npos);
    CHECK(list.find("张小明") == std::string::npos);
    CHECK(list.find("13812345678") == std::string::npos);
    CHECK(list.find("<meta name=\"robots\" content=\"noindex, noarchive\">") != std::string::npos);
    // The index: notices in force grouped by category in the standard's order, urgent tagged.
    const std::string index = slurp(site + "/index.html");
    const size_t decision = index.find("<h3>决策公开</h3>"), management = index.find("<h3>管理公开</h3>"),
                 service = index.find("<h3>服务公开</h3>"), result = index.find("<h3>结果公开</h3>");
    CHECK(decision < management);
    CHECK(management < service);
    CHECK(service < result);
    CHECK(result != std::string::npos);
    CHECK(index.find("<h3>执行公开</h3>") == std::string::npos);  // no notice of that category
    CHECK(index.find("<a href=\"notice/water-cut.html\">漕河泾街道停水通知</a><span class=\"tag urgent\">紧急</span>") != std::string::npos);
    CHECK(index.find("<a href=\"interpretation/dibao-standard-2027-explained.html\">") != std::string::npos);
    CHECK(index.find("<a href=\"response/dibao-review-time.html\">") != std::string::npos);
    CHECK(slurp(site + "/notice/water-cut.html").find("有效期：2026年12月2日 08:00至2026年12月2日 18:00") != std::string::npos);
    // The item and the notice a 解读 names link to it, and it back to them.
    const std::string item = slurp(site + "/item/dibao-apply.html");
    CHECK(item.find("<h2>政策解读</h2>") != std::string::npos);
    CHECK(item.find("<a href=\"../interpretation/dibao-standard-2027-explained.html\">一图读懂2027年低保标准调整</a>") != std::string::npos);
    CHECK(item.find("<h2>回应关切</h2>") != std::string::npos);
    CHECK(item.find("<a href=\"../response/dibao-review-time.html\">低保申请要多久才有结果？</a>") != std::string::npos);
    const std::string decision_notice = slurp(site + "/notice/dibao-standard-2027.html");
    CHECK(decision_notice.find("<span class=\"tag\">决策公开</span>") != std::string::npos);
    CHECK(decision_notice.find("../interpretation/dibao-standard-2027-explained.html") != std::string::npos);
    const std::string interpretation = slurp(site + "/interpretation/dibao-standard-2027-explained.html");
    CHECK(interpretation.find("<h1>一图读懂2027年低保标准调整</h1>") != std::string::npos);
    CHECK(interpretation.find("发布日期：2026年11月20日") != std::string::npos);
    const size_t changed = interpretation.find("<h2>有什么变化</h2>"), who = interpretation.find("<h2>和谁有关</h2>"),
                 todo = interpretation.find("<h2>您要怎么做</h2>");
    CHECK(changed < who);
    CHECK(who < todo);
    CHECK(todo != std::string::npos);
    CHECK(interpretation.find("../item/dibao-apply.html") != std::string::npos);
    CHECK(interpretation.find("../notice/dibao-standard-2027.html") != std::string::npos);
    const std::string response = slurp(site + "/response/dibao-review-time.html");
    CHECK(response.find("<h1>低保申请要多久才有结果？</h1>") != std::string::npos);
    CHECK(response.find("答复日期：2026年11月18日、问题来源：12345热线") != std::string::npos);
    CHECK(response.find("<h2>答复</h2>") != std::string::npos);
    CHECK(response.find("../item/dibao-apply.html") != std::string::npos);

    // An interpretation whose window has ended is not offered beside the item any more.
    Catalogue ended = r.catalogue;
    ended.interpretations.at(0).valid_until = "2026-12-01";
    auto ended_pages = render_site(ended, during);
    REQUIRE(ended_pages);
    for (auto& p : *ended_pages)
        if (p.path == "item/dibao-apply.html" || p.path == "index.html") {
            INFO(p.path);
            CHECK(p.content.find("interpretation/dibao-standard-2027-explained.html") == std::string::npos);
            CHECK(p.content.find("response/dibao-review-time.html") != std::string::npos);
        }

    // The first build after the window: the list's page is gone from the site, names and all.
    CHECK_FALSE(has_page(build(after), list_page));
    CHECK_FALSE(std::filesystem::exists(site + "/" + list_page));
    CHECK(slurp(site + "/index.html").find("<h3>结果公开</h3>") == std::string::npos);
}

TEST_CASE("a hostile title is escaped on every page that shows it, and those pages still validate", "[site][publish]") {
    TempDir dir;
    std::string src = copy_source(dir);
    const std::string hostile = "<script>alert(\\\"x\\\")</script> & 'quoted' </title>";
    std::string guide = slurp(src + "/guides/02-temporary-assistance.toml");
    guide.replace(guide.find("title = \"临时救助申请\""), std::string("title = \"临时救助申请\"").size(), "title = \"" + hostile + "\"");
    write_file(src + "/guides/02-temporary-assistance.toml", guide);
    PublishedSite s(src);
    const std::string escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &lt;/title&gt;";
    for (const char* page : {"item/temporary-assistance.html", "domain/social-assistance.html"}) {
        INFO(page);
        const std::string html = s.page(page);
        CHECK(html.find(escaped) != std::string::npos);
        CHECK(html.find("<script") == std::string::npos);
        Run v = tidy(s.site + "/" + page);
        INFO(v.err);
        CHECK(v.status == 0);
    }
    CHECK(s.page("item/temporary-assistance.html").find("<h1>" + escaped + "</h1>") != std::string::npos);
}

TEST_CASE("a rebuild removes a withdrawn item's page, and a build that cannot write its pages leaves every page as it was",
          "[site][publish][hostile]") {
    TempDir dir;
    std::string src = copy_source(dir);
    PublishedSite s(src);
    const std::string withdrawn = "item/illegal-construction-report.html";
    REQUIRE(std::filesystem::exists(s.site + "/" + withdrawn));

    SECTION("withdrawn") {
        std::filesystem::remove(src + "/guides/23-illegal-construction-report.toml");
        write_file(s.site + "/item/left-by-a-crash.html.tmp", "<p>half a pa");
        write_file(s.site + "/item/notes.txt", "not a page: kept");
        Run b = publish("build --source " + src + " --secret-key " + s.dir.file("sk") + " --out " + s.site);
        INFO(b.err);
        REQUIRE(b.status == 0);
        CHECK_FALSE(std::filesystem::exists(s.site + "/" + withdrawn));
        CHECK(std::filesystem::exists(s.site + "/item/dibao-apply.html"));
        CHECK(s.page("domain/urban-management.html").find("illegal-construction-report") == std::string::npos);
        CHECK_FALSE(std::filesystem::exists(s.site + "/item/left-by-a-crash.html.tmp"));
        CHECK(s.page("item/notes.txt") == "not a page: kept");
    }
    SECTION("a page that cannot be staged") {
        // A directory where the staged file must go: open(O_CREAT) fails with EISDIR, as a
        // full disk or a read-only file would fail it — and tests run as root, whom
        // permissions do not stop.
        const std::string index_before = s.page("index.html"), manifest_before = s.page("manifest.json");
        std::filesystem::create_directories(s.site + "/item/zz-blocker.html.tmp");
        std::filesystem::create_directories(s.site + "/item/social-security-card.html.tmp");
        write_file(src + "/notices.toml", slurp(src + "/notices.toml") + "\n[[notice]]\nid = \"new\"\ntitle = \"新通知\"\nbody = \"正文\"\n");
        Run b = publish("build --source " + src + " --secret-key " + s.dir.file("sk") + " --out " + s.site);
        CHECK(b.status == 1);
        CHECK(b.err.find("gongkai-publish: cannot write the web pages: FileWriteFailed: a file could not be written (create " +
                         s.site + "/item/social-security-card.html.tmp: Is a directory)") != std::string::npos);
        CHECK(s.page("index.html") == index_before);
        CHECK(s.page("manifest.json") == manifest_before);
        CHECK_FALSE(std::filesystem::exists(s.site + "/notice/new.html"));
        // No staged file is left behind; only the test's own directories.
        std::vector<std::string> leftovers;
        for (auto& e : std::filesystem::recursive_directory_iterator(s.site))
            if (e.path().string().ends_with(".tmp")) leftovers.push_back(std::filesystem::relative(e.path(), s.site).string());
        std::sort(leftovers.begin(), leftovers.end());
        CHECK(leftovers == std::vector<std::string>{"item/social-security-card.html.tmp", "item/zz-blocker.html.tmp"});
    }
}

//-----------------------------------------------------------------------------
// The QR code
//-----------------------------------------------------------------------------

TEST_CASE("encode_qr refuses by name an empty text, a NUL and a text over 256 bytes", "[qr]") {
    auto empty = encode_qr("");
    REQUIRE_FALSE(empty);
    CHECK(empty.error().describe() == "QrTextTooLong: the web address is empty or too long for a QR code the kiosk shows (the text is empty)");
    auto nul = encode_qr(std::string_view("https://a/\0b", 12));
    REQUIRE_FALSE(nul);
    CHECK(nul.error().code == KioskError::QrTextTooLong);
    auto big = encode_qr(std::string(257, 'a'));
    REQUIRE_FALSE(big);
    CHECK(big.error().detail == "257 bytes, at most 256");
    auto longest = encode_qr("https://" + std::string(248, 'a'));
    REQUIRE(longest);
    CHECK(longest->modules == 65);  // version 12 at level M
    auto typical = encode_qr("https://gk.xuhui.gov.cn/item/social-assistance.6f78be59.html");
    REQUIRE(typical);
    CHECK(typical->modules == 33);  // version 4
    CHECK(typical->dark.size() == 33u * 33u);
    // The finder pattern's corners are dark, its inner ring light.
    CHECK(typical->is_dark(0, 0));
    CHECK_FALSE(typical->is_dark(1, 1));
    CHECK(typical->is_dark(2, 2));
}

TEST_CASE("a module is a whole number of pixels: 200 design px for the code, never under 4", "[qr]") {
    CHECK(qr_module_px(33, 1.0f) == 6);    // 198 px: 49 mm on a 21.5-inch panel
    CHECK(qr_module_px(37, 1.0f) == 5);    // 185 px
    CHECK(qr_module_px(65, 1.0f) == 4);    // the floor: 260 px
    CHECK(qr_module_px(21, 2.0f) == 19);   // a 4K panel: the same millimetres
    CHECK(qr_module_px(33, 0.3f) == 1);    // a 320-px window: at least one pixel
    QrCode code;
    code.modules = 33;
    CHECK(qr_side_px(code, 6) == (33 + 8) * 6);
}

TEST_CASE("the kiosk's item page shows a QR code of its web page, read back by zbarimg in every orientation and theme",
          "[qr][screenshot]") {
    TempDir dir;
    const std::string base = "https://gk.xuhui.gov.cn/";
    struct Case { const char* name; std::string route, size, extra, expect; };
    for (const Case& c : {Case{"portrait", "item/dibao-apply", "1080x1920", "", base + "item/dibao-apply.html"},
                          Case{"landscape", "item/dibao-apply", "1920x1080", "", base + "item/dibao-apply.html"},
                          Case{"high contrast", "item/social-assistance.6f78be59", "1080x1920",
                               "[display]\ntheme = \"high-contrast\"\n", base + "item/social-assistance.6f78be59.html"},
                          Case{"high contrast landscape, English", "item/residence-permit", "1920x1080",
                               "[display]\ntheme = \"high-contrast\"\nlanguage = \"en\"\n", base + "item/residence-permit.html"},
                          Case{"a notice", "notice/dibao-review-window", "1080x1920", "", base + "notice/dibao-review-window.html"},
                          Case{"a base URL without its final /", "item/dibao-apply", "1080x1920", "", base + "item/dibao-apply.html"}}) {
        INFO(c.name);
        std::string site = std::string(c.name) == "a base URL without its final /" ? "https://gk.xuhui.gov.cn" : base;
        std::string cfg = kiosk_config(dir, c.extra + "[site]\nbase_url = \"" + site + "\"\n");
        std::string png = dir.file("shot.png");
        Run shot = kiosk_cli("--config " + cfg + " --screenshot " + png + " --route " + c.route + " --size " + c.size);
        INFO(shot.err);
        REQUIRE(shot.status == 0);
        Run read = zbar(png);
        CHECK(read.status == 0);
        CHECK(read.out == c.expect + "\n");
    }
}

TEST_CASE("without a site base_url the kiosk shows no QR code", "[qr][screenshot]") {
    TempDir dir;
    for (const char* route : {"item/dibao-apply", "notice/dibao-review-window"}) {
        INFO(route);
        Run shot = kiosk_cli("--config " + kiosk_config(dir, "") + " --screenshot " + dir.file("shot.png") + " --route " + route);
        REQUIRE(shot.status == 0);
        Run read = zbar(dir.file("shot.png"));
        CHECK(read.status == 4);  // zbarimg: no symbol found
        CHECK(read.out.empty());
    }
    // The home and domain screens have no page of their own to take: no code, whatever the config.
    Run home = kiosk_cli("--config " + kiosk_config(dir, "[site]\nbase_url = \"https://gk.xuhui.gov.cn/\"\n") + " --screenshot " +
                         dir.file("home.png") + " --route domain/social-assistance");
    REQUIRE(home.status == 0);
    CHECK(zbar(dir.file("home.png")).status == 4);
}

TEST_CASE("the QR code's caption sits beside it in the kiosk's language, and the code is sharp black on white",
          "[qr][ui]") {
    struct Case { const char* language; const char* theme; };
    for (const Case c : {Case{"zh-CN", "standard"}, Case{"en", "high-contrast"}}) {
        INFO(c.language << " " << c.theme);
        Kiosk k(1080, 1920, [&](Config& cfg) {
            cfg.site_base_url = "https://gk.xuhui.gov.cn/";
            cfg.language = c.language;
            cfg.theme = c.theme;
        });
        k.app->navigate(*Route::parse("item/dibao-apply"));
        k.app->settle();
        const FrameRecord::Text* caption = k.app->frame().find_text(k.app->strings().take_away);
        REQUIRE(caption);
        std::string png = k.dir.file("shot.png");
        REQUIRE_FALSE(k.app->save_screenshot(png));
        CHECK(zbar(png).out == "https://gk.xuhui.gov.cn/item/dibao-apply.html\n");
        int w, h, n;
        unsigned char* data = stbi_load(png.c_str(), &w, &h, &n, 4);
        REQUIRE(data);
        std::vector<unsigned char> rgba(data, data + static_cast<size_t>(w) * h * 4);
        stbi_image_free(data);
        auto white = [&](int x, int y) {
            const unsigned char* p = &rgba[(static_cast<size_t>(y) * w + x) * 4];
            return p[0] == 255 && p[1] == 255 && p[2] == 255;
        };
        auto black = [&](int x, int y) {
            const unsigned char* p = &rgba[(static_cast<size_t>(y) * w + x) * 4];
            return p[0] == 0 && p[1] == 0 && p[2] == 0;
        };
        // The code's square, found from the caption's middle row: its left column and top
        // row lie in the white quiet zone, whatever the background around it.
        const int row = static_cast<int>((caption->min.y + caption->max.y) / 2);
        int left = 0;
        while (left < caption->min.x && !white(left, row)) left++;
        int top = row;
        while (top > 0 && white(left, top - 1)) top--;
        int bottom = row;
        while (bottom + 1 < h && white(left, bottom + 1)) bottom++;
        const int side = bottom - top + 1;
        const int module = qr_module_px(33, 1.0f);  // the address is 45 bytes: version 4
        CHECK(side == (33 + 2 * kQrQuietModules) * module);
        CHECK(caption->min.x > left + side);  // beside the code, to its right
        int off = 0, quiet_dark = 0;
        for (int y = top; y < top + side; y++)
            for (int x = left; x < left + side; x++) {
                off += !(white(x, y) || black(x, y));  // a blurred edge or a theme colour
                const bool quiet = x < left + kQrQuietModules * module || x >= left + side - kQrQuietModules * module ||
                                   y < top + kQrQuietModules * module || y >= top + side - kQrQuietModules * module;
                quiet_dark += quiet && !white(x, y);
            }
        CHECK(off == 0);
        CHECK(quiet_dark == 0);
        // Modules are whole pixels: the top-left finder pattern's dark ring starts exactly
        // one quiet zone in, and is `module` pixels thick.
        const int fx = left + kQrQuietModules * module, fy = top + kQrQuietModules * module;
        CHECK(black(fx, fy));
        CHECK(white(fx - 1, fy));
        CHECK(black(fx + module - 1, fy + module - 1));
        CHECK(white(fx + module, fy + module));
    }
}

TEST_CASE("round trip: the QR code on the kiosk opens the published page over HTTPS, and it shows the item",
          "[qr][site][nginx]") {
    Nginx nginx;
    PublishedSite s(assets_dir().string(), nginx.site_dir("site"));
    TempDir device;
    const std::string cfg = kiosk_config(device, "[site]\nbase_url = \"" + nginx.url("site/") + "\"\n");
    for (const Item* item : std::vector<const Item*>{s.cat.find_item("dibao-apply"), &s.cat.items.back()}) {
        INFO(item->id);
        const std::string png = device.file("shot.png");
        Run shot = kiosk_cli("--config " + cfg + " --screenshot " + png + " --route item/" + item->id + " --size 1080x1920");
        REQUIRE(shot.status == 0);
        Run read = zbar(png);
        REQUIRE(read.status == 0);
        const std::string url = read.out.substr(0, read.out.find('\n'));
        CHECK(url == nginx.url("site/item/" + item->id + ".html"));
        // What a resident's phone does: GET it over HTTPS, the server's certificate checked.
        Run get = run("curl", "--silent --show-error --fail --cacert " + TestPki::get().ca + " '" + url + "'");
        INFO(get.err);
        REQUIRE(get.status == 0);
        CHECK(get.out.find("<h1>" + html_escape(item->title) + "</h1>") != std::string::npos);
        CHECK(get.out.find("<meta charset=\"utf-8\">") != std::string::npos);
    }
}

//-----------------------------------------------------------------------------
// Benchmark (hidden; run by hand, numbers in docs/performance.md)
//-----------------------------------------------------------------------------

TEST_CASE("site benchmark: rendering and writing the web pages by catalogue size", "[.bench][site]") {
    for (int n : {1000, 10000, 50000}) {
        Catalogue cat = synthetic_catalogue(n, 1000 + n, 3);
        TempDir dir;
        auto t0 = std::chrono::steady_clock::now();
        auto pages = render_site(cat, "2026-11-26");
        REQUIRE(pages);
        auto t1 = std::chrono::steady_clock::now();
        REQUIRE_FALSE(write_site(dir.file("site"), *pages));
        auto t2 = std::chrono::steady_clock::now();
        REQUIRE_FALSE(write_site(dir.file("site"), *pages));  // a rebuild over the same pages
        auto t3 = std::chrono::steady_clock::now();
        size_t bytes = 0;
        for (auto& p : *pages) bytes += p.content.size();
        auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
        std::printf("bench: site items=%d pages=%zu bytes=%zu render_ms=%.0f write_ms=%.0f rewrite_ms=%.0f\n", n,
                    pages->size(), bytes, ms(t0, t1), ms(t1, t2), ms(t2, t3));
    }
}
