// The catalogue bundle: the whole catalogue as one JSON document (schema:
// docs/bundle.schema.json), compressed with zstd. The same bytes are embedded in the
// kiosk as the demo catalogue, signed and served by gongkai-publish, and installed by
// gongkai-sync. Items are serialised by item_to_json, which the cache reuses.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue_errors.h"
#include "json_limits.h"  // kMaxBundleJsonBytes
#include "model.h"

namespace gongkai {

inline constexpr const char* kBundleFormat = "gongkai-catalogue-bundle";
inline constexpr int kBundleFormatVersion = 1;
// The thesaurus (model.h ThesaurusEntry): a district's list has hundreds of entries; 10,000
// is ample and keeps query expansion (every entry a query word is looked up in) bounded.
// A word is a word, not a sentence: 16 characters hold 城市综合执法大队 twice over. 32
// words to a side is more synonyms than any word has.
inline constexpr std::size_t kMaxThesaurusEntries = 10000;
inline constexpr std::size_t kMaxThesaurusWordsPerSide = 32;
inline constexpr std::size_t kMaxThesaurusWordChars = 16;
// Why a thesaurus word is refused (empty: it is fine): empty, too long, or holding
// something other than Chinese characters, Latin letters and digits.
std::string thesaurus_word_problem(std::string_view word);

// Issue 11's content: what a decoded bundle may hold, each bound refused as BundleCorrupt.
// A district publishes tens to hundreds of interpretations and answers a year; 10,000 of
// each is decades of them and keeps a kiosk's index (read every catalogue change) small.
inline constexpr std::size_t kMaxInterpretations = 10000;
inline constexpr std::size_t kMaxResponses = 10000;
// Every id is a web page's file name (docs/catalogue.md "Ids"): ASCII, at most 64 bytes.
inline constexpr std::size_t kMaxIdBytes = 64;
// Any one text comes from one TOML source file, and a source file is at most 1 MiB.
inline constexpr std::size_t kMaxTextBytes = 1u << 20;
// An item's colloquial terms (老百姓的叫法): a service has a handful of everyday names; 64 is
// far beyond any, and each is a phrase, at most 128 bytes (42 Chinese characters).
inline constexpr std::size_t kMaxItemTerms = 64;
inline constexpr std::size_t kMaxTermBytes = 128;
// The items and notices one interpretation or response explains: a policy touching a
// whole domain links its dozens of rows; 256 is several domains' worth.
inline constexpr std::size_t kMaxLinkedIds = 256;
// A notice targets halls or groups by name: Xuhui has 13 sub-district halls and one
// centre; 256 names of 128 bytes (42 Chinese characters) each is far beyond any district.
inline constexpr std::size_t kMaxTargets = 256;
inline constexpr std::size_t kMaxTargetBytes = 128;
// A result list (结果公开): 姓名, 家庭人数, 保障金额, 街道 … — 32 columns is no printed form's
// width; 20,000 rows is a month of a large district's 低保 approvals many times over; a
// cell is a name, a number or an address (1 KiB = 341 Chinese characters).
inline constexpr std::size_t kMaxResultColumns = 32;
inline constexpr std::size_t kMaxResultRows = 20000;
inline constexpr std::size_t kMaxResultCellBytes = 1024;
// 公示期 in days: the rules ask 7 (低保), some 5 or 30; a year is the most any could mean.
inline constexpr int kMaxPublicDays = 366;

// A notice's issue-11 parts, shared by the bundle and the cache (which keeps targets and
// results as this JSON): {"halls": […], "groups": […]} and {"columns", "rows", "public_days"}.
// The readers check every bound above and name what is wrong ("" when fine).
nlohmann::json notice_targets_to_json(const Notice& n);
std::string notice_targets_from_json(const nlohmann::json& j, Notice& n);
nlohmann::json result_list_to_json(const ResultList& r);
std::string result_list_from_json(const nlohmann::json& j, ResultList& out);

nlohmann::json notice_to_json(const Notice& n);
Result<Notice> notice_from_json(const nlohmann::json& j);
nlohmann::json interpretation_to_json(const Interpretation& i);
Result<Interpretation> interpretation_from_json(const nlohmann::json& j);
nlohmann::json response_to_json(const Response& r);
Result<Response> response_from_json(const nlohmann::json& j);

nlohmann::json item_to_json(const Item& item);
Result<Item> item_from_json(const nlohmann::json& j);

nlohmann::json catalogue_to_json(const Catalogue& cat);
Result<Catalogue> catalogue_from_json(const nlohmann::json& j);

// The bundle's JSON text: deterministic for a given Catalogue, so a device can rebuild the
// exact text of the catalogue it has installed (the base of a delta) from its cache.
std::string bundle_json(const Catalogue& cat);
// The same text with the items given one at a time (a device rebuilding its installed
// bundle's text from the cache, item by item, without the whole catalogue in memory).
class BundleJsonWriter {
public:
    explicit BundleJsonWriter(const Catalogue& head);  // head.items are not written
    void reserve(std::size_t item_bytes);               // the items' JSON to come, roughly
    void add(const Item& item);
    std::string finish() &&;

private:
    std::string text_;  // up to and including the items so far
    std::string tail_;  // after the items
    bool first_item_ = true;
};

// zstd with a content checksum. Level 0 picks one by size: 19 up to 4 MiB of JSON
// (bundles are built once and fetched by every kiosk), 12 above (19 on a 50k-item
// catalogue takes minutes for a few percent).
std::string encode_bundle(const Catalogue& cat, int zstd_level = 0);
Result<Catalogue> decode_bundle(std::string_view bytes, std::size_t max_json_bytes = kMaxBundleJsonBytes);

// [SECTION] Reading a bundle as it is decompressed
// What a streamed bundle hands over, in order: its domains once, when "items" begins, then
// each item as soon as it is read and checked. An error returned stops the reading and is
// what read_bundle returns.
class BundleItemSink {
public:
    virtual ~BundleItemSink() = default;
    virtual Error domains(const std::vector<Domain>& domains) = 0;
    virtual Error item(Item&& item) = 0;
};
// Decompresses `bytes` — a bundle, or with `delta_base` a delta against that JSON text — a
// chunk at a time and parses the text as it comes: neither the text, nor its JSON tree, nor
// the items are ever whole in memory. Returns the catalogue without its items. Every check
// of catalogue_from_json applies, with the same messages; in addition "items" must come after
// "format", "format_version" and "domains" (bundle_json puts them there: keys sorted) and no
// top-level key may repeat. A failure can come after items were handed over: whoever keeps
// them must be able to drop them (Cache::install_bundle does all of it in one transaction).
Result<Catalogue> read_bundle(std::string_view bytes, BundleItemSink& sink, const std::string* delta_base = nullptr,
                              std::size_t max_json_bytes = kMaxBundleJsonBytes);

// A delta: the new bundle's JSON compressed with the old bundle's JSON as zstd's
// reference prefix (what `zstd --patch-from` does). A one-item change costs about that
// item's bytes. Decoding with the wrong base fails the content checksum (BundleCorrupt).
std::string encode_delta(const std::string& new_json, const std::string& base_json);

// A delta is applied with its base text and the new text's window whole in memory: ~2.9 ×
// the new JSON at the peak (145 MiB for 49.9 MB at 50,000 items, docs/performance.md), where a
// whole bundle streams in ~26 MiB. Above 24 MiB of JSON (a 70-MiB peak, within issue 13's
// 100-MiB budget for an install) gongkai-sync fetches the whole bundle instead: more bytes on
// the wire (462 KB against a few KB at 50,000 items), a bounded peak on a 2-GB terminal.
inline constexpr std::uint64_t kMaxDeltaJsonBytes = 24ull << 20;
// The JSON size a delta declares: it must be exactly one zstd frame that states its size;
// nullopt otherwise. gongkai-sync also decodes a delta with kMaxDeltaJsonBytes as its bound.
std::optional<std::uint64_t> delta_json_bytes(std::string_view delta);
Result<Catalogue> decode_delta(std::string_view delta, const std::string& base_json,
                               std::size_t max_json_bytes = kMaxBundleJsonBytes);

}  // namespace gongkai
