// Scrolling benchmark (hidden from the default run; docs/performance.md records the numbers):
// what one frame of a domain's list costs while a finger drags and flings it, for lists of
// 20, 500 and 5,000 items. A frame should cost the same whatever the list's length: the
// list is laid out once per catalogue and width, and only the cards in view are drawn
// (Ui::rows). Prints per-frame CPU time (p50, p99) of the frame thread, on the software
// renderer, and the ratio to the 20-item list.
#include <catch2/catch.hpp>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "kiosk_fixture.h"
#include "synthetic.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

TEST_CASE("scrolling benchmark: per-frame CPU of a domain's list of 20, 500 and 5,000 items", "[.bench][scroll]") {
    std::map<int, double> p50_by_length;
    for (int length : {20, 500, 5000}) {
        Kiosk k;
        {
            // synthetic_catalogue spreads its items over the seven domains: 7 × length gives
            // each domain `length` items.
            // Every item a directory row, so that every list shows the same kind of card
            // wherever it is scrolled to, and only its length differs.
            Catalogue cat = synthetic_catalogue(7 * length, 100 + length, 5);
            for (Item& item : cat.items)
                if (item.kind == ItemKind::Guide) {
                    item.kind = ItemKind::Directory;
                    item.guide.reset();
                    item.standard = DisclosureStandard{{"名单"}, {"依据"}, "10个工作日内", {"区民政局"}, {"政府网站"}, {"全社会"}, {"主动"}, {"县级"}};
                }
            auto writer = Cache::open(k.dir.file("cache.db"), CacheMode::ReadWrite);
            REQUIRE(writer);
            REQUIRE_FALSE((*writer)->install(cat, "sync"));
        }
        for (int i = 0; i < 400 && k.app->index().info.items != 7 * length; i++) {
            k.app->step(false);
            SDL_Delay(5);
        }
        REQUIRE(k.app->index().info.items == 7 * length);
        k.app->navigate(Route{"domain", "social-assistance"});
        k.app->settle();
        REQUIRE(k.app->scroll_max_y() > 1000);  // a list to scroll through, even at 20 items

        // Three gestures as a resident makes them: a drag up the screen, then a fling and
        // its glide, one frame per step as the app's loop draws them.
        std::vector<double> frame_ms;
        auto step = [&] {
            const int before = k.app->frames_drawn();
            const double t = thread_cpu_ms();
            k.app->step(false);
            if (k.app->frames_drawn() != before) frame_ms.push_back(thread_cpu_ms() - t);
        };
        const ImVec2 from(540, 1600);
        for (int gesture = 0; gesture < 3; gesture++) {
            k.push_finger(SDL_FINGERDOWN, from);
            step();
            for (int i = 1; i <= 11; i++) {
                SDL_Delay(16);
                k.push_finger(SDL_FINGERMOTION, ImVec2(from.x, from.y - 1100.0f * static_cast<float>(i) / 11));
                step();
            }
            k.push_finger(SDL_FINGERUP, ImVec2(from.x, from.y - 1100));
            for (int i = 0; i < 400 && !k.app->idle(); i++) {
                step();
                SDL_Delay(1);
            }
        }
        REQUIRE(frame_ms.size() > 30);
        const double p50 = percentile(frame_ms, 0.5), p99 = percentile(frame_ms, 0.99);
        p50_by_length[length] = p50;
        std::printf("bench: scroll %d-item list: %zu frames, CPU per frame p50 %.2f ms, p99 %.2f ms, p50 ratio to 20 items %.2f\n",
                    length, frame_ms.size(), p50, p99, p50 / p50_by_length[20]);
    }
}
