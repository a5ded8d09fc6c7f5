// The catalogue model: what the disclosure standard (公开事项标准) says an item is.
// Owns plain data only — no I/O. Import (source_import), the bundle and the cache
// all convert to and from these structs, so they are the one definition of the model.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace gongkai {

// 公开事项标准: the nine facts every directory row must carry.
struct DisclosureStandard {
    std::vector<std::string> content_elements;  // 公开内容（要素）
    std::vector<std::string> basis;             // 公开依据
    std::string time_limit;                     // 公开时限
    std::vector<std::string> bodies;            // 公开主体
    std::vector<std::string> channels;          // 公开渠道和载体 (ticked ■ only)
    std::vector<std::string> audience;          // 公开对象: 全社会 / 特定群体
    std::vector<std::string> mode;              // 公开方式: 主动 / 依申请
    std::vector<std::string> tier;              // 公开层级: 县级 / 乡级
};

// 办事指南 in plain language: what a resident needs at the window.
struct ServiceGuide {
    std::string summary;                    // what it is, one or two sentences
    std::vector<std::string> eligibility;   // who can apply
    std::vector<std::string> materials;     // what to bring (shown as a checklist)
    std::vector<std::string> steps;         // numbered steps
    std::string where;                      // where and when
    std::string time_limit;                 // how long it takes
    std::string fee;
    std::vector<std::string> basis;         // legal basis
    std::vector<std::string> contacts;
};

// One row of 工作流程清单: what happens after the resident applies.
struct WorkflowStep {
    std::string step;
    std::string actor;
    std::string detail;
    std::string time_limit;  // may be empty
};

enum class ItemKind { Directory, Guide };

// An entry a resident can open: a directory row (title = 二级事项) or a service guide.
struct Item {
    std::string id;         // stable across catalogue updates; used in routes, QR codes, feedback
    ItemKind kind = ItemKind::Directory;
    std::string domain_id;
    std::string level1;     // 一级事项: the group shown on the domain screen
    std::string title;
    std::string summary;    // one plain-language line for lists and search results
    std::optional<DisclosureStandard> standard;  // set for directory rows
    std::optional<ServiceGuide> guide;           // set for guides
    std::vector<std::string> links;              // ids of the items describing the same service
    std::vector<WorkflowStep> workflow;
    std::vector<std::string> terms;              // everyday words residents use (colloquial)
    // English, where the source gives it (optional; the kiosk shows the Chinese with a
    // marker where it is missing). guide_en holds the guide's sections in English; an
    // empty section there falls back to the Chinese one.
    std::string title_en, summary_en;
    std::optional<ServiceGuide> guide_en;
};

struct Domain {
    std::string id;       // ascii, stable: the route is domain/<id>
    std::string name;     // e.g. 社会救助
    std::string summary;  // one line on the home tile
    std::string name_en, summary_en;  // English, optional
};

// 五公开: the five disclosures the seed asks 发布、解读、回应 to follow across. Every notice
// names one (Unset only for sources written before the category existed: shown under
// 全部, never under a category).
enum class DisclosureCategory { Unset, Decision, Execution, Management, Service, Result };
inline constexpr DisclosureCategory kDisclosureCategories[] = {
    DisclosureCategory::Decision, DisclosureCategory::Execution, DisclosureCategory::Management,
    DisclosureCategory::Service, DisclosureCategory::Result};
// "决策公开" … "结果公开"; "" for Unset.
const char* category_name(DisclosureCategory c);
// "decision" … "result" (bundle, JSON); "" for Unset.
const char* category_id(DisclosureCategory c);
// Accepts the id, the full name (决策公开) or its first two characters (决策).
std::optional<DisclosureCategory> category_from_string(std::string_view s);

// 结果公开 lists such as 低保审核公示: a table of who was approved, shown only within its
// legal window. Personal names are masked at import (张*明, mask_person_name) and other
// personal numbers scrubbed, so a full name never leaves the office.
struct ResultList {
    std::vector<std::string> columns;               // 姓名, 家庭人数, 保障金额 …
    std::vector<std::vector<std::string>> rows;     // each as many cells as columns
    int public_days = 0;  // 公示期: the notice's valid_until is valid_from + public_days − 1
};

struct Notice {
    std::string id;
    std::string title;
    std::string body;
    std::string domain_id;    // may be empty
    std::string item_id;      // may be empty: the item the notice opens
    // When it is in force, in district time (UTC+8, see district_time below):
    // "YYYY-MM-DD" (from that day's 00:00 / through that day's 24:00) or
    // "YYYY-MM-DDTHH:MM" (from / until that minute); empty: no start / no end.
    std::string valid_from;
    std::string valid_until;
    std::string title_en, body_en;  // English, optional
    DisclosureCategory category = DisclosureCategory::Unset;
    // Urgent: a banner on every kiosk screen, a full page on home, first and repeated on
    // boards — on the devices it targets, while it is in force.
    bool urgent = false;
    // Which devices show it: both empty — every device; otherwise a device whose [hall] id
    // or name is in `halls`, or one of whose [hall] groups is in `groups`.
    std::vector<std::string> halls, groups;
    std::optional<ResultList> results;  // set for a 结果公开 list
};

