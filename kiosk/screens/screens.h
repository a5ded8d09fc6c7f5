// The kiosk's screens: one per file, each a function of the state it is given that
// draws with Ui and reports what the resident did through Ui::emit. No SQL, no file
// I/O in a draw function: what a screen needs beyond the catalogue index is read by its
// row's `load` before the frame (through the Cache API), and handed back as ScreenData.
//
// The registry (registry.cpp) has one row per screen: a new screen is one new file plus
// one row there.
#pragma once
#include <ctime>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cache.h"
#include "config.h"
#include "item_shelf.h"
#include "page_rating.h"
#include "read_aloud.h"
#include "route.h"
#include "ui.h"

namespace gongkai {

struct TextInputView;
struct BoardView;
struct StaffView;
struct QrCode;

// What the search screen shows; the search controller runs the query on every change.
struct SearchView {
    std::string query;
    std::string domain_id;  // the chip selected; "" = all
    struct Row {
        Route route;
        std::string title, domain, line;
        int highlight_begin = -1, highlight_end = -1;
    };
    std::vector<Row> rows;
    bool unavailable = false;  // no search index could be built: say so, not "nothing found"
    bool asks_hall_hours = false;  // 营业时间, 几点开门: the hall's hours answer it, shown first
};

// What a screen's `load` read for it. Each screen that loads defines its own.
struct ScreenData {
    virtual ~ScreenData() = default;
};

struct ScreenState {
    const CatalogueIndex& index;
    const ItemShelf& items;            // item summaries, a domain at a time (item_shelf.h)
    Route route;
    const ScreenData* data = nullptr;  // what the route's `load` returned, if anything
    bool stale = false;                // the installed catalogue may be out of date
    const SearchView* search = nullptr;
    std::string district;              // for the title: "徐汇区"
    const Config* device = nullptr;    // the hall's name, hours, windows, help hint ([hall])
    std::string site_base_url;         // [site] base_url, ending in "/"; "" shows no QR code
    const ReadingView* reading = nullptr;  // read-aloud's state (read_aloud.h)
    const TextInputView* input = nullptr;  // the keyboard's input method (text_input.h)
    const RatingView* rating = nullptr;    // 好差评 of the page shown (page_rating.h)
    // The kiosk's wall clock (--now and tests set it): what is in force is decided by it.
    std::time_t now = 0;
    const BoardView* board = nullptr;      // the board's rotation (board.h), on route board
    // Urgent notices in force for this device, and whether this resident put away home's
    // full page of them (urgent.cpp).
    std::vector<const Notice*> urgent;
    bool urgent_dismissed = false;
    // The category chip chosen on home's notices strip: category_id(), "" for 全部.
    std::string notice_category;
    // The staff panel's session and what it shows (staff.h); on the staff routes only.
    const StaffView* staff = nullptr;
};

class SearchController;

struct ScreenSpec {
    const char* name;     // the route's first part: "item" in item/<id>
    bool takes_id;        // item/<id> needs an id; home takes none
    bool id_optional;     // search and search/<query> both exist
    // May be opened from outside the kiosk's own navigation (--route, deep links, QR codes).
    bool deep_link;
    // A staff screen (staff.h): drawn without the residents' top bar, only while the staff
    // session allows it (the pad, or the panel after the PIN); never deep_link.
    bool staff;
    // A physical keyboard or IME types into this screen (SDL text input is on).
    bool text_input;
    // The top bar's title.
    std::string (*title)(const UiStrings&, const ScreenState&);
    // Reads what the screen needs beyond the index, before the frame; nullptr: nothing.
    // Returns nullptr when there is nothing to show (the screen then says "not found").
    std::unique_ptr<ScreenData> (*load)(Cache&, const Route&);
    void (*draw)(Ui&, const ScreenState&);
    // A panel outside the scrolling page (the search keyboard, the keyboard of a rating's
    // comment): under it in portrait, beside it in landscape. nullptr, or a height of 0 in
    // this state: none.
    float (*panel_height)(const Ui&, const ScreenState&);
    void (*draw_panel)(Ui&, const ScreenState&);
    // Called when the resident arrives at / leaves this screen (not on Back within it).
    void (*enter)(SearchController&, const Route&);
    void (*leave)(SearchController&);
};

std::span<const ScreenSpec> screen_registry();
// The row for a screen name; home's row for an unknown name (a route that parsed once
// always draws something).
const ScreenSpec& screen_spec(std::string_view name);

// The top bar: Back and Home, always in the same place and the same size, and the
// display toggles. top_bar_height: all of it, toggles' row included.
void top_bar(Ui& ui, const ScreenState& s, std::string_view title);
float top_bar_height(const Ui& ui);
// Shown on every screen while the catalogue is past its signed expiry.
void stale_notice(Ui& ui);
// A bordered yellow box of bold text: what a resident must not miss.
void warning_box(Ui& ui, std::string_view text);

// The row under an item's, notice's, interpretation's or response's title (take_away.cpp):
// "take it home" — a QR code of the page's public web address, take_away_url:
// <site_base_url>item/<id>.html on an item page, notice/<id>.html, interpretation/<id>.html
// and response/<id>.html likewise, "" elsewhere or without a base URL (no code then)
// — with its caption, and the read-aloud buttons (朗读; then 暂停/继续 and 停止 while this
// page is being read). The code's square is 196–292 px at a 1080-px short side (246 for a
// typical 45-byte address), scaled with the screen.
std::string take_away_url(const ScreenState& s);
// The QR code of `url`, encoded once while the same address is asked for; nullptr for ""
// or an address too long to encode. (The board shows its slide's page with it.)
const QrCode* take_away_code(const std::string& url);
void page_tools(Ui& ui, const ScreenState& s);

// Each screen's functions, named in its registry row.
std::string home_title(const UiStrings& str, const ScreenState& s);
void home_screen(Ui& ui, const ScreenState& s);
std::string domain_title(const UiStrings& str, const ScreenState& s);
void domain_screen(Ui& ui, const ScreenState& s);
std::string item_title(const UiStrings& str, const ScreenState& s);
std::unique_ptr<ScreenData> load_item_page(Cache& cache, const Route& route);
void item_screen(Ui& ui, const ScreenState& s);
std::string notice_title(const UiStrings& str, const ScreenState& s);
void notice_screen(Ui& ui, const ScreenState& s);
std::string search_title(const UiStrings& str, const ScreenState& s);
void search_screen(Ui& ui, const ScreenState& s);
float search_keyboard_height(const Ui& ui, const ScreenState& s);
void search_keyboard(Ui& ui, const ScreenState& s);
void search_enter(SearchController& search, const Route& route);
void search_leave(SearchController& search);
std::string help_title(const UiStrings& str, const ScreenState& s);
void help_screen(Ui& ui, const ScreenState& s);
// The board (公示栏, board.h): the whole screen, no top bar; black when the hall is closed.
std::string board_title(const UiStrings& str, const ScreenState& s);
void board_screen(Ui& ui, const ScreenState& s);

// Urgent notices (urgent.cpp): the red banner under the top bar on every screen but home's
// full page and the notice's own, and that full page.
float urgent_banner_height(const Ui& ui);
void urgent_banner(Ui& ui, const ScreenState& s);
void urgent_page(Ui& ui, const ScreenState& s);
std::string interpretation_title(const UiStrings& str, const ScreenState& s);
void interpretation_screen(Ui& ui, const ScreenState& s);
std::string response_title(const UiStrings& str, const ScreenState& s);
void response_screen(Ui& ui, const ScreenState& s);

// [SECTION] The staff panel (staff.h; app_staff.cpp runs the session)
// The PIN pad (staff_pin_pad.cpp): rows "staff-pin" (enter the PIN, or the message that none
// is set) and "staff-new-pin" (change it: the new PIN twice).
std::string staff_pin_title(const UiStrings& str, const ScreenState& s);
void staff_pin_screen(Ui& ui, const ScreenState& s);
// The panel (staff_panel.cpp): status, then the actions.
std::string staff_panel_title(const UiStrings& str, const ScreenState& s);
void staff_panel_screen(Ui& ui, const ScreenState& s);
// Hall details (staff_hall.cpp): name, address, hours, windows, typed on the keyboard.
std::string staff_hall_title(const UiStrings& str, const ScreenState& s);
void staff_hall_screen(Ui& ui, const ScreenState& s);
float staff_hall_keyboard_height(const Ui& ui, const ScreenState& s);
void staff_hall_keyboard(Ui& ui, const ScreenState& s);
// Display defaults and volume (staff_display.cpp).
std::string staff_display_title(const UiStrings& str, const ScreenState& s);
void staff_display_screen(Ui& ui, const ScreenState& s);
// The touch test grid (staff_touch.cpp): every cell a finger crossed lights up, with its points.
std::string staff_touch_title(const UiStrings& str, const ScreenState& s);
void staff_touch_screen(Ui& ui, const ScreenState& s);
// The staff screens' own header: the title, the screen's action if it has one (保存: in
// reach whatever the page is scrolled to and whatever the keyboard covers), and 关闭 (or
// 返回面板 on a sub-screen).
struct StaffHeaderAction {
    const char* id = nullptr;           // "staff.save-hall"
    const std::string* label = nullptr; // nullptr: no action
    const char* action = nullptr;       // the UiEvent::Kind::Staff text
    bool enabled = true;
};
void staff_header(Ui& ui, std::string_view title, bool back_to_panel, const StaffHeaderAction& action = {});
// "保留这些显示设置吗？ N 秒后恢复" with 保留 / 恢复, over whatever is shown (staff_confirm.cpp).
void staff_confirm_overlay(Ui& ui, int seconds_left);

// [SECTION] Pieces several screens share
// The on-screen keyboard of every text field (keyboard.cpp): candidate bar, letter keys or the
// handwriting pad, the mode switch and clear / space / delete. Its whole height, candidate bar
// included, is keyboard_height: a screen's panel_height returns it.
float keyboard_height(const Ui& ui);
enum class KeyboardKeys { Letters, WithSymbols };
void keyboard(Ui& ui, const TextInputView& input, KeyboardKeys keys = KeyboardKeys::Letters);
// What to do when a page has nothing to show (no search result, an unknown route): the
// most useful services as buttons, help from staff, the hotline, the way home.
void next_steps(Ui& ui, const ScreenState& s);
// The hall's window lines that name `domain_name` ("1–3号窗口：社会救助…"); all of them
// when none does.
std::vector<std::string> hall_windows_for(const Config& device, std::string_view domain_name);
// The hall card (home, and search when asked when the hall is open): its name, opening
// hours and who helps; it opens the help screen.
void hall_card(Ui& ui, const ScreenState& s);
// The title lists show for an item (model.h display_titles); `title` if the index has no such id.
std::string listed_title(const UiStrings& str, const ItemShelf& items, std::string_view id, std::string_view title);
// [SECTION] 政策解读 and 回应关切 (explanations.cpp)
// The interpretations and responses in force that name `target_id` — an item (`notice`
// false) or a notice — as cards under the headings 政策解读 and 回应关切; nothing when none does.
void explanations_of(Ui& ui, const ScreenState& s, bool notice, std::string_view target_id);
// What an interpretation or response explains, as cards under 说的是这些事项和公告: its items,
// and its notices while they are in force (an ended one is not listed, as on home).
void explained_cards(Ui& ui, const ScreenState& s, const std::vector<std::string>& items, const std::vector<std::string>& notices);
// Text whose paragraphs are separated by "\n": one paragraph, or a bulleted list of several.
void paragraphs(Ui& ui, std::string_view text);
// A notice's category as its tag says it: "结果公开", "Results disclosure"; "" for none.
std::string category_tag(const UiStrings& str, DisclosureCategory c);
const Interpretation* find_interpretation(const CatalogueIndex& index, std::string_view id);
const Response* find_response(const CatalogueIndex& index, std::string_view id);

// 好差评 (rating.cpp; the state is page_rating.h's): the piece at the end of an item or notice
// page — the question and the five levels; after 不满意 or 非常不满意 the reason chips, the
// comment box and 提交; then the thank-you — drawn from s.rating when it is about s.route.
void rating_piece(Ui& ui, const ScreenState& s);
// The keyboard under (landscape: beside) an item or notice page while the comment is typed:
// the panel of their registry rows; 0 high when the comment is not being typed.
float rating_keyboard_height(const Ui& ui, const ScreenState& s);
void rating_keyboard(Ui& ui, const ScreenState& s);
// The leave prompt over the page, in its own window: the question, the five levels, 跳过 and
// the seconds before it closes by itself. A tap outside its box skips too.
void leave_prompt(Ui& ui, const RatingView& v);
// "谢谢您的评价" under the top bar for a moment, in a window that takes no touch.
void thanks_toast(Ui& ui);
// The idle countdown: a box over the dimmed screen, "还在看吗？ 8 秒后回到首页 [继续看]".
// Any touch ends it (the app sees the touch); the button is the obvious place to touch.
void idle_overlay(Ui& ui, int seconds_left);

}  // namespace gongkai
