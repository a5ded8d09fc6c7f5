// See config_layers.h. Reading the layers is in config.cpp (load_config_layers); this
// file changes local.toml.
#include "config_layers.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "file_write.h"
#include "log.h"
#include "text_encoding.h"
#include "toml_source.h"

namespace gongkai {

namespace fs = std::filesystem;

std::string local_settings_real_path(const std::string& local_path) {
    fs::path p = local_path;
    // A chain of symlinks, followed by hand: canonical() refuses a dangling one, which is
    // exactly the state of a freshly installed device (the target is written on first use).
    // 8 links is more than any layout needs and stops a loop.
    for (int hops = 0; hops < 8; hops++) {
        std::error_code ec;
        if (!fs::is_symlink(p, ec)) break;
        fs::path target = fs::read_symlink(p, ec);
        if (ec) break;
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    return p.lexically_normal().string();
}

static std::string pending_path(const std::string& config_path) {
    return local_settings_real_path(local_config_path(config_path)) + ".pending";
}
static std::string last_good_path(const std::string& config_path) {
    return local_settings_real_path(local_config_path(config_path)) + ".last-good";
}

// local.toml holds the PIN's hash: readable by the gongkai group (the daemon), nobody else.
constexpr mode_t kLocalSettingsMode = 0660;

// Written by root (`--set-pin` from a technician's shell), a settings file would become
// root's, and the kiosk and the daemon, which run as their own users, could no longer read
// it: the device would lose its own settings. Root gives each file to the owner and group
// of the directory it is in (/var/lib/gongkai: gongkai:gongkai), as SQLite does its WAL.
static Error write_settings_file(const std::string& path, std::string_view bytes) {
    if (Error e = write_file_atomic(path, bytes, kLocalSettingsMode)) return e;
    if (geteuid() != 0) return {};
    struct stat dir {};
    const std::string parent = fs::path(path).parent_path().empty() ? "." : fs::path(path).parent_path().string();
    if (::stat(parent.c_str(), &dir) != 0) return {};
    if (::chown(path.c_str(), dir.st_uid, dir.st_gid) != 0)
        return make_error(BaseError::FileWriteFailed, path + ": cannot give it to the directory's owner: " + std::strerror(errno));
    return {};
}

// The bytes of a file, or "" when it does not exist; nullopt when it exists and cannot be read.
static std::optional<std::string> file_bytes(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return std::string();
    auto bytes = read_file(path, kMaxTomlBytes);
    if (!bytes) return std::nullopt;
    return std::move(*bytes);
}

static void set_value(toml::table& section, const std::string& key, const SettingValue& value) {
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                toml::array array;
                for (const auto& s : v) array.push_back(s);
                section.insert_or_assign(key, std::move(array));
            } else {
                section.insert_or_assign(key, v);
            }
        },
        value);
}

static std::string serialise(const toml::table& local) {
    std::ostringstream out;
    out << "# This device's own settings, written by the staff panel (gongkai-kiosk).\n"
           "# They override gongkai.toml and its preset key by key (docs/deploy.md).\n\n";
    out << local << "\n";
    return out.str();
}

// `changes` applied to `table`; ConfigInvalid when a section name is already a value.
static Error apply_changes(toml::table& table, const std::vector<SettingChange>& changes, const std::string& local_path) {
    for (const SettingChange& change : changes) {
        toml::table* section = &table;
        if (!change.section.empty()) {
            if (!table.get(change.section)) table.insert(change.section, toml::table{});
            section = table.get_as<toml::table>(change.section);
            if (!section) return make_error(BaseError::ConfigInvalid, local_path + ": \"" + change.section + "\" is not a table");
        }
        if (change.value) set_value(*section, change.key, *change.value);
        else section->erase(change.key);
        if (!change.section.empty() && section->empty()) table.erase(change.section);
    }
    return {};
}

