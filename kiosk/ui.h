// The kiosk's widget vocabulary, drawn with Dear ImGui: wrapped Chinese paragraphs,
// large tap targets, section headings, lists and the standard table. Screens compose
// these; nothing here knows the catalogue. Every tap target and every visible line of
// text is also written to the FrameRecord, which tests (and later read-aloud) use to
// know what is on screen and where.
#pragma once
#include <imgui.h>

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fonts.h"
#include "route.h"
#include "text_layout.h"
#include "theme.h"
#include "ui_strings.h"

namespace gongkai {

struct FrameRecord {
    struct Target { std::string id; ImVec2 min, max; };     // visible part of a tap target
    struct Text { std::string text; ImVec2 min, max; float size; bool bold; };
    std::vector<Target> targets;
    std::vector<Text> texts;
    // Where the sentence being read aloud was drawn (its first line to its last), if it was.
    bool spoken_drawn = false;
    ImVec2 spoken_min, spoken_max;
    // The board's slide as laid out this frame: characters on each page (board_screen.cpp);
    // empty when no slide was drawn.
    std::vector<int> board_page_chars;
    const Target* find_target(std::string_view id) const;
    const Text* find_text(std::string_view text) const;
};

struct UiEvent {
    enum class Kind {
        None, Navigate, Back, Home, SearchType, SearchBackspace, SearchClear, SearchFilter,
        ToggleLarge, ToggleContrast, ToggleLanguage,  // the display toggles under the top bar
        ReadStart, ReadPause, ReadResume, ReadStop,   // 朗读
        // The on-screen input method (text_input.h), for the screen's text field:
        InputMode,       // text: "pinyin" or "handwriting"
        InputCandidate,  // text: the candidate tapped in the bar
        PadClear,        // 重写: the handwriting pad is cleared
        // 好差评 (page_rating.h), on an item or notice page and in the leave prompt:
        Rate,            // text: the level, "1" … "5"
        RateReason,      // text: the reason's code (outbox.h), toggled
        RateComment,     // the comment box: the keyboard types into it
        RateSubmit,      // 提交
        RateSkip,        // 跳过, or a tap outside the leave prompt's box
        UrgentDismiss,   // 知道了 on home's full page of urgent notices
        NoticeFilter,    // home's category chips: text = category_id(), "" for 全部
        // The staff panel (staff.h, screens/staff_*.cpp): text names the action —
        // "key/<digit>", "key/del", "key/ok" (the PIN pad); "close"; "open/<route>";
        // "sync"; "restart"; "field/<n>" (a hall field to type into); "save-hall";
        // "set/<key>/<value>" (a display default); "apply-display"; "keep" / "revert"
        // (the confirm dialog); "touch-clear".
        Staff,
    };
    Kind kind = Kind::None;
    Route route;
    // SearchType: the characters; SearchFilter: the domain id ("" = all); InputMode, InputCandidate,
    // Rate, RateReason: above. SearchType, SearchBackspace and SearchClear are the keyboard's
    // keys: the app applies them to the text field the keyboard is shown for (search's query,
    // or a rating's comment).
    std::string text;
};

class Ui {
public:
    Ui(const FontSet& fonts, WrapCache& wraps, ListLayouts& lists, const Theme& theme, const UiStrings& strings, FrameRecord& record,
       float scale, bool landscape);

    float px(float design_px) const { return design_px * scale_; }
    // Height of one line of text set in `font` (its ascent-to-descent box plus leading).
    static float line_height(const ImFont* font) { return line_height_for(font->FontSize); }
    static float line_height_for(float size);
    bool landscape() const { return landscape_; }
    const Theme& theme() const { return theme_; }
    const UiStrings& str() const { return strings_; }
    const FontSet& fonts() const { return fonts_; }

    // Text. `width` < 0: the available content width.
    void paragraph(std::string_view text, ImU32 color, bool bold = false, float size = 0, float width = -1);
    void heading(std::string_view text);       // a section heading with a rule on its left
    void title(std::string_view text, ImU32 color);   // page title (heading font)
    // Draws wrapped text at `pos` without moving the cursor; returns the height used.
    float text_at(ImVec2 pos, std::string_view text, ImU32 color, bool bold, float size, float width, int max_lines = 0);
    float text_height(std::string_view text, bool bold, float size, float width, int max_lines = 0);
    // Where wrapped text ends, from its top-left: x after its last character, y at the top of
    // its last line (a text box draws its caret there).
    ImVec2 text_end(std::string_view text, bool bold, float size, float width);
    // The lines `text` wraps into (byte ranges of it), as text_at would draw them.
    std::vector<TextLine> wrap_lines(std::string_view text, bool bold, float size, float width);
    void record_board_layout(std::vector<int> page_chars) { record_.board_page_chars = std::move(page_chars); }

