// Fuzz target: the TOML half of import_source — guides/*.toml, notices.toml and
// catalogue.toml, through toml++ (compiled instrumented, see CMakeLists.txt) and the
// importer's readers, links and checks. Those readers are internal to source_import.cpp,
// so the input is written out as a source directory and imported whole.
//
// Input: up to six parts separated by a line "#@@" (a TOML comment, so an unsplit
// input is still one valid file):  guide  [#@@ notices.toml  [#@@ catalogue.toml
// [#@@ thesaurus.toml [#@@ interpretations.toml [#@@ responses.toml]]]]].
// A missing notices part means no notices.toml; a missing catalogue part means
// data/catalogue.toml, one domain whose directory is data/directory.csv (two real rows
// of 社会救助, so guides can link to them).
#include <filesystem>

#include "fuzz_support.h"
#include "bundle.h"
#include "model.h"
#include "source_import.h"

using namespace gongkai;

static constexpr std::string_view kSeparator = "\n#@@\n";

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string dir = fuzz::scratch_dir();
    static const std::string default_catalogue = fuzz::read_fuzz_data("catalogue.toml");
    static const bool once = [] {
        std::filesystem::create_directories(dir + "/guides");
        std::filesystem::create_directories(dir + "/directory");
        fuzz::write_whole_file(dir + "/directory/directory.csv", fuzz::read_fuzz_data("directory.csv"));
        return true;
    }();
    (void)once;

    std::string_view rest = fuzz::as_view(data, size), parts[6];
    int n = 0;
    while (n < 5) {
        size_t sep = rest.find(kSeparator);
        if (sep == std::string_view::npos) break;
        parts[n++] = rest.substr(0, sep);
        rest.remove_prefix(sep + kSeparator.size());
    }
    parts[n++] = rest;

    fuzz::write_whole_file(dir + "/guides/guide.toml", parts[0]);
    std::error_code ec;
    if (n >= 2) fuzz::write_whole_file(dir + "/notices.toml", parts[1]);
    else std::filesystem::remove(dir + "/notices.toml", ec);
    fuzz::write_whole_file(dir + "/catalogue.toml", n >= 3 ? parts[2] : std::string_view(default_catalogue));
    if (n >= 4) fuzz::write_whole_file(dir + "/thesaurus.toml", parts[3]);
    else std::filesystem::remove(dir + "/thesaurus.toml", ec);
    // Issue 11's files: 政策解读 and 回应关切, linked to the guide and the notices.
    if (n >= 5) fuzz::write_whole_file(dir + "/interpretations.toml", parts[4]);
    else std::filesystem::remove(dir + "/interpretations.toml", ec);
    if (n >= 6) fuzz::write_whole_file(dir + "/responses.toml", parts[5]);
    else std::filesystem::remove(dir + "/responses.toml", ec);

    ImportResult result = import_source(dir);
    for (auto* list : {&result.problems, &result.warnings})
        for (auto& p : *list) {
            if (p.line < 0 || p.column < 0) fuzz::fuzz_fail("negative problem position");
            (void)format_problem(p);
        }
    // A clean thesaurus holds only words the bundle reader accepts.
    if (result.problems.empty())
        for (auto& e : result.catalogue.thesaurus)
            for (auto* side : {&e.words, &e.means})
                for (auto& w : *side)
                    if (!thesaurus_word_problem(w).empty()) fuzz::fuzz_fail("a thesaurus word the bundle would refuse");
    // A source without problems is publishable: every link must resolve.
    if (result.problems.empty())
        for (auto& item : result.catalogue.items)
            for (auto& link : item.links)
                if (!result.catalogue.find_item(link)) fuzz::fuzz_fail("clean import with a dangling link");
    // What validate accepts, a device accepts: a clean source's bundle decodes.
    if (result.problems.empty() && !catalogue_from_json(catalogue_to_json(result.catalogue)))
        fuzz::fuzz_fail("a clean import the bundle decoder refuses");
    return 0;
}
