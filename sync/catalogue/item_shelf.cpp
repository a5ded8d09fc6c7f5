// ItemShelf: item summaries a domain at a time (item_shelf.h).
#include "item_shelf.h"

#include "log.h"

namespace gongkai {

static const std::vector<ItemSummary> kNoRows;

void ItemShelf::set(Cache* cache, const CatalogueInfo& info) {
    cache_ = cache;
    info_ = info;
    shelves_.clear();
    domain_of_.clear();
    outdated_ = false;
    error_logged_ = false;
}

const ItemShelf::Shelf* ItemShelf::read(std::string_view domain_id) const {
    if (auto kept = shelves_.find(domain_id); kept != shelves_.end()) return &kept->second;
    if (!cache_ || outdated_) return nullptr;
    Cache::ReadSnapshot snapshot(*cache_);  // the comparison and the rows from one catalogue
    auto installed = cache_->info();
    if (installed && !same_catalogue(*installed, info_)) {
        outdated_ = true;
        return nullptr;
    }
    auto rows = installed ? cache_->load_summaries(domain_id) : Result<std::vector<ItemSummary>>(installed.error());
    if (!rows) {
        if (!error_logged_) log_error("cache", "could not read the items of " + std::string(domain_id) + ": " + rows.error().describe());
        error_logged_ = true;
        return nullptr;
    }
    Shelf& shelf = shelves_[std::string(domain_id)];
    shelf.rows = std::move(*rows);
    for (size_t i = 0; i < shelf.rows.size(); i++) shelf.at.emplace(shelf.rows[i].id, i);
    return &shelf;
}

const std::vector<ItemSummary>& ItemShelf::domain(std::string_view domain_id) const {
    if (domain_id.empty()) return kNoRows;  // "" would read every domain: no screen asks for that
    const Shelf* shelf = read(domain_id);
    return shelf ? shelf->rows : kNoRows;
}

const ItemSummary* ItemShelf::find(std::string_view id) const {
    if (id.empty()) return nullptr;
    for (const auto& [name, shelf] : shelves_)
        if (auto at = shelf.at.find(id); at != shelf.at.end()) return &shelf.rows[at->second];
    auto known = domain_of_.find(std::string(id));
    if (known == domain_of_.end()) {
        if (!cache_ || outdated_) return nullptr;
        auto domain = cache_->item_domain(id);
        if (!domain && domain.error().code != CatalogueError::NotFound) {
            if (!error_logged_) log_error("cache", "could not look up item " + std::string(id) + ": " + domain.error().describe());
            error_logged_ = true;
            return nullptr;  // not remembered: the next frame asks again
        }
        known = domain_of_.emplace(std::string(id), domain ? *domain : std::string()).first;
    }
    if (known->second.empty()) return nullptr;
    const Shelf* shelf = read(known->second);
    if (!shelf) return nullptr;
    auto at = shelf->at.find(id);
    return at == shelf->at.end() ? nullptr : &shelf->rows[at->second];
}

}  // namespace gongkai
