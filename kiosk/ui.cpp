// See ui.h.
#include "ui.h"

#include <algorithm>
#include <cmath>

#include "utf8.h"

namespace gongkai {

const FrameRecord::Target* FrameRecord::find_target(std::string_view id) const {
    for (auto& t : targets)
        if (t.id == id) return &t;
    return nullptr;
}

const FrameRecord::Text* FrameRecord::find_text(std::string_view text) const {
    for (auto& t : texts)
        if (t.text.find(text) != std::string::npos) return &t;
    return nullptr;
}

Ui::Ui(const FontSet& fonts, WrapCache& wraps, ListLayouts& lists, const Theme& theme, const UiStrings& strings,
       FrameRecord& record, float scale, bool landscape)
    : fonts_(fonts), wraps_(wraps), lists_(lists), theme_(theme), strings_(strings), record_(record), scale_(scale),
      landscape_(landscape) {}

float Ui::line_height_for(float size) {
    // ImGui's font size is the ascent-to-descent box (1.45 em for Noto Sans CJK); 5% more
    // gives ~1.5 em between baselines: CJK text set solid is hard to track line to line
    // for older eyes, and much looser breaks a paragraph into separate-looking lines.
    return std::round(size * 1.05f);
}

void Ui::note_missing(const ImFont* f, std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        char32_t cp = utf8::next(text, i);
        if (cp < 0x20 || cp > 0xFFFF) continue;  // ImWchar is 16-bit in Debian's build
        if (!f->FindGlyphNoFallback(static_cast<ImWchar>(cp))) missing_.insert(cp);
    }
}

void Ui::record_target(std::string_view id, ImVec2 min, ImVec2 max) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
    ImVec2 a(std::max(min.x, cmin.x), std::max(min.y, cmin.y)), b(std::min(max.x, cmax.x), std::min(max.y, cmax.y));
    if (a.x < b.x && a.y < b.y) record_.targets.push_back({std::string(id), a, b});
}

float Ui::text_height(std::string_view text, bool bold, float size, float width, int max_lines) {
    ImFont* f = font(bold);
    if (size <= 0) size = f->FontSize;
    size_t n = wraps_.wrap(f, size, text, width).size();
    if (max_lines > 0) n = std::min(n, static_cast<size_t>(max_lines));
    return n * line_height_for(size);
}

ImVec2 Ui::text_end(std::string_view text, bool bold, float size, float width) {
    ImFont* f = font(bold);
    if (size <= 0) size = f->FontSize;
    const auto lines = wraps_.wrap(f, size, text, width);
    if (lines.empty()) return ImVec2(0, 0);
    return ImVec2(lines.back().width, (lines.size() - 1) * line_height_for(size));
}

std::vector<TextLine> Ui::wrap_lines(std::string_view text, bool bold, float size, float width) {
    ImFont* f = font(bold);
    if (size <= 0) size = f->FontSize;
    note_missing(f, text);
    return wraps_.wrap(f, size, text, width);
}

