// The catalogue as a static website for residents' phones — "take it home": the kiosk
// shows a QR code of <base_url>item/<id>.html, and this is what it opens. Rendering is a
// pure function of the model (one function per page kind); write_site puts the pages
// into the published site directory beside the manifest, staged and renamed so a failed
// build never replaces a good page. Layout of the site: docs/deploy.md.
//
//   index.html             the notices in force, by 五公开 category; the domains;
//                          the interpretations in force and the responses
//   domain/<id>.html       a domain: its service guides, then its directory rows by 一级事项
//   item/<id>.html         an item, in the kiosk item page's order, then its 公开标准 table,
//                          then the 解读 and 回应 that name it
//   notice/<id>.html       a notice: its category, window, result list, 解读 and 回应 —
//                          a 结果公开 list only while its window is open at the build
//   interpretation/<id>.html  a 政策解读: what changed, who it affects, what to do
//   response/<id>.html     a 回应关切: the question, the office's answer
//   site.css               the one style sheet (no JavaScript anywhere)
//
// Every link is relative ("../item/<id>.html"), so the site works under any base URL and
// from file://. Every catalogue string is HTML-escaped by html_escape.
#pragma once
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue_errors.h"
#include "model.h"

namespace gongkai {

// Longest id a page may be named by, in bytes. Ids become file names and URLs in QR codes:
// the longest demo id is 26 bytes (social-assistance.6f78be59); 64 leaves room for longer
// domain names while "notice/<id>.html" stays far below a file name's 255 bytes and a
// phone-scannable QR code (kiosk/qr_code.h bounds the whole URL).
inline constexpr size_t kMaxPageIdBytes = 64;

// Why `id` cannot name a page (its file and its URL path), or "" when it can: 1 to
// kMaxPageIdBytes of ASCII letters, digits, '-' and '.', not starting with '.' (no
// hidden file, no "..": a directory row's id is "<domain>.<8 hex>"). Nothing here needs
// percent-encoding in a URL.
std::string page_id_problem(std::string_view id);

// A page's path under the site root, which is also its URL relative to base_url.
std::string item_page_path(std::string_view id);
std::string notice_page_path(std::string_view id);
std::string domain_page_path(std::string_view id);
std::string interpretation_page_path(std::string_view id);
std::string response_page_path(std::string_view id);

// Text for HTML text and quoted attribute values: & < > " ' become character references;
// bytes that are not UTF-8, and code points HTML forbids in a document (C0 controls but
// tab, line feed and carriage return; DEL; C1 controls; noncharacters), become U+FFFD.
std::string html_escape(std::string_view text);

// The fixed words of the pages (Simplified Chinese, the site's language). The section
// titles are the kiosk's zh-CN wording (kiosk/ui_strings.cpp), so a resident finds the
// same headings on the phone as on the screen; a test holds the two equal.
struct SiteLabels {
    std::string home, notices, domains, guides, directory, items_suffix, guide_tag, footer;
    // Item page, as the kiosk's
    std::string what, who, bring, steps, where, how_long, fee, workflow, basis, contacts;
    std::string publishes, when_published, who_publishes, where_published, standard, related, guide_intro, content_label;
    std::string std_name, std_content, std_basis, std_time_limit, std_bodies, std_channels, std_audience, std_mode,
        std_tier, workflow_actor, workflow_time;
    // The key facts card and the standard's terms in plain words, as the kiosk's
    std::string key_facts, key_where, gloss_audience_all, gloss_audience_group, gloss_mode_active, gloss_mode_request,
        gloss_tier_county, gloss_tier_township, valid_period;
    // Issue 11: 解读, 回应, result lists, urgent notices
    std::string interpretations, responses, what_changed, who_affected, what_to_do, published, answered, asked_via,
        question, answer, urgent, other_notices, results, results_note, public_period, days_suffix;
    std::string colon, list_separator, open_paren, close_paren, title_separator, crumb_separator, date_range;
};
const SiteLabels& site_labels();

// One page kind each; pure functions of the catalogue and the build's moment `now` (what
// is in force: model.h in_force, district time).
std::string render_index_page(const Catalogue& cat, std::time_t now);
std::string render_domain_page(const Catalogue& cat, const Domain& domain);
// An item's and a notice's page link the 解读 in force at `now` and every 回应 that name them.
std::string render_item_page(const Catalogue& cat, const Item& item, std::time_t now);
// A result list's table only while the notice is in force at `now`.
std::string render_notice_page(const Catalogue& cat, const Notice& notice, std::time_t now);
std::string render_interpretation_page(const Catalogue& cat, const Interpretation& interpretation, std::time_t now);
std::string render_response_page(const Catalogue& cat, const Response& response, std::time_t now);
std::string_view site_css();

struct SitePage {
    std::string path;  // relative to the site root: "item/dibao-apply.html"
    std::string content;
};

// Every page of the site at the build's moment `now`: index.html lists the notices and
// interpretations in force then; every notice, interpretation and response gets its page
// but a 结果公开 list outside its window (before it: not yet public; after: its names
// must go — the site is static, so the page goes at the first build after the window
// ends, and write_site deletes it). SiteUnsafeId naming the first id that page_id_problem
// refuses (nothing is rendered then).
Result<std::vector<SitePage>> render_site(const Catalogue& cat, std::time_t now);
// The same at noon, district time, of `today` (YYYY-MM-DD).
Result<std::vector<SitePage>> render_site(const Catalogue& cat, std::string_view today);

// The directories write_site owns under the site root: every *.html in them that the new
// pages do not include is deleted, so a withdrawn item's page does not live on with
// outdated rules.
inline constexpr const char* kSitePageDirectories[] = {"domain", "item", "notice", "interpretation", "response"};

// Writes `pages` under `site_dir`:
//   1. stage every page as <path>.tmp (a failure removes the staged files: the site is unchanged)
//   2. one syncfs: every staged byte is on disk
//   3. rename each staged page over its page, then fsync each directory
//   4. delete pages of the owned directories that `pages` lacks (and stale *.tmp)
// A reader sees each page whole, old or new. A crash in step 3 leaves some pages old and
// some new, each whole. FileWriteFailed naming the file and the step.
Error write_site(const std::string& site_dir, const std::vector<SitePage>& pages);

}  // namespace gongkai