Result<Config> apply_settings(const std::string& config_path, const std::vector<SettingChange>& changes, int confirm_within_s,
                              int64_t now_unix_s) {
    if (config_path.empty())
        return make_error(BaseError::ConfigInvalid, "this device runs on built-in defaults (no --config): there is no settings file to change");
    const std::string local_path = local_config_path(config_path);
    // A local.toml that cannot be read is not written over: what it held (the PIN's hash,
    // the hall) would be lost without a word.
    auto current = read_local_settings(config_path);
    if (!current)
        return make_error(BaseError::ConfigInvalid, current.error().detail + " (fix or remove it by hand; the panel does not write over it)");
    // A key local.toml may not set is refused outright (load_config would ignore it).
    for (const SettingChange& change : changes)
        if (!local_may_set(change.section, change.key))
            return make_error(BaseError::ConfigInvalid, local_path + ": " + (change.section.empty() ? "" : change.section + ".") + change.key +
                                                        " cannot be set in local.toml (this device's own settings): set it in " + config_path);
    toml::table before = *current, after = *current;
    if (Error e = apply_changes(after, changes, local_path)) return e;
    // Validate over every layer with every section fatal and unknown keys refused; only the
    // problems this change brings count (a technician's old typo must not lock the panel).
    std::vector<std::string> problems_before, problems_after;
    (void)load_config_layers(config_path, all_config_sections(), true, &before, &problems_before);
    auto checked = load_config_layers(config_path, all_config_sections(), true, &after, &problems_after);
    for (const std::string& problem : problems_after)
        if (std::find(problems_before.begin(), problems_before.end(), problem) == problems_before.end())
            return make_error(BaseError::ConfigInvalid, problem);
    // A layer that cannot be read at all (the main file) is an error with no list.
    if (!checked && problems_after.empty()) return checked.error();
    auto config = load_config_layers(config_path, {}, false, &after);
    if (!config) return config.error();

    const std::string real = local_settings_real_path(local_path);
    const bool was_pending = pending_settings(config_path).pending;
    if (confirm_within_s > 0) {
        // last-good keeps the confirmed settings however many changes wait on top of them.
        if (!was_pending) {
            auto old_bytes = file_bytes(real);
            if (!old_bytes) return make_error(BaseError::FileWriteFailed, real + ": cannot be read to keep as the last good settings");
            if (Error e = write_settings_file(real + ".last-good", *old_bytes)) return e;
        }
        int64_t now = now_unix_s ? now_unix_s : static_cast<int64_t>(std::time(nullptr));
        if (Error e = write_settings_file(real + ".pending", std::to_string(now + confirm_within_s) + "\n")) return e;
    } else if (was_pending) {
        // A change that needs no confirmation (a PIN, the hall's name) made while a display
        // change waits must survive that change's revert: it goes into last-good too.
        toml::table good = before;
        TextPosition where_bad;
        std::error_code ec;
        if (fs::exists(real + ".last-good", ec))
            if (auto file = read_toml("", real + ".last-good", real + ".last-good", false, &where_bad)) good = std::move(file->root);
        if (Error e = apply_changes(good, changes, local_path)) return e;
        if (Error e = write_settings_file(real + ".last-good", serialise(good))) return e;
    }
    if (Error e = write_settings_file(real, serialise(after))) return e;
    if (confirm_within_s <= 0 && !was_pending)
        if (Error e = write_settings_file(real + ".last-good", serialise(after))) return e;
    return config;
}

PendingSettings pending_settings(const std::string& config_path) {
    PendingSettings out;
    if (config_path.empty()) return out;
    std::error_code ec;
    const std::string mark = pending_path(config_path);
    if (!fs::exists(mark, ec)) return out;
    out.pending = true;
    // A mark that cannot be read or holds garbage has a deadline long past: revert.
    auto text = read_file(mark, 64);
    if (text) {
        try {
            out.deadline_unix_s = std::stoll(*text);
        } catch (...) {
            out.deadline_unix_s = 0;
        }
    }
    return out;
}

static Error remove_mark(const std::string& config_path) {
    const std::string mark = pending_path(config_path);
    if (::unlink(mark.c_str()) != 0 && errno != ENOENT)
        return make_error(BaseError::FileWriteFailed, mark + ": cannot remove: " + std::strerror(errno));
    return sync_directory(fs::path(mark).parent_path().string());
}

Error confirm_settings(const std::string& config_path) {
    if (!pending_settings(config_path).pending) return {};
    // The confirmed settings are now the last good ones.
    const std::string real = local_settings_real_path(local_config_path(config_path));
    auto bytes = file_bytes(real);
    if (!bytes) return make_error(BaseError::FileWriteFailed, real + ": cannot be read to keep as the last good settings");
    if (Error e = write_settings_file(real + ".last-good", *bytes)) return e;
    return remove_mark(config_path);
}

Error revert_settings(const std::string& config_path) {
    if (!pending_settings(config_path).pending) return {};
    const std::string real = local_settings_real_path(local_config_path(config_path));
    auto good = file_bytes(last_good_path(config_path));
    if (!good) return make_error(BaseError::FileWriteFailed, last_good_path(config_path) + ": cannot be read to revert to");
    if (Error e = write_settings_file(real, *good)) return e;
    log_info("config", real + ": the unconfirmed settings were reverted to the last good ones");
    return remove_mark(config_path);
}

}  // namespace gongkai