float Ui::text_at(ImVec2 pos, std::string_view text, ImU32 color, bool bold, float size, float width, int max_lines) {
    ImFont* f = font(bold);
    if (size <= 0) size = f->FontSize;
    note_missing(f, text);
    auto lines = wraps_.wrap(f, size, text, width);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
    const float lh = line_height_for(size);
    const float baseline_pad = std::round((lh - size) * 0.5f);  // centre the em box in the line
    size_t n = lines.size();
    if (max_lines > 0 && n > static_cast<size_t>(max_lines)) n = max_lines;
    // The sentence being read aloud: a marker behind its characters, line by line.
    size_t spoken_begin = std::string::npos, spoken_end = 0;
    if (!spoken_.empty() && !record_.spoken_drawn)
        if (size_t at = text.find(spoken_); at != std::string_view::npos) {
            spoken_begin = at;
            spoken_end = at + spoken_.size();
        }
    for (size_t i = 0; i < n; i++) {
        std::string line(text.substr(lines[i].begin, lines[i].end - lines[i].begin));
        if (i + 1 == n && n < lines.size()) {
            // Truncate the last allowed line with an ellipsis.
            const float ell = f->CalcTextSizeA(size, FLT_MAX, 0, "…").x;
            while (!line.empty() && f->CalcTextSizeA(size, FLT_MAX, 0, line.c_str()).x + ell > width) {
                size_t cut = line.size() - 1;
                while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) cut--;
                line.resize(cut);
            }
            line += "…";
        }
        ImVec2 p(pos.x, pos.y + i * lh + baseline_pad);
        if (spoken_begin != std::string::npos) {
            const size_t b = std::max(spoken_begin, lines[i].begin), e = std::min(spoken_end, lines[i].end);
            if (b < e) {
                const float x0 = f->CalcTextSizeA(size, FLT_MAX, 0, text.data() + lines[i].begin, text.data() + b).x;
                const float x1 = x0 + f->CalcTextSizeA(size, FLT_MAX, 0, text.data() + b, text.data() + e).x;
                const ImVec2 a(p.x + x0 - px(4), pos.y + i * lh), z(p.x + x1 + px(4), pos.y + (i + 1) * lh);
                dl->AddRectFilled(a, z, theme_.highlight, px(6));
                if (!record_.spoken_drawn) record_.spoken_min = a;
                record_.spoken_drawn = true;
                record_.spoken_max = z;
            }
        }
        dl->AddText(f, size, p, color, line.data(), line.data() + line.size());
        ImVec2 q(p.x + lines[i].width, p.y + size);
        // Recorded as far as it is visible: a line the page's edge cuts is only partly seen.
        if (q.y > cmin.y && p.y < cmax.y && q.x > cmin.x && p.x < cmax.x)
            record_.texts.push_back({std::move(line), ImVec2(std::max(p.x, cmin.x), std::max(p.y, cmin.y)),
                                     ImVec2(std::min(q.x, cmax.x), std::min(q.y, cmax.y)), size, bold});
    }
    return n * lh;
}

void Ui::paragraph(std::string_view text, ImU32 color, bool bold, float size, float width) {
    if (width < 0) width = ImGui::GetContentRegionAvail().x;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float h = text_at(pos, text, color, bold, size, width);
    ImGui::Dummy(ImVec2(width, std::max(h, 1.0f)));
}

void Ui::title(std::string_view text, ImU32 color) { paragraph(text, color, true); }

void Ui::heading(std::string_view text) {
    gap(28);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    const float rule = px(10), pad = px(22);
    float h = text_at(ImVec2(pos.x + rule + pad, pos.y), text, theme_.text, true, 0, width - rule - pad);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(pos.x, pos.y + px(6)), ImVec2(pos.x + rule, pos.y + h - px(6)),
                                              theme_.accent, px(3));
    ImGui::Dummy(ImVec2(width, h));
    gap(8);
}

void Ui::bullets(const std::vector<std::string>& items) {
    const float indent = px(44);
    for (auto& item : items) {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float width = ImGui::GetContentRegionAvail().x;
        float lh = line_height_for(body_size());
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + px(14), pos.y + lh * 0.5f), px(7), theme_.accent);
        float h = text_at(ImVec2(pos.x + indent, pos.y), item, theme_.text, false, 0, width - indent);
        ImGui::Dummy(ImVec2(width, h + px(10)));
    }
}

void Ui::numbered(const std::vector<std::string>& items) {
    const float indent = px(72), r = px(24);
    int n = 1;
    for (auto& item : items) {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float width = ImGui::GetContentRegionAvail().x;
        float lh = line_height_for(body_size());
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImVec2 c(pos.x + r, pos.y + lh * 0.5f);
        dl->AddCircleFilled(c, r, theme_.accent, 32);
        std::string num = std::to_string(n++);
        ImVec2 ts = fonts_.heading->CalcTextSizeA(body_size(), FLT_MAX, 0, num.c_str());
        dl->AddText(fonts_.heading, body_size(), ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), theme_.on_accent, num.c_str());
        float h = text_at(ImVec2(pos.x + indent, pos.y), item, theme_.text, false, 0, width - indent);
        ImGui::Dummy(ImVec2(width, std::max(h, 2 * r) + px(14)));
    }
}

ImDrawList* Ui::begin_overlay(const char* name, bool dimmed, bool takes_touch) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoScrollWithMouse;
    if (!takes_touch) flags |= ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoFocusOnAppearing;
    ImGui::Begin(name, nullptr, flags);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (dimmed) dl->AddRectFilled(ImVec2(0, 0), io.DisplaySize, IM_COL32(0, 0, 0, 0x99));
    return dl;
}

void Ui::end_overlay() {
    ImGui::End();
    ImGui::PopStyleColor();
}

void Ui::overlay_box(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 border, float border_px) {
    dl->AddRectFilled(min, max, theme().card, px(18));
    dl->AddRect(min, max, border, px(18), 0, px(border_px));
}

