// The screen registry: one row per screen. A new screen is its own file plus one row
// here; the app, the top bar, --route and deep links all read this table.
#include "screens.h"

namespace gongkai {

// clang-format off
static const ScreenSpec kScreens[] = {
    // name      takes_id id_opt  deep   staff  text   title          load             draw            panel_height             draw_panel       enter         leave
    {"home",     false,   false,  true, false,  false, home_title,    nullptr,         home_screen,    nullptr,                 nullptr,         nullptr,      nullptr},
    {"domain",   true,    false,  true, false,  false, domain_title,  nullptr,         domain_screen,  nullptr,                 nullptr,         nullptr,      nullptr},
    {"item",     true,    false,  true, false,  false, item_title,    load_item_page,  item_screen,    rating_keyboard_height,  rating_keyboard, nullptr,      nullptr},
    {"notice",   true,    false,  true, false,  false, notice_title,  nullptr,         notice_screen,  rating_keyboard_height,  rating_keyboard, nullptr,      nullptr},
    {"board",    false,   false,  true, false,  false, board_title,   nullptr,         board_screen,   nullptr,                 nullptr,         nullptr,      nullptr},
    {"search",   true,    true,   true, false,  true,  search_title,  nullptr,         search_screen,  search_keyboard_height,  search_keyboard, search_enter, search_leave},
    {"help",     false,   false,  true, false,  false, help_title,    nullptr,         help_screen,    nullptr,                 nullptr,         nullptr,      nullptr},
    {"interpretation", true, false, true, false, false, interpretation_title, nullptr, interpretation_screen, nullptr,           nullptr,         nullptr,      nullptr},
    {"response", true,    false,  true, false,  false, response_title, nullptr,        response_screen, nullptr,                nullptr,         nullptr,      nullptr},
    // The staff panel: never deep_link, so neither --route nor a link reaches it (staff.h).
    {"staff-pin", false,  false,  false, true,  false, staff_pin_title, nullptr,   staff_pin_screen, nullptr,             nullptr,         nullptr,      nullptr},
    {"staff-new-pin", false, false, false, true, false, staff_pin_title, nullptr,  staff_pin_screen, nullptr,             nullptr,         nullptr,      nullptr},
    {"staff",    false,   false,  false, true,  false, staff_panel_title, nullptr, staff_panel_screen, nullptr,           nullptr,         nullptr,      nullptr},
    {"staff-hall", false, false,  false, true,  true,  staff_hall_title, nullptr,  staff_hall_screen, staff_hall_keyboard_height, staff_hall_keyboard, nullptr, nullptr},
    {"staff-display", false, false, false, true, false, staff_display_title, nullptr, staff_display_screen, nullptr,      nullptr,         nullptr,      nullptr},
    {"staff-touch", false, false, false, true,  false, staff_touch_title, nullptr, staff_touch_screen, nullptr,           nullptr,         nullptr,      nullptr},
};
// clang-format on

std::span<const ScreenSpec> screen_registry() { return kScreens; }

const ScreenSpec& screen_spec(std::string_view name) {
    for (const ScreenSpec& s : kScreens)
        if (name == s.name) return s;
    return kScreens[0];
}

std::optional<Route> Route::parse(std::string_view s) {
    if (s.empty()) return home();
    const size_t slash = s.find('/');
    const std::string_view name = s.substr(0, slash), id = slash == std::string_view::npos ? "" : s.substr(slash + 1);
    for (const ScreenSpec& spec : kScreens) {
        if (name != spec.name) continue;
        if (!spec.deep_link) return std::nullopt;
        if (id.empty() ? spec.takes_id && !spec.id_optional : !spec.takes_id) return std::nullopt;
        return Route{spec.name, std::string(id)};
    }
    return std::nullopt;
}

}  // namespace gongkai
