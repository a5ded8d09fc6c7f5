// A device's configuration in three layers, and the one way its own settings change.
//
//   <dir>/presets/<name>.toml   a preset: the shape of the device (a portrait hall kiosk, a
//                               landscape board, a small convenience-window screen)
//   <dir>/gongkai.toml          the file given with --config: what the technician wrote
//   <dir>/local.toml            this device's own settings: what the staff panel writes
//
// Later layers win key by key (a table merges into a table; any other value replaces). The
// preset is named by a top-level `preset = "name"` in local.toml, else in the main file.
// On a packaged device <dir> is /etc/gongkai, and /etc/gongkai/local.toml is a symlink to
// /var/lib/gongkai/local.toml, so the kiosk (running as the gongkai user under
// ProtectSystem=strict) can write it atomically beside the cache.
//
// A change is validated before it is written and refused with a named reason otherwise;
// a change that could leave the screen unusable (the display settings) is written with a
// deadline, and is reverted to the last good settings unless confirmed before it:
//
//   CONFIRMED ── apply_settings(…, 0) ──► local.toml and local.toml.last-good ← the new settings
//       │
//       │ apply_settings(…, confirm_within_s > 0)
//       │     local.toml.pending ← the deadline (unix seconds); local.toml ← the new settings
//       ▼     (last-good keeps the confirmed settings)
//    PENDING ── apply_settings(…, 0) ──► the change goes into local.toml AND last-good
//       │   ── apply_settings(…, > 0) ──► a new deadline; last-good still the confirmed ones
//       │
//       ├── confirm_settings ──► last-good ← local.toml; mark removed ──► CONFIRMED
//       └── revert_settings (the panel's 恢复, no answer by the deadline, or a kiosk that
//           starts after the deadline) ──► local.toml ← last-good; mark removed ──► CONFIRMED
//
// So last-good is always the newest settings nobody has to confirm: what a revert puts
// back, and what a device runs on if local.toml is broken by hand.
//
// Every file is written by rename (file_write.h): a power cut leaves the old settings or
// the new ones, and a pending mark that outlives its deadline reverts at the next start.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <toml++/toml.h>

#include "config.h"

namespace gongkai {

// A preset's name: lower-case ASCII letters, digits and '-', so it is a file name and
// nothing else (no "../"); 40 bytes is twice the longest shipped one.
inline constexpr size_t kMaxPresetNameBytes = 40;
bool preset_name_valid(std::string_view name);
// <dir of config_path>/presets/<name>.toml
std::string preset_path(const std::string& config_path, std::string_view name);
// <dir of config_path>/local.toml; "" for no config file.
std::string local_config_path(const std::string& config_path);
// Where local.toml's bytes really live: its symlink followed (even a dangling one), so
// the file, its last-good copy and its pending mark are written in the target's directory.
std::string local_settings_real_path(const std::string& local_path);

// load_config over the layers, with local.toml's table replaced by `local_replacement`
// when given; `strict_keys`: an unknown section or key is ConfigInvalid, not a warning.
// `all_problems` receives every fatal problem (the error names only the first).
Result<Config> load_config_layers(const std::string& config_path, const std::set<std::string>& fatal_sections, bool strict_keys,
                                  const toml::table* local_replacement, std::vector<std::string>* all_problems = nullptr);

// One setting: [section] key = value; no value removes the key from local.toml (the
// preset's or the main file's value shows again). section "" is the top level (`preset`).
using SettingValue = std::variant<std::string, int64_t, double, bool, std::vector<std::string>>;
struct SettingChange {
    std::string section, key;
    std::optional<SettingValue> value;
};

// local.toml with `changes` applied, validated over all the layers — every section strict,
// an unknown section or key refused — and only then written. ConfigInvalid naming the key
// and why (nothing written), or FileWriteFailed. Returns the Config the device now runs.
// confirm_within_s > 0: keep the old settings as last-good and write the pending mark.
// A problem already in the layers before the change (a bad value the technician wrote in
// gongkai.toml) does not block it: only problems the change brings are refused.
// `now_unix_s` (0: the system clock) is when the confirmation deadline counts from.
Result<Config> apply_settings(const std::string& config_path, const std::vector<SettingChange>& changes, int confirm_within_s = 0,
                              int64_t now_unix_s = 0);

struct PendingSettings {
    bool pending = false;
    int64_t deadline_unix_s = 0;
};
PendingSettings pending_settings(const std::string& config_path);
// Keep the pending settings: the mark is removed.
Error confirm_settings(const std::string& config_path);
// Put the last good settings back and remove the mark. Without a mark: nothing to do.
Error revert_settings(const std::string& config_path);

// local.toml's current table ({} when absent); ConfigInvalid naming it when it exists and
// cannot be read or parsed (the panel then refuses to write over it).
Result<toml::table> read_local_settings(const std::string& config_path);
// Whether local.toml may set [section] key ("" section: the top level). Only how the device
// looks and which hall it is in: [display] (not the font files), [hall], [board] (not the
// display commands), [staff], and `preset`. Never [sync], [report], [cache] or [site].
bool local_may_set(const std::string& section, const std::string& key);

}  // namespace gongkai
