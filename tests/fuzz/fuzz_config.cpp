// Fuzz target: load_config — the device's TOML configuration. Input: the file's bytes,
// written to one scratch file per process (load_config reads a path) and rewritten for
// every execution; then the same bytes as the device's own local.toml over a fixed main
// file and preset (config_layers.h), where whatever it holds must never reach [sync] or [site].
#include <filesystem>

#include "config.h"
#include "config_layers.h"
#include "fuzz_support.h"
#include "log.h"

using namespace gongkai;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    set_log_quiet(true);  // unknown keys are logged as warnings: thousands a second otherwise
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = fuzz::scratch_dir() + "/gongkai.toml";
    fuzz::write_whole_file(path, fuzz::as_view(data, size));
    auto cfg = load_config(path);
    if (cfg) {
        // The documented ranges hold for every accepted file.
        if (cfg->width != 0 && (cfg->width < 320 || cfg->width > 8192)) fuzz::fuzz_fail("width out of range");
        if (cfg->interval_s < 60 || cfg->interval_s > 86400) fuzz::fuzz_fail("interval_s out of range");
        if (cfg->logical_width() <= 0 || cfg->logical_height() <= 0) fuzz::fuzz_fail("non-positive logical size");
    } else {
        (void)cfg.error().describe();
    }
    static const std::string layers = [] {
        std::string dir = fuzz::scratch_dir() + "/layers";
        std::filesystem::create_directories(dir + "/presets");
        fuzz::write_whole_file(dir + "/presets/p.toml", "[display]\nidle_reset_s = 120\n");
        fuzz::write_whole_file(dir + "/gongkai.toml", "preset = \"p\"\n[sync]\nurl = \"https://gk.example.cn/\"\n");
        return dir;
    }();
    fuzz::write_whole_file(layers + "/local.toml", fuzz::as_view(data, size));
    for (bool strict : {false, true}) {
        auto device = load_config_layers(layers + "/gongkai.toml", strict ? all_config_sections() : std::set<std::string>{}, strict, nullptr);
        if (!device) continue;
        if (device->sync_url != "https://gk.example.cn/") fuzz::fuzz_fail("local.toml reached [sync] url");
        if (!device->site_base_url.empty() || !device->trusted_keys.empty()) fuzz::fuzz_fail("local.toml reached [site] or trusted_keys");
        if (!device->board_display_off_command.empty()) fuzz::fuzz_fail("local.toml reached a display command");
    }
    return 0;
}
