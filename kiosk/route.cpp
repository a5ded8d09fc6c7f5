// See route.h.
#include "route.h"

namespace gongkai {

std::string Route::str() const {
    switch (kind) {
    case Kind::Home: return "home";
    case Kind::Domain: return "domain/" + id;
    case Kind::Item: return "item/" + id;
    case Kind::Notice: return "notice/" + id;
    case Kind::Search: return id.empty() ? "search" : "search/" + id;
    }
    return "home";
}

std::optional<Route> Route::parse(std::string_view s) {
    if (s == "home" || s.empty()) return home();
    if (s == "search") return search();
    auto with_id = [&](std::string_view prefix, Kind kind) -> std::optional<Route> {
        if (!s.starts_with(prefix) || s.size() == prefix.size()) return std::nullopt;
        return Route{kind, std::string(s.substr(prefix.size()))};
    };
    if (auto r = with_id("domain/", Kind::Domain)) return r;
    if (auto r = with_id("item/", Kind::Item)) return r;
    if (auto r = with_id("notice/", Kind::Notice)) return r;
    if (auto r = with_id("search/", Kind::Search)) return r;  // search/<query>: a prefilled search
    return std::nullopt;
}

}  // namespace gongkai
