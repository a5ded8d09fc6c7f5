// See cache_writer.h.
#include "cache_writer.h"

#include "log.h"

namespace gongkai {

CacheWriter::CacheWriter(std::string cache_path) : path_(std::move(cache_path)), thread_([this] { run(); }) {}

CacheWriter::~CacheWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

bool CacheWriter::post(std::string what, Job job) {
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() >= kMaxQueuedWrites) {
            log_warn("cache", "write queue full (" + std::to_string(kMaxQueuedWrites) + "); dropped: " + what);
            return false;
        }
        queue_.emplace_back(std::move(what), std::move(job));
    }
    wake_.notify_one();
    return true;
}

size_t CacheWriter::pending() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + running_;
}

void CacheWriter::reconnect() {
    std::lock_guard lock(mutex_);
    reconnect_ = true;
}

void CacheWriter::run() {
    for (;;) {
        std::pair<std::string, Job> next;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and every queued write has run
            next = std::move(queue_.front());
            queue_.pop_front();
            running_++;
            if (reconnect_) {
                connection_.reset();
                open_failed_logged_ = false;
                reconnect_ = false;
            }
        }
        Error error;
        if (!connection_ && path_ == ":memory:") {
            error = make_error(CatalogueError::CacheOpenFailed, "the cache is in memory: nothing the kiosk writes is kept");
        } else if (!connection_) {
            auto opened = Cache::open(path_, CacheMode::ReadWrite);
            if (opened) connection_ = std::move(*opened);
            else error = opened.error();
        }
        if (connection_) error = next.second(*connection_);
        if (error && !(error.code == CatalogueError::CacheOpenFailed && open_failed_logged_)) {
            log_warn("cache", "could not " + next.first + ": " + error.describe());
            if (error.code == CatalogueError::CacheOpenFailed) open_failed_logged_ = true;
        }
        std::lock_guard lock(mutex_);
        running_--;
    }
}

}  // namespace gongkai
