// Fuzz target: load_config — the device's TOML configuration. Input: the file's bytes,
// written to one scratch file per process (load_config reads a path) and rewritten for
// every execution.
#include "config.h"
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
    return 0;
}
