// See collect.h.
#include "collect.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "devices_file.h"
#include "file_write.h"
#include "log.h"

namespace fs = std::filesystem;

namespace gongkai {

namespace {

bool is_device_id(const std::string& s) {
    return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The bytes of one batch file, never more than kMaxBatchFileBytes read: FileNotRegular for a
// symlink (O_NOFOLLOW), FIFO, device or directory; FileTooLarge; FileUnreadable; FileMissing
// when it went away between listing and opening.
Result<std::string> read_batch_file(const fs::path& path) {
    const std::string p = path.string();
    // O_NONBLOCK: a FIFO put in the inbox does not wait for a writer; O_NOFOLLOW: a symlink is
    // refused by the kernel even if it replaced the file after the listing.
    int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int err = errno;
        if (err == ELOOP) return make_error(BaseError::FileNotRegular, p + " is a symbolic link");
        if (err == ENOENT) return make_error(BaseError::FileMissing, p + ": went away while collecting");
        return make_error(BaseError::FileUnreadable, p + ": " + std::strerror(err));
    }
    struct Closer { int fd; ~Closer() { ::close(fd); } } closer{fd};
    struct stat st{};
    if (fstat(fd, &st) != 0) return make_error(BaseError::FileUnreadable, p + ": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) return make_error(BaseError::FileNotRegular, p + " is not a regular file");
    if (static_cast<std::uint64_t>(st.st_size) > kMaxBatchFileBytes)
        return make_error(BaseError::FileTooLarge, p + ": " + std::to_string(st.st_size) + " bytes, a batch is at most " + std::to_string(kMaxBatchFileBytes));
    std::string out;
    out.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    char extra;
    for (;;) {
        // Read into the buffer, then one byte more: a file that grew after fstat is too large.
        char* into = got < out.size() ? out.data() + got : &extra;
        size_t want = got < out.size() ? out.size() - got : 1;
        ssize_t n = ::read(fd, into, want);
        if (n < 0) {
            if (errno == EINTR) continue;
            return make_error(BaseError::FileUnreadable, p + ": " + std::strerror(errno));
        }
        if (n == 0) break;
        if (got >= out.size()) return make_error(BaseError::FileTooLarge, p + ": grew while being read");
        got += static_cast<size_t>(n);
    }
    out.resize(got);  // shrank after fstat: what is there
    return out;
}

class Inbox {
public:
    Inbox(fs::path root, CollectSummary& summary) : root_(std::move(root)), summary_(summary) {}

    // Moves `from` (a file, a symlink or a directory entry of batches/) to
    // <root>/<area>/<device>/<name>, replacing an older file of that name.
    Error move(const fs::path& from, const char* area, const std::string& device) {
        fs::path dir = root_ / area / device;
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) return make_error(OfficeError::InboxUnusable, dir.string() + ": " + ec.message());
        fs::path to = dir / from.filename();
        // A directory cannot replace an earlier one of the same name: number it (1,000 set-aside
        // directories of one name is an attack, not an accident; rename then fails, and says so).
        // Nor can a directory replace a file, or a file a directory: number those too.
        auto clashes = [&](const fs::path& target) {
            auto there = fs::symlink_status(target, ec);
            if (!fs::exists(there)) return false;
            return fs::is_directory(there) || fs::is_directory(fs::symlink_status(from, ec));
        };
        for (int n = 1; clashes(to) && n < 1000; n++)
            to = dir / (from.filename().string() + "." + std::to_string(n));
        if (std::rename(from.c_str(), to.c_str()) != 0)
            return make_error(OfficeError::InboxUnusable, "cannot move " + from.string() + " to " + to.string() + ": " + std::strerror(errno));
        return {};
    }

    Error reject(const fs::path& from, const std::string& device, const Error& why) {
        std::string relative = from.lexically_relative(root_).string();  // lexically: a symlink is named, not followed
        summary_.batches_rejected[why.code.name()]++;
        summary_.rejected.push_back({relative, why.code.name(), why.detail});
        if (Error e = move(from, ".rejected", device)) return e;
        fs::path reason = root_ / ".rejected" / device / (from.filename().string() + ".reason.txt");
        if (Error e = write_file_atomic(reason.string(), why.describe() + "\n"))
            log_warn("collect", "cannot write " + reason.string() + ": " + e.describe());
        return {};
    }

private:
    fs::path root_;
    CollectSummary& summary_;
};

}  // namespace

Result<CollectSummary> collect(const CollectOptions& options) {
    std::vector<OfficeDevice> listed;
    if (!options.devices_file.empty()) {
        auto devices = load_devices_file(options.devices_file);
        if (!devices) return devices.error();
        listed = std::move(*devices);
    }
    const fs::path root(options.inbox);
    // The lock: two collects over one inbox would ingest the same file twice (harmless) and
    // race to move it (one would see it vanish). flock on the directory itself, released when
    // the descriptor closes, also when the process dies.
    int dir_fd = ::open(options.inbox.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) return make_error(OfficeError::InboxUnusable, options.inbox + ": " + std::strerror(errno));
    struct Closer { int fd; ~Closer() { ::close(fd); } } closer{dir_fd};
    if (flock(dir_fd, LOCK_EX | LOCK_NB) != 0)
        return make_error(OfficeError::InboxBusy, options.inbox + ": " + std::strerror(errno));
    if (access(options.inbox.c_str(), W_OK) != 0)
        return make_error(OfficeError::InboxUnusable, options.inbox + ": cannot be written (" + std::strerror(errno) + ")");

    auto db = OfficeDb::open(options.db_path, /*create=*/true);
    if (!db) return db.error();
    if (!listed.empty())
        if (Error e = (*db)->upsert_devices(listed)) return e;
    auto devices = (*db)->devices();
    if (!devices) return devices.error();
    std::map<std::string, std::array<unsigned char, 32>> keys;
    for (const OfficeDevice& d : *devices)
        if (auto pk = parse_device_public_key(d.public_key)) keys[d.id] = *pk;
    const DeviceKeyLookup key_for = [&](const std::string& id) -> std::optional<std::array<unsigned char, 32>> {
        auto it = keys.find(id);
        if (it == keys.end()) return std::nullopt;
        return it->second;
    };

    CollectSummary summary;
    summary.devices = static_cast<std::int64_t>(devices->size());
    Inbox inbox(root, summary);
    const fs::path batches = root / "batches";
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(batches, ec))) return summary;  // nothing uploaded yet
    if (!fs::is_directory(fs::symlink_status(batches, ec)))
        return make_error(OfficeError::InboxUnusable, batches.string() + " is not a directory");

    // Names, sorted: the order of a run does not depend on the file system's.
    auto list = [](const fs::path& dir, std::vector<fs::path>& out) -> Error {
        std::error_code lec;
        for (fs::directory_iterator it(dir, lec), end; !lec && it != end; it.increment(lec)) out.push_back(it->path());
        if (lec) return make_error(OfficeError::InboxUnusable, dir.string() + ": " + lec.message());
        std::sort(out.begin(), out.end());
        return {};
    };
    std::vector<fs::path> device_dirs;
    if (Error e = list(batches, device_dirs)) return e;
    for (const fs::path& device_dir : device_dirs) {
        const std::string dir_name = device_dir.filename().string();
        const std::string device = is_device_id(dir_name) ? dir_name : "unknown";
        auto status = fs::symlink_status(device_dir, ec);
        if (fs::is_symlink(status) || !fs::is_directory(status)) {
            // batches/ holds one directory per device and nothing else.
            Error why = make_error(BaseError::FileNotRegular, device_dir.string() + (fs::is_symlink(status) ? " is a symbolic link" : " is not a device directory"));
            if (Error e = inbox.reject(device_dir, "unknown", why)) return e;
            continue;
        }
        std::vector<fs::path> files;
        if (Error e = list(device_dir, files)) return e;
        for (const fs::path& file : files) {
            // Only *.json are uploads; anything else (an editor's backup, a WebDAV lock file)
            // is left where it is.
            if (file.extension() != ".json") continue;
            auto bytes = read_batch_file(file);
            if (!bytes && bytes.error().code == BaseError::FileMissing) continue;
            if (!bytes) {
                if (Error e = inbox.reject(file, device, bytes.error())) return e;
                continue;
            }
            auto batch = open_batch(*bytes, key_for);
            if (batch && batch->device_id != dir_name)
                batch = make_error(CatalogueError::BatchInvalid, "signed by device " + batch->device_id + " but uploaded under batches/" + dir_name + "/");
            if (!batch) {
                if (Error e = inbox.reject(file, device, batch.error())) return e;
                continue;
            }
            auto counts = (*db)->ingest(*batch);
            if (!counts) return counts.error();  // the file stays: the next run ingests it
            summary.batches++;
            summary.records.records_new += counts->records_new;
            summary.records.records_already_had += counts->records_already_had;
            for (auto& [name, n] : counts->records_rejected) summary.records.records_rejected[name] += n;
            if (Error e = inbox.move(file, ".collected", device)) return e;
        }
    }
    return summary;
}

}  // namespace gongkai