    // Lists.
    void bullets(const std::vector<std::string>& items);
    void numbered(const std::vector<std::string>& items);
    void checklist(const std::vector<std::string>& items);

    // A long list: `draw(i)` draws row i of `list` at the cursor. The first frame after the
    // list, the fonts or the width change draws every row and notes where each ends; later
    // frames draw only the rows the clip rect shows and step over the rest, so the cost of a
    // frame does not grow with the list. A row's height must depend only on what it shows.
    ListLayouts::List& list(std::string_view key) { return lists_.get(key); }
    void rows(ListLayouts::List& list, const std::function<void(size_t)>& draw);
    // A full-width card that opens `target`; returns true when tapped.
    bool card(const Route& target, std::string_view title, std::string_view subtitle, std::string_view tag);
    // A rectangular button with centred text; `target_id` names it in the FrameRecord.
    bool button(std::string_view target_id, std::string_view label, ImVec2 size, ImU32 bg, ImU32 fg, bool bold = true,
                float font_size = 0);
    // A search result: the title with the matched characters highlighted, the domain, one line.
    bool result_card(const Route& target, std::string_view title, int highlight_begin, int highlight_end,
                     std::string_view domain, std::string_view line);
    // Label/value rows, as the published 标准目录 shows them.
    void standard_table(const std::vector<std::pair<std::string, std::vector<std::string>>>& rows);

    // A window over the whole screen, above the page, for a box drawn into the returned draw
    // list: `dimmed` darkens the page by 60% so the box is plainly what to look at;
    // `takes_touch` false lets every touch through to the page beneath. Close with end_overlay.
    ImDrawList* begin_overlay(const char* name, bool dimmed, bool takes_touch);
    void end_overlay();
    // The box a prompt or notice stands in: the card colour, a rounded frame of `border`.
    void overlay_box(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 border, float border_px = 3);

    void gap(float design_px) { ImGui::Dummy(ImVec2(1, px(design_px))); }
    void emit(UiEvent e) { if (event_.kind == UiEvent::Kind::None) event_ = std::move(e); }
    const UiEvent& event() const { return event_; }

    // Characters asked for that the atlas lacks (the app rebuilds the atlas with them).
    const std::set<unsigned>& missing_glyphs() const { return missing_; }
    void record_target(std::string_view id, ImVec2 min, ImVec2 max);
    // The sentence read-aloud is speaking: the first text drawn that holds it gets a marker
    // behind those characters ("" for none).
    void set_spoken(std::string text) { spoken_ = std::move(text); }

private:
    ImFont* font(bool bold) const { return bold ? fonts_.heading : fonts_.body; }
    float body_size() const { return fonts_.body->FontSize; }
    void note_missing(const ImFont* f, std::string_view text);

    const FontSet& fonts_;
    WrapCache& wraps_;
    ListLayouts& lists_;
    const Theme& theme_;
    const UiStrings& strings_;
    FrameRecord& record_;
    float scale_;
    bool landscape_;
    UiEvent event_;
    std::set<unsigned> missing_;
    std::string spoken_;
};

// Draws simple line icons (back chevron, house, magnifier) so the UI needs no icon font.
void draw_icon_back(ImDrawList* dl, ImVec2 center, float size, ImU32 color);
void draw_icon_home(ImDrawList* dl, ImVec2 center, float size, ImU32 color);
void draw_icon_search(ImDrawList* dl, ImVec2 center, float size, ImU32 color);
void draw_icon_chevron(ImDrawList* dl, ImVec2 center, float size, ImU32 color);
void draw_icon_speaker(ImDrawList* dl, ImVec2 center, float size, ImU32 color);
// A tick, for a chosen chip and a thank-you.
void draw_icon_check(ImDrawList* dl, ImVec2 center, float size, ImU32 color);
// A 好差评 face `size` across for rating 1 … 5: a disc in `fill`, eyes and a mouth in `ink`
// from a wide open smile (5) through a straight mouth (3) to a frown under slanted brows (1).
void draw_icon_face(ImDrawList* dl, ImVec2 center, float size, int rating, ImU32 fill, ImU32 ink);

}  // namespace gongkai