void Ui::checklist(const std::vector<std::string>& items) {
    const float indent = px(64), box = px(34);
    for (auto& item : items) {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float width = ImGui::GetContentRegionAvail().x;
        float lh = line_height_for(body_size());
        ImVec2 b0(pos.x + px(4), pos.y + (lh - box) * 0.5f);
        ImGui::GetWindowDrawList()->AddRect(b0, ImVec2(b0.x + box, b0.y + box), theme_.text, px(4), 0, px(3));
        float h = text_at(ImVec2(pos.x + indent, pos.y), item, theme_.text, false, 0, width - indent);
        ImGui::Dummy(ImVec2(width, h + px(12)));
    }
}

void Ui::rows(ListLayouts::List& list, const std::function<void(size_t)>& draw) {
    const size_t count = list.rows.size();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    if (list.width != width || list.ends.size() != count) {
        list.width = width;
        list.ends.clear();
        for (size_t i = 0; i < count; i++) {
            draw(i);
            list.ends.push_back(ImGui::GetCursorScreenPos().y - origin.y);
        }
        return;
    }
    if (count == 0) return;
    // Rows from the first that ends below the clip rect's top to the last that starts above its bottom.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float top = dl->GetClipRectMin().y - origin.y, bottom = dl->GetClipRectMax().y - origin.y;
    size_t i = static_cast<size_t>(std::upper_bound(list.ends.begin(), list.ends.end(), top) - list.ends.begin());
    for (; i < count && (i == 0 ? 0.0f : list.ends[i - 1]) < bottom; i++) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + (i == 0 ? 0.0f : list.ends[i - 1])));
        draw(i);
    }
    // Past the last row, as if every row had been drawn: ImGui 1.86's SetCursorScreenPos
    // extends the window's content to the cursor, so the page scrolls as far as before.
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + list.ends.back()));
}

bool Ui::card(const Route& target, std::string_view title_text, std::string_view subtitle, std::string_view tag) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    const float pad = px(28), chevron = px(56);
    const float inner = width - 2 * pad - chevron;
    const float body = body_size();
    float title_h = text_height(title_text, true, 0, inner, 3);
    float tag_h = tag.empty() ? 0 : line_height_for(body);
    float sub_h = subtitle.empty() ? 0 : text_height(subtitle, false, 0, inner, 2);
    // 120 px minimum: above the 80 px floor for tap targets, so a one-line card is not a sliver.
    float h = std::max(px(120), pad + title_h + (tag_h > 0 ? px(8) + tag_h : 0) + (sub_h > 0 ? px(6) + sub_h : 0) + pad);

    std::string id = target.str();
    bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(width, h));
    bool active = ImGui::IsItemActive();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 end(pos.x + width, pos.y + h);
    dl->AddRectFilled(pos, end, active ? theme_.pressed : theme_.card, px(14));
    dl->AddRect(pos, end, theme_.card_border, px(14), 0, px(2));
    float y = pos.y + pad;
    y += text_at(ImVec2(pos.x + pad, y), title_text, theme_.text, true, 0, inner, 3);
    if (!tag.empty()) {
        y += px(8);
        float tw = fonts_.body->CalcTextSizeA(body, FLT_MAX, 0, tag.data(), tag.data() + tag.size()).x;
        dl->AddRectFilled(ImVec2(pos.x + pad, y), ImVec2(pos.x + pad + tw + px(24), y + tag_h), theme_.tag_bg, px(8));
        text_at(ImVec2(pos.x + pad + px(12), y), tag, theme_.tag_text, false, 0, tw + px(4));
        y += tag_h;
    }
    if (!subtitle.empty()) {
        y += px(6);
        text_at(ImVec2(pos.x + pad, y), subtitle, theme_.muted, false, 0, inner, 2);
    }
    draw_icon_chevron(dl, ImVec2(end.x - pad - chevron * 0.4f, pos.y + h * 0.5f), px(30), theme_.muted);
    record_target(id, pos, end);
    if (pressed) emit({UiEvent::Kind::Navigate, target, {}});
    gap(18);
    return pressed;
}

