// Every fixed text the kiosk shows, as a table chosen at run time ([display] language in
// the config): labels, hints, and the punctuation the screens compose around catalogue
// text. One table per language, kept in ui_strings.cpp so the wording can be reviewed
// with residents in one read, and so the glyph atlas is built from exactly these
// characters plus the catalogue's (fonts.cpp).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace gongkai {

// One X(name) per text. Adding a text: add it here and give it a value in every table
// (ui_strings.cpp checks at start-up that none is left empty).
#define GONGKAI_UI_STRINGS(X)                                                                       \
    /* Punctuation composed at run time around catalogue text */                                   \
    X(colon) X(list_separator) X(open_paren) X(close_paren) X(sentence_end) X(crumb_separator)     \
    X(middle_dot) X(date_range) X(title_separator)                                                  \
    /* Chrome */                                                                                    \
    X(back) X(home) X(app_title_suffix) X(home_hint) X(search_prompt) X(notices) X(items_suffix)   \
    X(guide_tag) X(not_found) X(stale)                                                              \
    /* Search */                                                                                    \
    X(search_title) X(search_placeholder) X(search_hint) X(search_none) X(search_unavailable) X(list_unavailable) X(all_domains)            \
    X(also_called) X(when_paid) X(key_clear) X(key_space) X(key_backspace)                                       \
    /* The keyboard's input methods (keyboard.cpp) */                                              \
    X(mode_pinyin) X(mode_handwriting) X(pad_clear) X(pad_hint) X(pinyin_hint) X(handwriting_unavailable) \
    /* Item page: plain-language sections */                                                        \
    X(what) X(who) X(bring) X(steps) X(where) X(how_long) X(fee) X(workflow) X(basis) X(contacts)  \
    X(publishes) X(when_published) X(who_publishes) X(where_published) X(standard) X(related)      \
    X(guide_intro) X(content_label) X(take_away)                                                   \
    /* The disclosure-standard table's row labels */                                               \
    X(std_name) X(std_content) X(std_basis) X(std_time_limit) X(std_bodies) X(std_channels)        \
    X(std_audience) X(std_mode) X(std_tier) X(workflow_actor) X(workflow_time)                     \
    /* Plain-word glosses of the standard's terms (公开对象、公开方式、公开层级) */                   \
    X(gloss_audience_all) X(gloss_audience_group) X(gloss_mode_active) X(gloss_mode_request)        \
    X(gloss_tier_county) X(gloss_tier_township)                                                     \
    /* Lists: services first, then the rest */                                                      \
    X(services) X(more_info) X(key_facts) X(key_where) X(ask_window)                                             \
    /* The hall (config [hall]) and help */                                                         \
    X(help_title) X(hall_address) X(hall_hours) X(hall_windows) X(hall_help) X(need_help)           \
    X(hotline) X(hotline_line) X(next_steps) X(ask_staff) X(go_home) X(route_unknown)   \
    /* Notices */                                                                                   \
    X(notice_expired) X(valid_period)                        \
    /* Issue 11: the five disclosures' chips, result lists, 政策解读 and 回应关切 */                    \
    X(category_all) X(category_decision) X(category_execution) X(category_management)              \
    X(category_service) X(category_result) X(category_suffix) X(public_period) X(result_count_before) \
    X(result_count_after) X(result_list) X(result_privacy) X(result_ended) X(result_not_yet) X(interpretations) X(responses)          \
    X(what_changed) X(who_affected) X(what_to_do) X(explained) X(published_on) X(answer)            \
    X(question_label) X(answered_on) X(asked_via) X(interpretation_ended)                           \
    /* Display modes and language */                                                                \
    X(mode_large) X(mode_standard) X(mode_contrast) X(mode_contrast_off) X(language_switch)        \
    X(display_settings)                                                   \
    /* Idle reset */                                                                                \
    X(idle_title) X(idle_seconds) X(idle_stay)                                                      \
    /* Read aloud */                                                                                \
    X(read_aloud) X(read_pause) X(read_resume) X(read_stop) X(read_unavailable)                   \
    /* 好差评 at the end of item and notice pages, and the prompt on leaving (rating.cpp) */         \
    X(rate_question) X(rate_very_satisfied) X(rate_satisfied) X(rate_fairly_satisfied)             \
    X(rate_dissatisfied) X(rate_very_dissatisfied) X(rate_reasons) X(reason_unclear)               \
    X(reason_outdated) X(reason_not_found) X(reason_materials) X(reason_other) X(rate_comment)      \
    X(rate_comment_placeholder) X(rate_privacy) X(rate_submit) X(rate_thanks) X(rate_next)         \
    X(rate_skip) X(rate_auto_before) X(rate_auto_after)                                             \
    /* The staff panel (staff.h, screens/staff_*.cpp) */ \
    X(staff_pin_title) X(staff_pin_prompt) X(staff_pin_wrong) X(staff_pin_format) \
    X(staff_pin_locked) X(staff_seconds) X(staff_pin_checking) X(staff_failures) \
    X(staff_no_pin_title) X(staff_no_pin_text) X(staff_close) X(staff_back) X(staff_ok) \
    X(staff_delete) X(staff_panel_title) X(staff_status) X(staff_catalogue) \
    X(staff_catalogue_demo) X(staff_catalogue_stale) X(staff_installed) X(staff_last_success) \
    X(staff_last_attempt) X(staff_last_error) X(staff_none) X(staff_outbox) X(staff_disk) \
    X(staff_of_total) X(staff_uptime) X(staff_uptime_kiosk) X(staff_uptime_system) \
    X(staff_addresses) X(staff_version) X(staff_days) X(staff_hours) X(staff_minutes) X(staff_ago_days) X(staff_ago_hours) \
    X(staff_ago_minutes) X(staff_actions) X(staff_sync_now) X(staff_sync_asked) \
    X(staff_sync_waiting) X(staff_hall) X(staff_display) X(staff_touch) X(staff_change_pin) \
    X(staff_restart) X(staff_hall_name) X(staff_hall_address) X(staff_hall_hours) \
    X(staff_hall_window) X(staff_hall_help) X(staff_tap_to_edit) X(staff_save) X(staff_saving) X(staff_saved) \
    X(staff_not_saved) X(staff_no_config_file) X(staff_nothing_changed) X(staff_orientation) X(staff_rotation) \
    X(staff_portrait) X(staff_landscape) X(staff_theme) X(staff_theme_standard) \
    X(staff_theme_large) X(staff_theme_contrast) X(staff_text_scale) X(staff_language) \
    X(staff_language_zh) X(staff_language_en) X(staff_idle_reset) X(staff_never) X(staff_volume) \
    X(staff_apply) X(staff_display_note) X(staff_confirm_title) X(staff_confirm_seconds) \
    X(staff_keep) X(staff_revert) X(staff_kept) X(staff_reverted) X(staff_touch_hint) \
    X(staff_touch_clear) X(staff_touch_points) X(staff_new_pin) X(staff_new_pin_repeat) \
    X(staff_pin_mismatch) X(staff_pin_changed) X(staff_restart_note) \
    /* The board (board_screen.cpp) and urgent notices (urgent.cpp) */                             \
    X(board_title) X(board_empty) X(board_scan) X(urgent_label) X(urgent_open) X(urgent_dismiss) X(urgent_until)

