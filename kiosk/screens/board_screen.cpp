// The board (公示栏, board.h): one slide at a time across the whole screen, in type read
// from 3 m — a header with the hall and the time, the slide's category and title on every
// page, its text paged to the screen, and a footer with the page's progress, the page and
// the slide's place in the rotation. Outside opening hours: nothing (black).
//
//   ┌──────────────────────────────────────────────────────────┐
//   │ 徐汇区政务公开 · 公示栏              12月1日 星期二 10:00  │  header (red for urgent)
//   │ [结果公开]                                                │
//   │ 低保审核结果公示                                          │  title, every page
//   │ 公示期：2026年12月1日至2026年12月7日                      │
//   │ ───────                                                   │
//   │ body, paged                                               │
//   │ ▓▓▓▓▓▓▓▓░░░░░░░░░░░░░                  第1/2页    3 / 12  │  footer
//   └──────────────────────────────────────────────────────────┘
#include <algorithm>
#include <cstdio>

#include "board.h"
#include "qr_code.h"
#include "site_writer.h"
#include "clock.h"
#include "screens.h"
#include "utf8.h"

namespace gongkai {

namespace {

// One line of the page: wrapped text, or a row of a result table (cells at column x).
struct BoardLine {
    std::string text;
    bool bold = false;
    ImU32 color = 0;
    float size = 0;
    float gap_before = 0;  // space above it when it does not start a page
    std::vector<std::string> cells;  // a table row
    int chars = 0;
    // Never the last line of a page (a heading, "共6条", a table's header): it moves on with the next.
    bool keep_with_next = false;
    bool table_header = false;  // repeated at the top of each page the table continues on
};

int char_count(std::string_view s) {
    int n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80 && c > ' ') n++;
    return n;
}

const Notice* find_notice(const CatalogueIndex& index, std::string_view id) {
    for (const Notice& n : index.notices)
        if (n.id == id) return &n;
    return nullptr;
}

// Paragraphs of `text` wrapped to `width` as lines.
void add_paragraphs(Ui& ui, std::vector<BoardLine>& out, std::string_view text, float width, float gap, ImU32 color) {
    bool first = true;
    while (!text.empty()) {
        size_t nl = text.find('\n');
        std::string_view para = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (para.empty()) continue;
        bool first_line = true;
        for (const TextLine& l : ui.wrap_lines(para, false, 0, width)) {
            std::string line(para.substr(l.begin, l.end - l.begin));
            out.push_back({line, false, color, 0, first_line && !first ? gap : 0, {}, char_count(line)});
            first_line = false;
        }
        first = false;
    }
}

// The widths of a result table's columns (the widest cell of each, bold header included, plus
// a gap). Measuring 20,000 rows × 32 columns every second costs a fifth of a core; they
// change only with the list and the type size, so the last answer is kept.
std::vector<float> column_widths(Ui& ui, const ResultList& r, float body_px) {
    static struct {
        std::vector<std::string> columns;
        std::vector<std::vector<std::string>> rows;
        float px = 0, gap = 0;
        std::vector<float> widths;
    } memo;
    const float gap = ui.px(48);
    if (memo.px == body_px && memo.gap == gap && memo.columns == r.columns && memo.rows == r.rows) return memo.widths;
    std::vector<float> w(r.columns.size(), 0);
    for (size_t c = 0; c < r.columns.size(); c++) w[c] = ui.text_end(r.columns[c], true, body_px, 1e6f).x + gap;
    for (const auto& row : r.rows)
        for (size_t c = 0; c < row.size() && c < w.size(); c++) w[c] = std::max(w[c], ui.text_end(row[c], false, body_px, 1e6f).x + gap);
    memo = {r.columns, r.rows, body_px, gap, w};
    return w;
}

}  // namespace

std::string board_title(const UiStrings& str, const ScreenState&) { return str.board_title; }

