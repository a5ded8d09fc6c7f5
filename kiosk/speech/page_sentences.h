// Page → the ordered sentences read-aloud (朗读) speaks, as plain functions of the catalogue
// model: the same list drives the synth (speech_synth.h) and the screen's highlighting.
//
// An item page is read in the order item_screen draws it: the title; for a directory row
// whose guide is linked, "办事指南：<guide title>"; then the key facts (办事要点: where, how
// long, fee, enquiries) and each plain-language section — its heading as a sentence of its
// own ("要带什么。") followed by its text (what it is, who, what to bring, what you do,
// what happens after you apply, legal basis), or,
// for a row with no guide, what is published, when, by whom and where. The
// disclosure-standard table and the related-item cards are not read: the table restates
// the row's plain-language sections in the standard's terms. A notice is read as its title,
// its dates, then its body.
//
// Paragraphs split into sentences after 。！？； (and ! ? ;) and at line breaks; each list
// item is at least one sentence.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "cache.h"
#include "model.h"
#include "route.h"
#include "ui_strings.h"

namespace gongkai {

struct SpokenSentence {
    std::string text;  // what is read; a heading or title gets the language's sentence end ("要带什么。")
    // The on-screen text block the sentence comes from, counted in reading order from 0 (the
    // title), one per title, heading, paragraph and list item; and the bytes of `text` within
    // that block's text (a heading: the whole heading, without the added sentence end).
    int block = 0;
    size_t begin = 0, end = 0;
};

// A paragraph's sentences as byte ranges [begin, end), terminators kept, surrounding
// spaces and empty pieces dropped.
std::vector<std::pair<size_t, size_t>> sentence_ranges(std::string_view paragraph);

// `linked`: the items `item.links` names, as the item page loads them (load_item_page).
std::vector<SpokenSentence> item_sentences(const Item& item, const std::vector<Item>& linked, const UiStrings& str);
// A result list (结果公开) is read after the body: "公示名单（共3条）", then each row as its card
// shows it — or, past the notice's end (`now`), only that the list has been taken down.
std::vector<SpokenSentence> notice_sentences(const Notice& notice, const UiStrings& str, std::time_t now);
// 政策解读: its title, date, then 变化了什么 / 对谁有影响 / 您需要做什么, each heading a sentence.
std::vector<SpokenSentence> interpretation_sentences(const Interpretation& in, const UiStrings& str);
// 回应关切: "群众关心的问题", the question, when and where, "答复", the answer.
std::vector<SpokenSentence> response_sentences(const Response& r, const UiStrings& str);
// What a route's page reads: an item's (with its linked items), a notice's, an
// interpretation's or a response's sentences, read through `cache`, at `now` (0: the clock's
// time). SpeechError::PageNotFound for an unknown id, NothingToRead for another route; a
// cache failure as itself.
Result<std::vector<SpokenSentence>> page_sentences(Cache& cache, const Route& route, const UiStrings& str, std::time_t now = 0);
// The part of a sentence the screen shows (a heading's sentence without its added end).
inline std::string_view shown_text(const SpokenSentence& s) { return std::string_view(s.text).substr(0, s.end - s.begin); }
// Just the texts, as SpeechSynth::start takes them.
std::vector<std::string> sentence_texts(const std::vector<SpokenSentence>& sentences);

}  // namespace gongkai