bool Ui::result_card(const Route& target, std::string_view title, int hb, int he, std::string_view domain,
                     std::string_view line) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, pad = px(24);
    const float inner = width - 2 * pad;
    ImFont* bold = fonts_.heading;
    const float lh_title = line_height_for(bold->FontSize), lh = line_height_for(body_size());
    const float domain_w = fonts_.body->CalcTextSizeA(body_size(), FLT_MAX, 0, domain.data(), domain.data() + domain.size()).x;
    const float title_w = std::max(px(120), inner - domain_w - px(40));
    // The title on at most two lines (a long English title), wrapped as every text is.
    note_missing(bold, title);
    const std::vector<TextLine> lines = wraps_.wrap(bold, bold->FontSize, title, title_w);
    const size_t n_lines = std::min<size_t>(2, lines.size());
    const float h = std::max(px(110), pad + n_lines * lh_title + px(4) + lh + pad);
    std::string id = target.str();
    bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(width, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 end(pos.x + width, pos.y + h);
    dl->AddRectFilled(pos, end, ImGui::IsItemActive() ? theme_.pressed : theme_.card, px(14));
    dl->AddRect(pos, end, theme_.card_border, px(14), 0, px(2));
    // Character by character, so the matched ones get a marker-pen band behind them.
    int index = 0;
    for (size_t li = 0; li < lines.size(); li++) {
        const bool last = li + 1 == n_lines;
        const bool cut = last && lines.size() > n_lines;
        float x = pos.x + pad;
        const float y = pos.y + pad + li * lh_title + std::round((lh_title - bold->FontSize) * 0.5f);
        const float ell = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "…").x;
        std::string shown;
        for (size_t i = lines[li].begin; i < lines[li].end; index++) {
            size_t end_of_char = i;
            utf8::next(title, end_of_char);
            const size_t n = end_of_char - i;
            const char* b = title.data() + i;
            const float w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, b, b + n).x;
            if (x + w + (cut ? ell : 0) > pos.x + pad + title_w) break;
            if (index >= hb && index < he)
                dl->AddRectFilled(ImVec2(x, y + bold->FontSize * 0.08f), ImVec2(x + w, y + bold->FontSize * 0.95f), theme_.highlight);
            dl->AddText(bold, bold->FontSize, ImVec2(x, y), theme_.text, b, b + n);
            shown.append(b, n);
            x += w;
            i += n;
        }
        if (cut) {
            dl->AddText(bold, bold->FontSize, ImVec2(x, y), theme_.text, "…");
            shown += "…";
            x += ell;
        }
        // Recorded as far as it is visible, as text_at records (a card under the keyboard).
        const ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
        const ImVec2 a(pos.x + pad, y), z(x, y + bold->FontSize);
        if (z.y > cmin.y && a.y < cmax.y && z.x > cmin.x && a.x < cmax.x)
            record_.texts.push_back({shown, ImVec2(std::max(a.x, cmin.x), std::max(a.y, cmin.y)),
                                     ImVec2(std::min(z.x, cmax.x), std::min(z.y, cmax.y)), bold->FontSize, true});
        if (last) break;
        // Characters between this line's end and the next line's start (a space) still count.
        for (size_t i = lines[li].end; i < lines[li + 1].begin;) {
            utf8::next(title, i);
            index++;
        }
    }
    // Domain tag on the right of the first title line.
    ImVec2 tag(end.x - pad - domain_w - px(20), pos.y + pad);
    dl->AddRectFilled(tag, ImVec2(end.x - pad, tag.y + lh_title), theme_.tag_bg, px(8));
    text_at(ImVec2(tag.x + px(10), tag.y + (lh_title - lh) * 0.5f), domain, theme_.tag_text, false, 0, domain_w + px(4), 1);
    text_at(ImVec2(pos.x + pad, pos.y + pad + n_lines * lh_title + px(4)), line, theme_.muted, false, 0, inner, 1);
    record_target(id, pos, end);
    if (pressed) emit({UiEvent::Kind::Navigate, target, {}});
    gap(14);
    return pressed;
}

bool Ui::button(std::string_view target_id, std::string_view label, ImVec2 size, ImU32 bg, ImU32 fg, bool bold,
                float font_size) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    std::string id(target_id);
    bool pressed = ImGui::InvisibleButton(id.c_str(), size);
    bool active = ImGui::IsItemActive();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 end(pos.x + size.x, pos.y + size.y);
    dl->AddRectFilled(pos, end, bg, px(14));
    if (active) dl->AddRectFilled(pos, end, theme_.press_shade, px(14));
    ImFont* f = font(bold);
    if (font_size <= 0) font_size = f->FontSize;
    float w = size.x - px(24);
    float h = text_height(label, bold, font_size, w);
    auto lines = wraps_.wrap(f, font_size, label, w);
    float lw = lines.size() == 1 ? lines[0].width : w;
    text_at(ImVec2(pos.x + (size.x - lw) * 0.5f, pos.y + (size.y - h) * 0.5f), label, fg, bold, font_size, w);
    record_target(id, pos, end);
    return pressed;
}

