// See file_write.h. Every return of every system call is checked; errno is kept in the
// error's detail, named by the step that failed.
#include "file_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace gongkai {

namespace {

Error write_failed(const std::string& what, const std::string& path, int err) {
    return make_error(BaseError::FileWriteFailed, what + " " + path + ": " + std::strerror(err));
}

std::string parent_of(const std::string& path) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? "." : parent.string();
}

// Writes all of `data` to a new `tmp`; with `fsync_it`, its bytes are on disk on success.
// Whatever sits at `tmp` (a crashed run's leftover, or a symlink or FIFO planted by someone
// who can write the directory) is unlinked, never followed or opened: the file is then
// created with O_EXCL | O_NOFOLLOW, so a name planted in between fails the write instead of
// redirecting it (a symlink to local.toml would otherwise have been overwritten).
Error write_new_file(const std::string& tmp, std::string_view data, mode_t mode, bool fsync_it) {
    if (::unlink(tmp.c_str()) != 0 && errno != ENOENT) return write_failed("create", tmp, errno);  // a directory: EISDIR
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) return write_failed("create", tmp, errno);
    auto fail_with = [&](const char* what) {
        Error e = write_failed(what, tmp, errno);
        ::close(fd);
        ::unlink(tmp.c_str());
        return e;
    };
    for (size_t done = 0; done < data.size();) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail_with("write");
        if (n == 0) { errno = ENOSPC; return fail_with("write"); }
        done += static_cast<size_t>(n);
    }
    if (::fchmod(fd, mode) != 0) return fail_with("chmod");  // O_CREAT's mode is masked by the umask
    if (fsync_it && ::fsync(fd) != 0) return fail_with("fsync");
    if (::close(fd) != 0) {
        Error e = write_failed("close", tmp, errno);
        ::unlink(tmp.c_str());
        return e;
    }
    return {};
}

}  // namespace

std::string staged_path(const std::string& path) { return path + ".tmp"; }

Error stage_file(const std::string& path, std::string_view data, mode_t mode) {
    return write_new_file(staged_path(path), data, mode, /*fsync_it=*/false);
}

Error sync_file_system(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return write_failed("open", path, errno);
    // Since Linux 5.8 syncfs reports writeback errors of the file system (a full disk, an
    // I/O error) that happened since the descriptor was opened.
    int rc = ::syncfs(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0) return write_failed("syncfs", path, saved);
    return {};
}

Error commit_staged(const std::string& path) {
    const std::string tmp = staged_path(path);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        Error e = write_failed("rename " + tmp + " to", path, errno);
        ::unlink(tmp.c_str());
        return e;
    }
    return {};
}

Error sync_directory(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return write_failed("open directory", dir, errno);
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0) return write_failed("fsync directory", dir, saved);
    return {};
}

Error write_file_atomic(const std::string& path, std::string_view data, mode_t mode) {
    if (Error e = write_new_file(staged_path(path), data, mode, /*fsync_it=*/true)) return e;
    if (Error e = commit_staged(path)) return e;
    return sync_directory(parent_of(path));
}

}  // namespace gongkai