void board_screen(Ui& ui, const ScreenState& s) {
    const BoardView* v = s.board;
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Theme& t = ui.theme();
    const float W = io.DisplaySize.x, H = io.DisplaySize.y;
    if (!v || !v->open) {
        // Closed: black; the display itself is switched off where the server allows (display_power.h).
        dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, H), IM_COL32(0, 0, 0, 0xFF));
        ImGui::Dummy(ImVec2(W, H));
        return;
    }
    const float margin = ui.px(64), header_h = ui.px(120), footer_h = ui.px(110);
    // Bold words at the body's size (tags, the footer) draw the heading face at body size.
    const float body_px = ui.fonts().body->FontSize;
    const bool urgent = v->has_slide && v->slide.urgent;
    const ImU32 header_bg = urgent ? t.domains[1] : t.bar;

    // Header: who speaks, and the time (a passer-by checks the board is alive).
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, header_h), header_bg);
    const std::string who = ui.str().app_title(s.district) + ui.str().middle_dot + ui.str().board_title;
    const float head_size = ui.fonts().heading->FontSize;
    const float head_y = std::round((header_h - Ui::line_height_for(head_size)) / 2);
    const DistrictTime now = district_time(static_cast<std::time_t>(v->now_ms / 1000));
    char clock[64];
    std::snprintf(clock, sizeof clock, "%02d:%02d", now.hour, now.minute);
    char date_iso[16];
    std::snprintf(date_iso, sizeof date_iso, "%04d-%02d-%02d", now.year, now.month, now.day);
    const std::string when = ui.str().date(date_iso) + " " + ui.str().weekday(now.weekday) + " " + clock;
    const float when_w = ui.text_end(when, true, head_size, W).x;
    ui.text_at(ImVec2(W - margin - when_w, head_y), when, t.on_bar, true, head_size, when_w + 4, 1);
    // Who speaks takes what the time leaves, cut with "…" on a narrow screen.
    ui.text_at(ImVec2(margin, head_y), who, t.on_bar, true, head_size, std::max(1.0f, W - 2 * margin - when_w - ui.px(32)), 1);

    const float content_top = header_h + ui.px(36), content_bottom = H - footer_h - ui.px(32);
    float width = W - 2 * margin;
    if (!v->has_slide) {
        ui.text_at(ImVec2(margin, content_top + ui.px(60)), ui.str().board_empty, t.muted, true, 0, width);
        if (s.device && !s.device->hall_name.empty())
            ui.text_at(ImVec2(margin, content_top + ui.px(180)), s.device->hall_name, t.text, false, 0, width);
        ImGui::Dummy(ImVec2(W, H));
        return;
    }

    // The slide's page on the public website as a QR code beside the title, so a passer-by
    // who cannot stay takes it home on their phone ([site] base_url; none without it).
    const QrCode* code = nullptr;
    if (!s.site_base_url.empty() && page_id_problem(v->slide.id).empty())
        code = take_away_code(s.site_base_url + (v->slide.kind == BoardSlide::Kind::Notice ? notice_page_path(v->slide.id)
                                                                                           : "interpretation/" + v->slide.id + ".html"));
    if (code) {
        const int module = qr_module_px(code->modules, ui.px(1));
        const float side = static_cast<float>(qr_side_px(*code, module));
        const ImVec2 at(W - margin - side, content_top);
        draw_qr(dl, at, *code, module);
        const float caption_w = std::min(ui.text_end(ui.str().board_scan, false, 0, side).x, side);
        ui.text_at(ImVec2(at.x + (side - caption_w) / 2, at.y + side + ui.px(8)), ui.str().board_scan, t.text, false, 0, side);
        // The title and the text keep to the left of the code's column, on every page.
        width -= side + ui.px(48);
    }

    // The slide's title block (every page) and its body lines.
    std::string tag, title, validity, body_text;
    std::vector<BoardLine> body;
    std::vector<float> col_w;  // a result table's columns, when it is drawn as one
    const float body_gap = ui.px(24);
    if (v->slide.kind == BoardSlide::Kind::Notice) {
        const Notice* n = find_notice(s.index, v->slide.id);
        if (!n) { ImGui::Dummy(ImVec2(W, H)); return; }
        tag = category_tag(ui.str(), n->category);
        title = ui.str().catalogue(n->title, n->title_en);
        validity = n->results ? ui.str().public_period_of(n->valid_from, n->valid_until) : std::string();
        if (validity.empty()) validity = ui.str().validity(n->valid_from, n->valid_until);
        add_paragraphs(ui, body, ui.str().catalogue(n->body, n->body_en), width, body_gap, t.text);
        if (n->results && !n->results->columns.empty()) {
            const ResultList& r = *n->results;
            // Columns at fixed x when the widest cell of each fits across the screen; else each
            // row as one wrapped line, "姓名：张*明　人数：3".
            col_w = column_widths(ui, r, body_px);
            float total = 0;
            for (float w : col_w) total += w;
            body.push_back({ui.str().result_count(r.rows.size()), true, t.text, 0, body_gap, {}, 0, true});
            if (total <= width) {
                body.push_back({"", true, t.muted, 0, ui.px(8), r.columns, 0, true, true});
                for (const auto& row : r.rows) {
                    int chars = 0;
                    for (const auto& cell : row) chars += char_count(cell);
                    body.push_back({"", false, t.text, 0, 0, row, chars});
                }
            } else {
                for (const auto& row : r.rows) {
                    std::string joined;
                    for (size_t c = 0; c < row.size() && c < r.columns.size(); c++)
                        joined += (c ? "　" : "") + ui.str().labelled(r.columns[c], row[c]);
                    add_paragraphs(ui, body, joined, width, ui.px(8), t.text);
                }
            }
        }
    } else {
        const Interpretation* in = find_interpretation(s.index, v->slide.id);
        if (!in) { ImGui::Dummy(ImVec2(W, H)); return; }
        tag = ui.str().interpretations;
        title = in->title;
        validity = in->published.empty() ? "" : ui.str().labelled(ui.str().published_on, ui.str().date(in->published));
        const std::pair<const std::string*, const std::string*> sections[] = {
            {&ui.str().what_changed, &in->what_changed}, {&ui.str().who_affected, &in->who_affected}, {&ui.str().what_to_do, &in->what_to_do}};
        for (auto [label, text] : sections) {
            if (text->empty()) continue;
            body.push_back({*label, true, t.accent, 0, body_gap, {}, char_count(*label), true});
            add_paragraphs(ui, body, *text, width, ui.px(8), t.text);
        }
    }

    // Title block height: tags, the title (at most 2 lines), the validity line.
    const float title_size = ui.fonts().heading->FontSize;
    const float tag_h = Ui::line_height_for(ui.fonts().body->FontSize) + ui.px(12);
    float y = content_top;
    float x = margin;
    auto pill = [&](const std::string& text, ImU32 bg, ImU32 fg) {
        const float w = ui.text_end(text, true, body_px, 1e6f).x + ui.px(32);
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + tag_h), bg, ui.px(10));
        ui.text_at(ImVec2(x + ui.px(16), y + ui.px(6)), text, fg, true, body_px, w, 1);
        x += w + ui.px(16);
    };
    if (urgent) pill(ui.str().urgent_label, t.domains[1], t.on_accent);
    if (!tag.empty()) pill(tag, t.tag_bg, t.tag_text);
    if (urgent || !tag.empty()) y += tag_h + ui.px(16);
    y += ui.text_at(ImVec2(margin, y), title, urgent ? t.domains[1] : t.text, true, title_size, width, 2);
    if (!validity.empty()) y += ui.px(8) + ui.text_at(ImVec2(margin, y + ui.px(8)), validity, t.muted, false, 0, width, 1);
    y += ui.px(20);
    dl->AddRectFilled(ImVec2(margin, y), ImVec2(margin + ui.px(160), y + ui.px(6)), urgent ? t.domains[1] : t.accent);
    y += ui.px(30);
    const float body_top = y;

    // Pages: as many body lines as fit under the title block.
    const float lh = Ui::line_height_for(ui.fonts().body->FontSize);
    std::vector<std::pair<size_t, size_t>> pages;  // [begin, end) of body lines
    std::vector<int> page_chars;
    // The table's header, for pages that begin inside the table.
    const BoardLine* header = nullptr;
    for (const BoardLine& l : body)
        if (l.table_header) header = &l;
    auto continues_table = [&](size_t i) { return header && !body[i].cells.empty() && !body[i].table_header; };
    {
        size_t begin = 0;
        float used = 0;
        for (size_t i = 0; i < body.size(); i++) {
            const float h = lh + (used > 0 ? body[i].gap_before : 0);
            if (used > 0 && body_top + used + h > content_bottom) {
                // Lines that belong with what follows go over with it (unless they fill the page).
                size_t cut = i;
                while (cut > begin + 1 && body[cut - 1].keep_with_next) cut--;
                pages.push_back({begin, cut});
                begin = cut;
                used = continues_table(cut) ? lh : 0;  // the header drawn again
                for (size_t j = cut; j < i; j++) used += lh + (used > 0 ? body[j].gap_before : 0);
            }
            used += lh + (used > 0 ? body[i].gap_before : 0);
        }
        pages.push_back({begin, body.size()});
        for (size_t p = 0; p < pages.size(); p++) {
            // The title again on later pages is glanced at rather than read: half its weight.
            int chars = p == 0 ? char_count(title) : char_count(title) / 2;
            for (size_t i = pages[p].first; i < pages[p].second; i++) chars += body[i].chars;
            page_chars.push_back(chars);
        }
    }
    ui.record_board_layout(page_chars);
    const int page = std::clamp(v->page, 0, static_cast<int>(pages.size()) - 1);

    // Column x for table rows.
    std::vector<float> col_x;
    for (const BoardLine& l : body)
        if (!l.cells.empty()) {
            // Measured again here for the row's own columns (every row has the same count).
            col_x.assign(l.cells.size(), 0);
            break;
        }
    if (!col_x.empty() && col_w.size() == col_x.size()) {
        float cx = margin;
        for (size_t c = 0; c < col_x.size(); c++) {
            col_x[c] = cx;
            cx += col_w[c];
        }
    }
    y = body_top;
    auto draw_line = [&](const BoardLine& l) {
        if (l.cells.empty()) {
            ui.text_at(ImVec2(margin, y), l.text, l.color, l.bold, body_px, width + 4, 1);
        } else {
            for (size_t c = 0; c < l.cells.size() && c < col_x.size(); c++)
                ui.text_at(ImVec2(col_x[c], y), l.cells[c], l.color, l.bold, body_px, width, 1);
            dl->AddLine(ImVec2(margin, y + lh), ImVec2(margin + width, y + lh), t.card_border, ui.px(1));
        }
        y += lh;
    };
    // A table continued from the page before: its header first.
    if (pages[page].first < body.size() && continues_table(pages[page].first)) draw_line(*header);
    for (size_t i = pages[page].first; i < pages[page].second; i++) {
        if (i != pages[page].first) y += body[i].gap_before;
        draw_line(body[i]);
    }

    // Footer: the page's progress, or that a touch paused it; the page; the place in the rotation.
    const float fy = H - footer_h;
    dl->AddRectFilled(ImVec2(0, fy), ImVec2(W, H), t.table_label_bg);
    const float bar_y = fy + footer_h / 2 - ui.px(8), bar_w = W * 0.45f;
    const float text_y = fy + std::round((footer_h - lh) / 2);
    if (v->paused) {
        ui.text_at(ImVec2(margin, text_y), ui.str().board_paused_for(v->paused_left_s), t.text, true, body_px, W * 0.6f, 1);
    } else {
        const double span = static_cast<double>(std::max<std::int64_t>(1, v->page_ends_ms - v->page_started_ms));
        const float done = static_cast<float>(std::clamp((v->now_ms - v->page_started_ms) / span, 0.0, 1.0));
        dl->AddRectFilled(ImVec2(margin, bar_y), ImVec2(margin + bar_w, bar_y + ui.px(16)), t.card, ui.px(8));
        dl->AddRect(ImVec2(margin, bar_y), ImVec2(margin + bar_w, bar_y + ui.px(16)), t.card_border, ui.px(8));
        dl->AddRectFilled(ImVec2(margin, bar_y), ImVec2(margin + bar_w * done, bar_y + ui.px(16)), urgent ? t.domains[1] : t.accent, ui.px(8));
    }
    std::string where = ui.str().board_position(v->position, v->count);
    if (pages.size() > 1) where = ui.str().board_page(page + 1, static_cast<int>(pages.size())) + "    " + where;
    const float where_w = ui.text_end(where, true, body_px, W).x;
    ui.text_at(ImVec2(W - margin - where_w, text_y), where, t.text, true, body_px, where_w + 4, 1);
    ImGui::Dummy(ImVec2(W, H));
}

}  // namespace gongkai
