// Writing files so that a reader — a web server, a kiosk, rsync — sees the old file or the
// new one, never a part, and a power cut leaves one of the two: write a temporary file
// beside the target, get its bytes onto the disk, then rename it over the target.
// gongkai-publish writes its keys, bundles, manifest and web pages this way.
#pragma once
#include <sys/types.h>

#include <string>
#include <string_view>

#include "errors.h"

namespace gongkai {

// The temporary name a file is staged under: "<path>.tmp", beside it (rename works only
// within one file system).
std::string staged_path(const std::string& path);

// Writes `data` to staged_path(path) with `mode` (not masked by the umask). Does not sync:
// several staged files are made durable with one sync_file_system (see below). On failure
// the staged file is removed. FileWriteFailed naming the step and errno.
Error stage_file(const std::string& path, std::string_view data, mode_t mode = 0644);

// syncfs(2) on the file system holding `path`: every staged file on it has its bytes on
// disk afterwards. One call instead of one fsync per file — a site of 50,000 pages would
// otherwise wait for 50,000 disk flushes.
Error sync_file_system(const std::string& path);

// Renames staged_path(path) over `path`. The rename reaches the disk with the directory's
// fsync (sync_directory), which a caller renaming many files in one directory does once.
Error commit_staged(const std::string& path);

// fsync of a directory: the renames and unlinks done in it are on disk.
Error sync_directory(const std::string& dir);

// One file, start to finish: stage, fsync the file, rename, fsync the directory. Order:
// the bytes are on disk before the name is; the temp file is removed on failure.
Error write_file_atomic(const std::string& path, std::string_view data, mode_t mode = 0644);

}  // namespace gongkai
