// Writing files in place (sync/base/file_write.h): a reader sees the old file or the new one,
// and nothing planted beside the target redirects the write.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "file_write.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("a symlink or FIFO planted at the staging name is removed, never followed or waited on", "[files]") {
    TempDir dir;
    const std::string target = dir.file("atlas.gka");
    write_file(dir.file("local.toml"), "[hall]\nname = \"漕河泾\"\n");

    SECTION("a symlink to another file the writer could write") {
        std::filesystem::create_symlink(dir.file("local.toml"), staged_path(target));
        REQUIRE_FALSE(write_file_atomic(target, "new bytes"));
        CHECK(slurp(dir.file("local.toml")) == "[hall]\nname = \"漕河泾\"\n");
        CHECK(slurp(target) == "new bytes");
        CHECK_FALSE(std::filesystem::is_symlink(target));
    }
    SECTION("a FIFO") {
        REQUIRE(::mkfifo(staged_path(target).c_str(), 0644) == 0);
        REQUIRE_FALSE(write_file_atomic(target, "new bytes"));
        CHECK(slurp(target) == "new bytes");
    }
    SECTION("a leftover of a run that died half-way") {
        write_file(staged_path(target), "half a file");
        REQUIRE_FALSE(stage_file(target, "whole"));
        REQUIRE_FALSE(commit_staged(target));
        CHECK(slurp(target) == "whole");
        CHECK_FALSE(std::filesystem::exists(staged_path(target)));
    }
}
