// Every reproducer the fuzzers found (tests/fuzz/findings/<target>/) run through the real
// parser in the ordinary build, and under ASan+UBSan in scripts/test-sanitized: each now
// ends in its named error — none aborts, none reaches undefined behaviour.
#include <zstd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "bundle.h"
#include "config.h"
#include "manifest.h"
#include "minisign.h"
#include "support.h"
#include "toml_source.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

const std::filesystem::path kFindings = std::filesystem::path(GONGKAI_TESTS_DIR) / "fuzz" / "findings";
const std::filesystem::path kFuzzData = std::filesystem::path(GONGKAI_TESTS_DIR) / "fuzz" / "data";

std::string finding(const std::string& name) {
    auto path = kFindings / name;
    REQUIRE(std::filesystem::exists(path));
    return slurp(path);
}

}  // namespace

TEST_CASE("fuzz finding: a manifest whose format is an object is ManifestInvalid, not an abort", "[fuzz][manifest]") {
    auto m = parse_manifest(finding("fuzz_manifest/format-is-an-object.json"));
    REQUIRE_FALSE(m);
    CHECK(m.error().code == CatalogueError::ManifestInvalid);
}

TEST_CASE("fuzz finding: a bundle whose format is a number is BundleCorrupt, not an abort", "[fuzz][bundle]") {
    std::string input = finding("fuzz_bundle/format-is-a-number.json");
    REQUIRE(input.starts_with("J"));  // the harness compresses what follows the J
    std::string json = input.substr(1);
    std::string zst(ZSTD_compressBound(json.size()), '\0');
    zst.resize(ZSTD_compress(zst.data(), zst.size(), json.data(), json.size(), 1));
    auto cat = decode_bundle(zst);
    REQUIRE_FALSE(cat);
    CHECK(cat.error().code == CatalogueError::BundleCorrupt);
}

TEST_CASE("fuzz finding: a .minisig with an empty signature line is SignatureMalformed", "[fuzz][minisign]") {
    auto key = minisign::parse_public_key(slurp(kFuzzData / "trusted.pub"));
    REQUIRE(key);
    auto v = minisign::verify(slurp(kFuzzData / "manifest.json"), finding("fuzz_minisign/empty-signature-line.minisig"), {*key});
    REQUIRE_FALSE(v);
    CHECK(v.error().code == CatalogueError::SignatureMalformed);
}

TEST_CASE("fuzz finding: TOML that reached toml++'s unreachable is read or refused before toml++ sees it", "[fuzz][toml]") {
    TempDir dir;
    // U+FEFB (EF BB BB, a mutated byte-order mark) alone: a character outside quotes.
    write_file(dir.file("c.toml"), finding("fuzz_config/bom-toml-unreachable.toml"));
    auto cfg = load_config(dir.file("c.toml"));
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().code == BaseError::ConfigInvalid);
    CHECK(cfg.error().detail.find("c.toml:1:1: 引号外的字符") != std::string::npos);
    // """\˸ (U+02F8) — a multi-line string's backslash before a non-ASCII character: toml++ asks its
    // whitespace test about it (found by a 240-s run after the quote fix).
    write_file(dir.file("b.toml"), finding("fuzz_config/backslash-before-non-ascii-unreachable.toml"));
    auto escaped = load_config(dir.file("b.toml"));
    REQUIRE_FALSE(escaped);
    CHECK(escaped.error().detail.find("b.toml:1:5: 反斜杠后的字符“˸”") != std::string::npos);
    // """\⏎ﹿ — after a line-ending backslash toml++ tests the next character (a 240-s run).
    write_file(dir.file("l.toml"), finding("fuzz_config/line-ending-backslash-unreachable.toml"));
    auto line_ending = load_config(dir.file("l.toml"));
    REQUIRE_FALSE(line_ending);
    CHECK(line_ending.error().code == BaseError::ConfigInvalid);
    for (const char* name : {"fuzz_guide_toml/bracket-toml-unreachable.toml",
                             // y=1"。 — toml++ reads past a quote inside a bare value (found after the
                             // pre-scan, by a 100-s run): the scan now does the same.
                             "fuzz_guide_toml/quote-inside-a-value-unreachable.toml",
                             // q=1['ぅ (GB18030 a4a5): a bracket inside a bare value, the same way.
                             "fuzz_guide_toml/bracket-inside-a-value-unreachable.toml"}) {
        INFO(name);
        write_file(dir.file("g.toml"), finding(name));
        auto r = read_toml("", dir.file("g.toml"), "g.toml", true, nullptr);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == CatalogueError::SourceSyntax);
        CHECK(r.error().detail.find("引号外的字符") != std::string::npos);
    }
}
