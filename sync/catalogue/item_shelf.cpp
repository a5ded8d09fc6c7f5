// ItemShelf: item summaries a domain at a time (item_shelf.h).
#include "item_shelf.h"

#include "log.h"

namespace gongkai {

static const std::vector<ItemSummary> kNoRows;

void ItemShelf::set(Cache* cache, const CatalogueInfo& info) {
    cache_ = cache;
    info_ = info;
    shelves_.clear();
    unreadable_.clear();
    damage_ = {};
    domain_of_.clear();
    wanted_domains_.clear();
    wanted_ids_.clear();
    outdated_ = false;
    error_logged_ = false;
}

const ItemShelf::Shelf* ItemShelf::read(std::string_view domain_id) {
    if (auto kept = shelves_.find(domain_id); kept != shelves_.end()) return &kept->second;
    if (!cache_ || outdated_ || domain_id.empty() || unreadable_now(domain_id)) return nullptr;
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
        if (rows.error().code == CatalogueError::CacheCorrupt && !damage_) damage_ = rows.error();
        unreadable_.insert_or_assign(std::string(domain_id), std::chrono::steady_clock::now() + retry_after_);
        return nullptr;
    }
    unreadable_.erase(std::string(domain_id));
    Shelf& shelf = shelves_[std::string(domain_id)];
    shelf.rows = std::move(*rows);
    for (size_t i = 0; i < shelf.rows.size(); i++) shelf.at.emplace(shelf.rows[i].id, i);
    return &shelf;
}

const ItemSummary* ItemShelf::in_shelves(std::string_view id) const {
    for (const auto& [name, shelf] : shelves_)
        if (auto at = shelf.at.find(id); at != shelf.at.end()) return &shelf.rows[at->second];
    return nullptr;
}

bool ItemShelf::unreadable_now(std::string_view domain_id) const {
    auto failed = unreadable_.find(domain_id);
    return failed != unreadable_.end() && std::chrono::steady_clock::now() < failed->second;
}

ItemShelf::Shelved ItemShelf::state(std::string_view domain_id) const {
    if (shelves_.count(domain_id)) return Shelved::Read;
    if (outdated_ || !cache_ || unreadable_now(domain_id)) return Shelved::Unreadable;
    if (unreadable_.count(domain_id)) wanted_domains_.emplace(domain_id);  // its wait is over: asked again
    return Shelved::NotRead;
}

const std::vector<ItemSummary>& ItemShelf::domain(std::string_view domain_id) const {
    if (auto kept = shelves_.find(domain_id); kept != shelves_.end()) return kept->second.rows;
    if (!domain_id.empty() && state(domain_id) == Shelved::NotRead) wanted_domains_.emplace(domain_id);
    return kNoRows;
}

Error ItemShelf::take_damage() {
    Error d = std::move(damage_);
    damage_ = {};
    return d;
}

const ItemSummary* ItemShelf::find(std::string_view id) const {
    if (id.empty()) return nullptr;
    if (const ItemSummary* found = in_shelves(id)) return found;
    if (!outdated_ && !domain_of_.count(std::string(id))) wanted_ids_.emplace(id);
    return nullptr;
}

const std::vector<ItemSummary>& ItemShelf::read_domain(std::string_view domain_id) {
    const Shelf* shelf = read(domain_id);
    return shelf ? shelf->rows : kNoRows;
}

const ItemSummary* ItemShelf::read_item(std::string_view id) {
    if (id.empty()) return nullptr;
    if (const ItemSummary* found = in_shelves(id)) return found;
    auto known = domain_of_.find(std::string(id));
    if (known == domain_of_.end()) {
        if (!cache_ || outdated_) return nullptr;
        auto domain = cache_->item_domain(id);
        std::string where;  // "" (none) is remembered too: a broken cache is not asked every frame
        if (domain) {
            where = std::move(*domain);
        } else if (domain.error().code != CatalogueError::NotFound) {
            if (domain.error().code == CatalogueError::CacheCorrupt && !damage_) damage_ = domain.error();
            if (!error_logged_) log_error("cache", "could not look up item " + std::string(id) + ": " + domain.error().describe());
            error_logged_ = true;
        }
        known = domain_of_.emplace(std::string(id), std::move(where)).first;
    }
    if (known->second.empty()) return nullptr;
    const Shelf* shelf = read(known->second);
    if (!shelf) return nullptr;
    auto at = shelf->at.find(id);
    return at == shelf->at.end() ? nullptr : &shelf->rows[at->second];
}

bool ItemShelf::fetch() {
    if (wanted_domains_.empty() && wanted_ids_.empty()) return false;
    const size_t before = shelves_.size();
    const auto domains = std::move(wanted_domains_);
    const auto ids = std::move(wanted_ids_);
    wanted_domains_.clear();
    wanted_ids_.clear();
    for (const std::string& d : domains) read(d);
    for (const std::string& id : ids) read_item(id);
    return shelves_.size() != before;
}

}  // namespace gongkai
