// Issue 11's content for tests, built in C++ on top of the demo catalogue: notices in each
// of the five categories (one urgent and targeted, one a 低保 result list, one already
// ended), an interpretation and a response of 最低生活保障申请 (dibao-apply). Dates are
// relative to the moment given, so the tests hold whatever day they run.
#pragma once
#include <catch2/catch.hpp>

#include "bundle.h"
#include "clock.h"
#include "demo_catalogue.h"
#include "model.h"

namespace gongkai::test {

inline constexpr std::time_t kDay = 24 * 3600;

inline Notice disclosure_notice(std::string id, std::string title, DisclosureCategory category, std::time_t now) {
    Notice n;
    n.id = std::move(id);
    n.title = std::move(title);
    n.body = n.title + "，详情请咨询窗口。";
    n.domain_id = "social-assistance";
    n.valid_from = district_date(now - 3 * kDay);
    n.valid_until = district_date(now + 3 * kDay);
    n.category = category;
    return n;
}

// The demo catalogue (its own notices left as they are) plus issue 11's content at `now`.
inline Catalogue disclosure_catalogue(std::time_t now) {
    auto demo = decode_bundle(demo_bundle());
    REQUIRE(demo);
    Catalogue cat = std::move(*demo);
    cat.version = 11;
    // Only the fixture's issue-11 content: the demo's notices stay as an earlier release
    // wrote them (no category, no result list), its interpretations and responses go.
    std::erase_if(cat.notices, [](const Notice& n) { return n.results.has_value(); });
    for (Notice& n : cat.notices) n.category = DisclosureCategory::Unset;
    cat.interpretations.clear();
    cat.responses.clear();
    cat.notices.push_back(disclosure_notice("decision-elderly-meals", "关于调整老年助餐补贴标准的决定", DisclosureCategory::Decision, now));
    Notice urgent = disclosure_notice("execution-heating", "本周六暂停办理社保业务", DisclosureCategory::Execution, now);
    urgent.urgent = true;
    urgent.halls = {"xuhui-centre", "徐汇区行政服务中心"};
    urgent.groups = {"kiosk", "board"};
    urgent.valid_until = district_date(now + kDay) + "T18:00";
    cat.notices.push_back(urgent);
    Notice result = disclosure_notice("dibao-result-2026-12", "2026年12月最低生活保障审核结果公示", DisclosureCategory::Result, now);
    result.item_id = "dibao-apply";
    result.results = ResultList{{"姓名", "家庭人数", "保障金额（元/月）", "街道"},
                                {{"张*明", "3", "4,740", "天平路街道"}, {"李*", "1", "1,580", "湖南路街道"}, {"欧*华", "2", "3,160", "徐家汇街道"}},
                                7};
    result.valid_from = district_date(now - 2 * kDay);
    result.valid_until = district_date(now + 4 * kDay);
    cat.notices.push_back(result);
    Notice ended = disclosure_notice("management-ended", "已经结束的管理公开通知", DisclosureCategory::Management, now);
    ended.valid_from = district_date(now - 20 * kDay);
    ended.valid_until = district_date(now - 2 * kDay);
    cat.notices.push_back(ended);

    Interpretation i;
    i.id = "dibao-standard-2026";
    i.title = "一图读懂：2026年起最低生活保障标准提高";
    i.published = district_date(now - 10 * kDay);
    i.what_changed = "本区最低生活保障标准从每人每月1,510元提高到1,580元。\n收入核算时，不再计入子女给的少量赡养费。";
    i.who_affected = "正在领取低保的家庭，和收入略高于原标准的困难家庭。";
    i.what_to_do = "已经领取的家庭不用重新申请，新标准自动执行。\n收入略高于原标准的家庭，可以带身份证到街道社区事务受理服务中心申请。";
    i.items = {"dibao-apply"};
    i.notices = {"dibao-result-2026-12"};
    cat.interpretations.push_back(i);
    Response r;
    r.id = "dibao-pension-question";
    r.question = "父母有退休金，我还能申请低保吗？";
    r.answer = "低保按家庭人均收入核算。和您同住、共同生活的父母，退休金计入家庭收入；不同住的，不计入。请带户口本到街道社区事务受理服务中心，工作人员会帮您核算。";
    r.asked_via = "12345市民服务热线";
    r.answered = district_date(now - 5 * kDay);
    r.items = {"dibao-apply"};
    r.notices = {"dibao-result-2026-12"};
    cat.responses.push_back(r);
    return cat;
}

}  // namespace gongkai::test
