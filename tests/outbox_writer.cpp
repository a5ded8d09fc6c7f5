// gongkai-test-outbox-writer CACHE: rates pages as fast as the kiosk's writer thread takes
// them, through the kiosk's own CacheWriter and add_feedback, and prints each record's id
// once it is committed — until it is killed. The kill -9 test (test_outbox_faults.cpp)
// kills it at random points and checks that every printed id is still in the outbox.
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>

#include "cache_writer.h"
#include "outbox.h"

using namespace gongkai;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: gongkai-test-outbox-writer CACHE\n");
        return 2;
    }
    CacheWriter writer(argv[1]);
    for (unsigned n = 0;; n++) {
        Feedback f;
        f.page_kind = n % 3 ? "item" : "notice";
        f.page_id = "page-" + std::to_string(n % 17);
        f.catalogue_version = 7;
        f.rating = static_cast<int>(n % 5) + 1;
        if (f.rating <= kRatingAsksReason) f.reasons = {FeedbackReason::HardToUnderstand};
        f.comment = n % 2 ? "第" + std::to_string(n) + "条：看不懂" : "";
        f.time = std::time(nullptr);
        writer.post("rate", [f](Cache& cache) -> Error {
            auto id = add_feedback(cache, f, 64u << 20);
            if (!id) return id.error();
            std::printf("%s\n", id->c_str());
            std::fflush(stdout);
            return {};
        });
        // Like a busy hall, only faster: keep the queue short so most kills land mid-write.
        while (writer.pending() > 4) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
}
