// The kiosk's text tables: Simplified Chinese (what residents of Xuhui read) and English
// (for visitors and for staff checking a device). See ui_strings.h.
#include "ui_strings.h"

namespace gongkai {

static UiStrings make_zh_cn() {
    UiStrings s;
    s.language = "zh-CN";
    s.line_break_lang = "zh";
    s.colon = "：";
    s.list_separator = "、";
    s.open_paren = "（";
    s.close_paren = "）";
    s.sentence_end = "。";
    s.crumb_separator = " › ";
    s.middle_dot = " · ";
    s.date_range = " — ";
    s.title_separator = " / ";
    s.back = "返回";
    s.home = "首页";
    s.app_title_suffix = "政务公开";
    s.home_hint = "请点选您要了解的领域";
    s.search_prompt = "搜索事项，如：低保、居住证";
    s.notices = "公告";
    s.items_suffix = "项";
    s.guide_tag = "办事指南";
    s.not_found = "没有找到这一项，可能已经更新。请返回首页重新查找。";
    s.stale = "本机信息可能不是最新，请以窗口工作人员说明为准。";
    s.search_title = "搜索";
    s.search_placeholder = "输入拼音或汉字";
    s.search_hint = "可以输入拼音全拼或首字母，例如：dibao 或 db（低保）、sfz（身份证）。";
    s.search_none = "没有找到。请换个说法，或返回首页按领域查找；也可以拨打12345咨询。";
    s.search_unavailable = "搜索暂时不能用。请返回首页按领域查找，或拨打12345咨询。";
    s.all_domains = "全部";
    s.also_called = "也叫：";
    s.key_clear = "清空";
    s.key_space = "空格";
    s.key_backspace = "删除";
    s.what = "这是什么";
    s.who = "谁可以办";
    s.bring = "要带什么";
    s.steps = "怎么办";
    s.where = "在哪里办、什么时候办";
    s.how_long = "多久办好";
    s.fee = "要不要钱";
    s.workflow = "办理流程";
    s.basis = "政策依据";
    s.contacts = "咨询电话";
    s.publishes = "这一项公开什么";
    s.when_published = "什么时候公开";
    s.who_publishes = "由谁公开";
    s.where_published = "在哪里可以看到";
    s.standard = "公开标准";
    s.related = "相关事项";
    s.guide_intro = "办事指南：";
    s.content_label = "公开内容";
    s.take_away = "扫码带走这一页";
    s.std_name = "公开事项";
    s.std_content = "公开内容（要素）";
    s.std_basis = "公开依据";
    s.std_time_limit = "公开时限";
    s.std_bodies = "公开主体";
    s.std_channels = "公开渠道和载体";
    s.std_audience = "公开对象";
    s.std_mode = "公开方式";
    s.std_tier = "公开层级";
    s.workflow_actor = "负责";
    s.workflow_time = "时限";
    return s;
}

static UiStrings make_en() {
    UiStrings s;
    s.language = "en";
    s.line_break_lang = "en";
    s.colon = ": ";
    s.list_separator = ", ";
    s.open_paren = " (";
    s.close_paren = ")";
    s.sentence_end = ". ";
    s.crumb_separator = " › ";
    s.middle_dot = " · ";
    s.date_range = " – ";
    s.title_separator = " / ";
    s.back = "Back";
    s.home = "Home";
    s.app_title_suffix = " Public Information";
    s.home_hint = "Tap the area you want to know about";
    s.search_prompt = "Search, e.g. dibao, residence permit";
    s.notices = "Notices";
    s.items_suffix = "items";
    s.guide_tag = "Service guide";
    s.not_found = "This entry was not found; it may have been updated. Please go Home and look again.";
    s.stale = "The information on this device may be out of date. Please ask the staff at the window.";
    s.search_title = "Search";
    s.search_placeholder = "Type pinyin or Chinese";
    s.search_hint = "Type pinyin in full or its initials, e.g. dibao or db (低保), sfz (身份证).";
    s.search_none = "Nothing found. Try other words, go Home and browse by area, or call 12345.";
    s.search_unavailable = "Search is not available right now. Please go Home and browse by area, or call 12345.";
    s.all_domains = "All";
    s.also_called = "Also called: ";
    s.key_clear = "Clear";
    s.key_space = "Space";
    s.key_backspace = "Delete";
    s.what = "What it is";
    s.who = "Who can apply";
    s.bring = "What to bring";
    s.steps = "How to do it";
    s.where = "Where and when";
    s.how_long = "How long it takes";
    s.fee = "Fees";
    s.workflow = "How it is processed";
    s.basis = "Legal basis";
    s.contacts = "Enquiries";
    s.publishes = "What is published";
    s.when_published = "When it is published";
    s.who_publishes = "Who publishes it";
    s.where_published = "Where to see it";
    s.standard = "Disclosure standard";
    s.related = "Related";
    s.guide_intro = "Service guide: ";
    s.content_label = "Published";
    s.take_away = "Scan to take this page home";
    s.std_name = "Item";
    s.std_content = "Content (elements)";
    s.std_basis = "Basis";
    s.std_time_limit = "Time limit";
    s.std_bodies = "Published by";
    s.std_channels = "Channels";
    s.std_audience = "Audience";
    s.std_mode = "Mode";
    s.std_tier = "Tier";
    s.workflow_actor = "by";
    s.workflow_time = "within";
    return s;
}

const UiStrings& default_ui_strings() {
    static const UiStrings zh = make_zh_cn();
    return zh;
}

const UiStrings* find_ui_strings(std::string_view language) {
    static const UiStrings en = make_en();
    if (language == "zh-CN" || language == "zh" || language == "zh-Hans") return &default_ui_strings();
    if (language == "en") return &en;
    return nullptr;
}

std::string ui_string_languages() { return "zh-CN, en"; }

std::string UiStrings::app_title(std::string_view district) const { return std::string(district) + app_title_suffix; }

std::string UiStrings::labelled(std::string_view label, std::string_view value) const {
    return std::string(label) + colon + std::string(value);
}

std::string UiStrings::parenthesised(std::string_view text) const { return open_paren + std::string(text) + close_paren; }

std::string UiStrings::summary_line(bool directory_row, std::string_view summary) const {
    if (!directory_row || summary.empty()) return std::string(summary);
    return labelled(content_label, summary);
}

std::string UiStrings::all_text() const {
    std::string all;
#define GONGKAI_APPEND_STRING(name) all += name;
    GONGKAI_UI_STRINGS(GONGKAI_APPEND_STRING)
#undef GONGKAI_APPEND_STRING
    // Digits, list numbers, the ellipsis and Latin letters the layout composes at run time.
    all += "0123456789 …abcdefghijklmnopqrstuvwxyz";
    return all;
}

std::vector<std::string> UiStrings::missing() const {
    std::vector<std::string> names;
#define GONGKAI_CHECK_STRING(name) \
    if (name.empty()) names.push_back(#name);
    GONGKAI_UI_STRINGS(GONGKAI_CHECK_STRING)
#undef GONGKAI_CHECK_STRING
    return names;
}

}  // namespace gongkai
