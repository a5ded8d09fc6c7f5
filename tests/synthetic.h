// Realistic synthetic catalogues of any size for sync tests and benchmarks: the seven
// demo domains, directory rows and guides with Chinese text of typical lengths.
#pragma once
#include <random>
#include <string>

#include "model.h"
#include "utf8.h"

namespace gongkai::test {

inline std::string random_chinese(std::mt19937& rng, int min_chars, int max_chars) {
    // Characters of the demo catalogue's own vocabulary, so text looks like real rows.
    static const std::u32string pool =
        U"社会救助最低生活保障申请材料家庭经济状况核对授权书户籍所在地街道社区事务受理服务中心审核公示结果"
        U"就业创业失业登记保险金养老服务补贴医疗卫生预防接种城市综合执法违法建设居住证身份证办理时限窗口"
        U"政策法规文件公开内容依据主体渠道载体对象方式层级县级乡级政府网站查阅点便民服务站工作日以内收费";
    std::uniform_int_distribution<int> len(min_chars, max_chars), pick(0, static_cast<int>(pool.size()) - 1);
    std::string out;
    int n = len(rng);
    for (int i = 0; i < n; i++) {
        utf8::append(out, pool[pick(rng)]);
    }
    return out;
}

// `salt` changes every text, so two catalogues of the same size differ everywhere.
inline Catalogue synthetic_catalogue(int items, std::int64_t version, unsigned salt = 1) {
    std::mt19937 rng(salt * 7919u + static_cast<unsigned>(items));
    Catalogue cat;
    cat.name = "合成目录";
    cat.version = version;
    cat.created = "2026-11-25T00:00:00Z";
    const char* ids[] = {"employment", "social-assistance", "social-insurance", "household-registration", "health",
                         "urban-management", "elderly-care"};
    const char* names[] = {"就业创业", "社会救助", "社会保险", "户籍管理", "医疗卫生", "城市综合执法", "养老服务"};
    for (int d = 0; d < 7; d++) cat.domains.push_back({ids[d], names[d], random_chinese(rng, 6, 12)});
    for (int i = 0; i < items; i++) {
        Item item;
        item.domain_id = ids[i % 7];
        item.level1 = random_chinese(rng, 3, 8);
        item.title = random_chinese(rng, 4, 16) + std::to_string(i);
        item.id = item.domain_id + "." + std::to_string(i);
        item.summary = random_chinese(rng, 15, 40);
        item.terms = {random_chinese(rng, 2, 4), random_chinese(rng, 2, 4)};
        if (i % 5 == 0) {
            item.kind = ItemKind::Guide;
            item.guide = ServiceGuide{item.summary, {random_chinese(rng, 10, 30)}, {random_chinese(rng, 8, 20), random_chinese(rng, 8, 20)},
                                      {random_chinese(rng, 10, 30), random_chinese(rng, 10, 30), random_chinese(rng, 10, 30)},
                                      random_chinese(rng, 20, 50), random_chinese(rng, 8, 20), "免费。", {random_chinese(rng, 10, 30)},
                                      {"12345 市民服务热线"}};
        } else {
            item.kind = ItemKind::Directory;
            item.standard = DisclosureStandard{{random_chinese(rng, 4, 12), random_chinese(rng, 4, 12)},
                                               {random_chinese(rng, 15, 40)}, random_chinese(rng, 10, 20),
                                               {random_chinese(rng, 8, 16)}, {"政府网站", "政务服务中心"}, {"全社会"},
                                               {"主动"}, {"县级", "乡级"}};
        }
        cat.items.push_back(std::move(item));
    }
    return cat;
}

}  // namespace gongkai::test
