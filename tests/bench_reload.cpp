// Reload benchmark (hidden from the default run; docs/performance.md records the numbers):
// a running kiosk picks up a catalogue gongkai-sync installed, on its frame thread — the
// index, the search postings, the open route's data. That frame must stay far inside the
// kiosk unit's watchdog (WatchdogSec=15, packaging/systemd/gongkai-kiosk.service): the
// frame loop cannot ping systemd while it reads. Prints the longest frame around the
// reload and the time until the new catalogue is shown, for 1,000 to 50,000 items.
#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "kiosk_fixture.h"
#include "synthetic.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("kiosk reload benchmark: the longest frame while a newly installed catalogue is read, by size", "[.bench][reload]") {
    using Clock = std::chrono::steady_clock;
    for (int n : {1000, 10000, 50000}) {
        Kiosk k;
        {
            auto writer = Cache::open(k.dir.file("cache.db"), CacheMode::ReadWrite);
            REQUIRE(writer);
            REQUIRE_FALSE((*writer)->install(synthetic_catalogue(n, 5000 + n, 3), "sync"));
        }
        const auto start = Clock::now();
        double longest_ms = 0;
        // The kiosk looks for a new catalogue once a second (kCataloguePollMs): at most ~1 s
        // of idle frames, then the one that reads it.
        for (int i = 0; i < 400 && k.app->index().info.items != static_cast<std::int64_t>(n); i++) {
            const auto t = Clock::now();
            k.app->step(false);
            longest_ms = std::max(longest_ms, std::chrono::duration<double, std::milli>(Clock::now() - t).count());
            SDL_Delay(5);
        }
        REQUIRE(k.app->index().info.items == static_cast<std::int64_t>(n));
        const auto shown = Clock::now();
        k.app->settle();  // the search index built, the page laid out again
        std::printf("bench: kiosk reload of %d items: longest frame %.0f ms, shown after %.2f s, settled after %.2f s\n", n,
                    longest_ms, std::chrono::duration<double>(shown - start).count(),
                    std::chrono::duration<double>(Clock::now() - start).count());
    }
}