// 政策解读: a decision or policy in plain language — what changed, who it affects, what to
// do — linked to the items and notices it explains.
struct Interpretation {
    std::string id;
    std::string title;
    std::string published;      // YYYY-MM-DD
    std::string what_changed;   // paragraphs separated by "\n"
    std::string who_affected;
    std::string what_to_do;
    std::vector<std::string> items, notices;  // ids it explains
    std::string valid_from, valid_until;      // as Notice's; empty: always
};

// 回应关切: a question the public raised and the office's answer, dated, linked.
struct Response {
    std::string id;
    std::string question;
    std::string answer;
    std::string asked_via;   // where it was raised: 12345热线, 留言板, 现场 …; may be empty
    std::string answered;    // YYYY-MM-DD
    std::vector<std::string> items, notices;  // ids it answers about
};

// 同义词表 (thesaurus): the words residents say → the words the catalogue uses. Editors
// maintain it in thesaurus.toml beside the catalogue (docs/catalogue.md); search expands a
// resident's words with it, and a service whose title or terms hold a `means` word can be
// found by any of the `words`, in characters, pinyin or initials (看病 → 就医, kanbing, kb).
struct ThesaurusEntry {
    std::vector<std::string> words;  // as residents say it: 看病, 瞧病
    std::vector<std::string> means;  // as the catalogue says it: 就医, 医疗, 医保
};

struct Catalogue {
    std::string name;
    std::int64_t version = 0;  // only increases; the embedded demo is 0
    std::string created;       // RFC 3339 UTC
    std::vector<Domain> domains;   // in display order
    std::vector<Item> items;       // in display order within a domain
    std::vector<Notice> notices;
    std::vector<ThesaurusEntry> thesaurus;
    std::vector<Interpretation> interpretations;
    std::vector<Response> responses;

    const Domain* find_domain(std::string_view id) const;
    const Item* find_item(std::string_view id) const;
};

// What a resident may type for an item: its title, 一级事项 and terms. The pinyin engine's
// catalogue words come from these; the cache reads them without building whole items
// (Cache::load_item_names).
struct ItemNames {
    std::string title, level1;
    std::vector<std::string> terms;
    bool operator==(const ItemNames&) const = default;
};
std::vector<ItemNames> item_names(const Catalogue& catalogue);  // in the catalogue's item order

const char* to_string(ItemKind kind);
std::optional<ItemKind> item_kind_from_string(std::string_view s);

// True if `notice` should be shown on `today` (YYYY-MM-DD): dates are inclusive.
bool notice_is_current(const Notice& notice, std::string_view today);
// True once `today` is past the notice's last day.
bool notice_has_expired(const Notice& notice, std::string_view today);

// [SECTION] In force, and for whom
// The moment a validity bound means (valid_from / valid_until above): a date's start is
// its 00:00, its end the next day's 00:00; a minute is itself. False for text that is
// neither (import refuses such text, so an installed catalogue has none).
bool validity_start(std::string_view from, std::time_t* out);
bool validity_end(std::string_view until, std::time_t* out);
// In force at `now`: start ≤ now < end (a missing bound is open).
bool in_force(std::string_view valid_from, std::string_view valid_until, std::time_t now);
bool notice_in_force(const Notice& notice, std::time_t now);
// Past its end at `now`.
bool notice_has_ended(const Notice& notice, std::time_t now);
// The device a notice may be meant for: its [hall] id and name, and its groups.
struct DeviceTarget {
    std::string hall_id, hall_name;
    std::vector<std::string> groups;
};
bool notice_targets(const Notice& notice, const DeviceTarget& device);

// 张三 → 张*, 张小明 → 张*明, 欧阳小明 → 欧*明 (first and last character kept, the rest
// one "*"); a single character stays "*". Text with no CJK character (an English name) is
// masked the same way by characters.
std::string mask_person_name(std::string_view name);

// [SECTION] Titles as residents see them
// A directory row's title is its 二级事项, and many departments title rows with the kind
// of document they publish (办事指南, 审批信息, 政策法规文件), so one domain can hold four
// cards that all say "办事指南". Such a row is shown as 一级事项 + title everywhere
// (domain lists, search results, the public website): "最低生活保障办事指南".
struct TitleParts {
    std::string_view domain_id, level1, title;
};
// True for a title that names a kind of document rather than a service; a parenthesised
// tail is ignored ("办事指南（多项救助合并）").
bool title_names_document_kind(std::string_view title);
// The title each row is shown with, in the same order: its own, or its 一级事项 joined
// to it when the title alone does not tell it apart — a document kind, or the same title
// under another 一级事项 of the same domain.
std::vector<std::string> display_titles(const std::vector<TitleParts>& rows);
// display_titles over a whole catalogue's items, in catalogue order.
std::vector<std::string> display_titles(const std::vector<Item>& items);

}  // namespace gongkai