void Ui::standard_table(const std::vector<std::pair<std::string, std::vector<std::string>>>& rows) {
    const float width = ImGui::GetContentRegionAvail().x;
    // 320 px: the longest label, 公开内容（要素）, on one line at 34 px.
    const float label_w = px(320), pad = px(18);
    const float value_w = width - label_w - 2 * pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (auto& [label, values] : rows) {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float label_h = text_height(label, true, body_size(), label_w - 2 * pad);
        float value_h = 0;
        for (auto& v : values) value_h += text_height(v, false, 0, value_w - pad) + px(6);
        float h = std::max(label_h, value_h) + 2 * pad;
        ImVec2 end(pos.x + width, pos.y + h);
        dl->AddRectFilled(pos, ImVec2(pos.x + label_w, end.y), theme_.table_label_bg);
        dl->AddRectFilled(ImVec2(pos.x + label_w, pos.y), end, theme_.card);
        dl->AddRect(pos, end, theme_.card_border, 0, 0, px(2));
        dl->AddLine(ImVec2(pos.x + label_w, pos.y), ImVec2(pos.x + label_w, end.y), theme_.card_border, px(2));
        text_at(ImVec2(pos.x + pad, pos.y + pad), label, theme_.text, true, body_size(), label_w - 2 * pad);
        float y = pos.y + pad;
        for (auto& v : values) y += text_at(ImVec2(pos.x + label_w + pad, y), v, theme_.text, false, 0, value_w - pad) + px(6);
        ImGui::Dummy(ImVec2(width, h));
        // Rows share their border: pull the next row up by the border's width.
        ImGui::SetCursorScreenPos(ImVec2(pos.x, end.y - px(2)));
    }
    gap(4);
}

void draw_icon_back(ImDrawList* dl, ImVec2 c, float s, ImU32 color) {
    float t = s * 0.14f;
    dl->AddLine(ImVec2(c.x + s * 0.2f, c.y - s * 0.45f), ImVec2(c.x - s * 0.25f, c.y), color, t);
    dl->AddLine(ImVec2(c.x - s * 0.25f, c.y), ImVec2(c.x + s * 0.2f, c.y + s * 0.45f), color, t);
}

void draw_icon_chevron(ImDrawList* dl, ImVec2 c, float s, ImU32 color) {
    float t = s * 0.14f;
    dl->AddLine(ImVec2(c.x - s * 0.2f, c.y - s * 0.45f), ImVec2(c.x + s * 0.25f, c.y), color, t);
    dl->AddLine(ImVec2(c.x + s * 0.25f, c.y), ImVec2(c.x - s * 0.2f, c.y + s * 0.45f), color, t);
}

void draw_icon_home(ImDrawList* dl, ImVec2 c, float s, ImU32 color) {
    float t = s * 0.1f;
    ImVec2 roof[3] = {ImVec2(c.x - s * 0.5f, c.y - s * 0.02f), ImVec2(c.x, c.y - s * 0.48f), ImVec2(c.x + s * 0.5f, c.y - s * 0.02f)};
    dl->AddPolyline(roof, 3, color, 0, t);
    dl->AddRect(ImVec2(c.x - s * 0.33f, c.y - s * 0.08f), ImVec2(c.x + s * 0.33f, c.y + s * 0.45f), color, 0, 0, t);
}

void draw_icon_speaker(ImDrawList* dl, ImVec2 c, float s, ImU32 color) {
    // A speaker: a box, its cone, and two sound waves.
    const float t = s * 0.09f;
    dl->AddRectFilled(ImVec2(c.x - s * 0.45f, c.y - s * 0.14f), ImVec2(c.x - s * 0.25f, c.y + s * 0.14f), color);
    dl->AddTriangleFilled(ImVec2(c.x - s * 0.25f, c.y - s * 0.14f), ImVec2(c.x + s * 0.02f, c.y - s * 0.4f),
                          ImVec2(c.x + s * 0.02f, c.y + s * 0.4f), color);
    dl->AddTriangleFilled(ImVec2(c.x - s * 0.25f, c.y + s * 0.14f), ImVec2(c.x - s * 0.25f, c.y - s * 0.14f),
                          ImVec2(c.x + s * 0.02f, c.y + s * 0.4f), color);
    for (float r : {0.2f, 0.38f}) {
        dl->PathArcTo(ImVec2(c.x + s * 0.05f, c.y), s * r, -0.9f, 0.9f, 12);
        dl->PathStroke(color, 0, t);
    }
}

