// The embedded demo catalogue is the reference data, complete and unedited in its titles.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "bundle.h"
#include "demo_catalogue.h"
#include "source_import.h"
#include "support.h"
#include "text_encoding.h"

using namespace gongkai;
using namespace gongkai::test;
using nlohmann::json;

static Catalogue demo() {
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    return *cat;
}

TEST_CASE("the demo source in assets/catalogue imports with no problems", "[demo]") {
    ImportResult r = import_source(assets_dir().string());
    for (auto& p : r.problems) UNSCOPED_INFO(format_problem(p));
    CHECK(r.problems.empty());
}

TEST_CASE("every reference directory row is in the demo catalogue with its title unchanged", "[demo]") {
    Catalogue cat = demo();
    json rows = json::parse(slurp(reference_dir() / "catalogue.json"));
    REQUIRE(rows.size() == 105);
    std::map<std::string, std::string> domain_id;
    for (auto& d : cat.domains) domain_id[d.name] = d.id;
    for (auto& row : rows) {
        std::string id = directory_item_id(domain_id[row["domain"]], row["level1"].get<std::string>(), row["level2"].get<std::string>());
        const Item* item = cat.find_item(id);
        INFO(row["domain"].get<std::string>() << " / " << row["level1"].get<std::string>() << " / " << row["level2"].get<std::string>());
        REQUIRE(item);
        CHECK(item->kind == ItemKind::Directory);
        // Unchanged but for Chinese typography: half-width brackets become full-width at import.
        auto typeset = [](const json& j) { return full_width_brackets(j.get<std::string>()); };
        auto typeset_all = [&](const json& j) {
            std::vector<std::string> out;
            for (auto& s : j) out.push_back(typeset(s));
            return out;
        };
        CHECK(item->title == typeset(row["level2"]));
        CHECK(item->level1 == typeset(row["level1"]));
        CHECK(item->standard->content_elements == typeset_all(row["content_elements"]));
        CHECK(item->standard->basis == typeset_all(row["basis"]));
        CHECK(item->standard->time_limit == typeset(row["time_limit"]));
        CHECK(item->standard->channels.size() == row["channels"].size());
        CHECK(item->standard->tier == row["tier"].get<std::vector<std::string>>());
    }
}

TEST_CASE("every reference guide is in the demo catalogue, unchanged, in its domain", "[demo]") {
    Catalogue cat = demo();
    json guides = json::parse(slurp(reference_dir() / "guides.json"));
    REQUIRE(guides.size() == 23);
    for (auto& g : guides) {
        const Item* item = nullptr;
        for (auto& i : cat.items)
            if (i.kind == ItemKind::Guide && i.title == g["title"].get<std::string>()) item = &i;
        INFO(g["title"].get<std::string>());
        REQUIRE(item);
        CHECK(cat.find_domain(item->domain_id)->name == g["domain"].get<std::string>());
        CHECK(item->guide->summary == g["summary"].get<std::string>());
        CHECK(item->guide->materials == g["materials"].get<std::vector<std::string>>());
        CHECK(item->guide->steps == g["steps"].get<std::vector<std::string>>());
        CHECK(item->terms == g["colloquial"].get<std::vector<std::string>>());
    }
}

TEST_CASE("the demo catalogue has seven domains, linked guides, workflows and notices", "[demo]") {
    Catalogue cat = demo();
    std::vector<std::string> names;
    for (auto& d : cat.domains) names.push_back(d.name);
    CHECK(names == std::vector<std::string>{"就业创业", "社会救助", "社会保险", "户籍管理", "医疗卫生", "城市综合执法", "养老服务"});
    CHECK(cat.items.size() == 105 + 23);
    // 低保: the guide and the directory row describe the same service and point at each other.
    const Item* guide = cat.find_item("dibao-apply");
    REQUIRE(guide);
    std::string row_id = directory_item_id("social-assistance", "最低生活保障", "办事指南");
    CHECK(guide->links == std::vector<std::string>{row_id});
    CHECK(cat.find_item(row_id)->links == std::vector<std::string>{"dibao-apply"});
    // Its workflow includes the 公示 step with the 7-day window.
    bool publicity = false;
    for (auto& w : guide->workflow) publicity |= w.step.find("公示") != std::string::npos && w.time_limit.find("7") != std::string::npos;
    CHECK(publicity);
    // Links are symmetric everywhere and point at existing items.
    for (auto& item : cat.items)
        for (auto& l : item.links) {
            const Item* other = cat.find_item(l);
            REQUIRE(other);
            CHECK(std::find(other->links.begin(), other->links.end(), item.id) != other->links.end());
        }
    // Ids are unique.
    std::set<std::string> ids;
    for (auto& item : cat.items) CHECK(ids.insert(item.id).second);
    CHECK(cat.notices.size() >= 4);
    bool expired = false, standing = false;
    for (auto& n : cat.notices) {
        expired |= !notice_is_current(n, "2026-11-25");
        standing |= n.valid_until.empty();
    }
    CHECK(expired);
    CHECK(standing);
}