struct UiStrings {
    std::string language;         // the config's name for this table, e.g. "zh-CN"
    std::string line_break_lang;  // libunibreak's language for wrapping, e.g. "zh"
    // Put before catalogue text shown untranslated (the source has no English for it);
    // empty in the Chinese table, where nothing is untranslated.
    std::string untranslated_marker;
    // Said once on a page that shows some catalogue text untranslated; empty in Chinese.
    std::string untranslated_note;
#define GONGKAI_DECLARE_STRING(name) std::string name;
    GONGKAI_UI_STRINGS(GONGKAI_DECLARE_STRING)
#undef GONGKAI_DECLARE_STRING

    // "徐汇区" → "徐汇区政务公开": the district comes from the config, not from the code.
    std::string app_title(std::string_view district) const;
    // "label：value" with this language's colon.
    std::string labelled(std::string_view label, std::string_view value) const;
    // "（text）" with this language's brackets.
    std::string parenthesised(std::string_view text) const;
    // A card's second line: a directory row's summary (its content elements) is labelled
    // "公开内容：…"; a guide's summary is shown as written.
    std::string summary_line(bool directory_row, std::string_view summary) const;
    // "2026年11月1日" from "2026-11-01" in Chinese; "1 Nov 2026" in English; the text
    // itself when it is not a date.
    std::string date(std::string_view iso) const;
    // A notice's validity in words: "有效期：2026年11月1日至2027年12月31日", or "" when open-ended both ways.
    std::string validity(std::string_view from, std::string_view until) const;
    // The span alone: "2026年12月1日至2026年12月7日" (validity without its label); a bound
    // with a time of day ("2026-12-01T18:00") reads "2026年12月1日 18:00".
    std::string validity_span(std::string_view from, std::string_view until) const;
    // One validity bound in words: a date, or a date and its minute.
    std::string moment(std::string_view bound) const;
    // 0 = Monday: "星期一" / "Monday".
    std::string weekday(int monday_first) const;
    // The board's footer: "第 1/3 页", "3 / 12", "已暂停，45 秒后继续播放".
    std::string board_page(int page, int pages) const;
    std::string board_position(int position, int count) const;
    std::string board_paused_for(int seconds) const;
    // 公示期 in words: "公示期：2026年12月1日至12月7日" (the year once when both days share it);
    // "" without both days. Bounds may carry a minute ("2026-12-01T09:00"): the day is shown.
    std::string public_period_of(std::string_view from, std::string_view until) const;
    // "共3条" / "3 entries".
    std::string result_count(size_t n) const;
    // A five-disclosure category's chip label: "决策" / "Decisions"; "" for Unset.
    const std::string& category(DisclosureCategory c) const;
    // Catalogue text in this table's language: `en` when this is the English table and
    // the source gave it, else `zh` — with untranslated_marker in front when `mark`.
    std::string catalogue(std::string_view zh, std::string_view en, bool mark = false) const;
    // True when catalogue text `en` is missing in this table's language.
    bool untranslated(std::string_view en) const { return !untranslated_marker.empty() && en.empty(); }
    // Every character of every text, for the glyph atlas.
    std::string all_text() const;
    // Names of texts left empty (a table missing a translation); empty when complete.
    std::vector<std::string> missing() const;
};

// The table for a language name ("zh-CN", "zh", "en"), or nullptr if there is none.
const UiStrings* find_ui_strings(std::string_view language);
// The languages there are tables for, for error messages and the staff panel.
std::string ui_string_languages();
// The default table: Simplified Chinese.
const UiStrings& default_ui_strings();

}  // namespace gongkai