void draw_icon_check(ImDrawList* dl, ImVec2 c, float s, ImU32 color) {
    const ImVec2 points[3] = {ImVec2(c.x - s * 0.38f, c.y + s * 0.02f), ImVec2(c.x - s * 0.1f, c.y + s * 0.3f),
                              ImVec2(c.x + s * 0.4f, c.y - s * 0.3f)};
    dl->AddPolyline(points, 3, color, 0, s * 0.16f);
}

void draw_icon_face(ImDrawList* dl, ImVec2 c, float s, int rating, ImU32 fill, ImU32 ink) {
    const float r = s * 0.5f;
    dl->AddCircleFilled(c, r, fill, 48);
    // Eyes, a little above the middle, and for 非常不满意 brows slanting down to the nose.
    const float eye_dx = r * 0.36f, eye_y = c.y - r * 0.22f, eye_r = r * 0.12f;
    const float t = std::max(2.0f, r * 0.13f);
    if (rating >= 5) {
        // Laughing eyes: two arcs bowed upward (angles run clockwise from +x, y down: π … 2π is
        // the upper half).
        constexpr float kPi = 3.14159265f;
        for (float side : {-1.0f, 1.0f}) {
            dl->PathArcTo(ImVec2(c.x + side * eye_dx, eye_y + eye_r), eye_r * 1.5f, kPi * 1.1f, kPi * 1.9f, 10);
            dl->PathStroke(ink, 0, t);
        }
    } else {
        dl->AddCircleFilled(ImVec2(c.x - eye_dx, eye_y), eye_r, ink, 16);
        dl->AddCircleFilled(ImVec2(c.x + eye_dx, eye_y), eye_r, ink, 16);
    }
    if (rating <= 1) {
        dl->AddLine(ImVec2(c.x - eye_dx - r * 0.2f, eye_y - r * 0.34f), ImVec2(c.x - eye_dx + r * 0.18f, eye_y - r * 0.2f), ink, t);
        dl->AddLine(ImVec2(c.x + eye_dx + r * 0.2f, eye_y - r * 0.34f), ImVec2(c.x + eye_dx - r * 0.18f, eye_y - r * 0.2f), ink, t);
    }
    // The mouth: a quadratic curve from corner to corner whose middle bends down (a smile) or
    // up (a frown) by `bend` radii; the corners sit lower as the mouth turns down, so a frown
    // stays inside the face.
    static constexpr float kBend[5] = {-0.44f, -0.32f, 0.0f, 0.34f, 0.5f};   // rating 1 … 5
    static constexpr float kCorners[5] = {0.64f, 0.52f, 0.36f, 0.24f, 0.1f};  // below the middle, radii
    static constexpr float kHalfWidth[5] = {0.5f, 0.46f, 0.46f, 0.46f, 0.58f};  // the laugh is wider
    const int i = std::clamp(rating, 1, 5) - 1;
    const float half_w = r * kHalfWidth[i], y0 = c.y + r * kCorners[i];
    const ImVec2 left(c.x - half_w, y0), right(c.x + half_w, y0), control(c.x, y0 + r * kBend[i] * 2);
    if (rating >= 5) {
        // Wide open: the smile filled, its top edge straight.
        dl->PathLineTo(left);
        dl->PathBezierQuadraticCurveTo(control, right, 16);
        dl->PathFillConvex(ink);
    } else {
        dl->PathLineTo(left);
        dl->PathBezierQuadraticCurveTo(control, right, 16);
        dl->PathStroke(ink, 0, t);
    }
}

void draw_icon_search(ImDrawList* dl, ImVec2 c, float s, ImU32 color) {
    float t = s * 0.12f;
    dl->AddCircle(ImVec2(c.x - s * 0.1f, c.y - s * 0.1f), s * 0.3f, color, 32, t);
    dl->AddLine(ImVec2(c.x + s * 0.12f, c.y + s * 0.12f), ImVec2(c.x + s * 0.45f, c.y + s * 0.45f), color, t * 1.3f);
}

}  // namespace gongkai
