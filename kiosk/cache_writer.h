// The kiosk's one way to write to the cache: a thread with its own connection and a
// bounded queue. The frame loop posts a write and goes on; it never waits for SQLite
// (an install by gongkai-sync can hold the write lock for ~3 s at 50,000 items, and a
// connection's busy timeout would freeze the screen that long).
//
//   post() ──▶ [queue, ≤ kMaxQueuedWrites] ──▶ writer thread ──▶ job(Cache&) on its own
//                                                 connection, opened on first use
//   A job's error is logged with its name; a full queue drops the new job and logs it.
//   A cache that cannot be opened for writing (":memory:", a read-only mount) makes every
//   job fail with that error, logged once.
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "cache.h"

namespace gongkai {

class CacheWriter {
public:
    using Job = std::function<Error(Cache&)>;

    explicit CacheWriter(std::string cache_path);
    // Runs the writes already queued (each bounded by the connection's busy timeout),
    // then stops the thread.
    ~CacheWriter();
    CacheWriter(const CacheWriter&) = delete;
    CacheWriter& operator=(const CacheWriter&) = delete;

    // Queues `job`; `what` names it in the log. False when the queue is full.
    bool post(std::string what, Job job);
    // Writes queued or running.
    size_t pending() const;
    // The next write opens the cache file anew (it was replaced under us).
    void reconnect();

private:
    void run();

    // A resident generates a few writes a minute (a search miss per search at most);
    // 256 covers minutes of a locked cache without holding unbounded memory.
    static constexpr size_t kMaxQueuedWrites = 256;

    const std::string path_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::pair<std::string, Job>> queue_;
    size_t running_ = 0;
    bool stopping_ = false;
    bool reconnect_ = false;
    std::unique_ptr<Cache> connection_;
    bool open_failed_logged_ = false;
    std::thread thread_;
};

}  // namespace gongkai
