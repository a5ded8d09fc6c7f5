// gongkai-publish: the central office's tool. Imports department directories and guides,
// validates them against the disclosure standard, signs and publishes a static site: the
// signed catalogue for kiosks and, from the same catalogue, web pages for residents' phones.
//   gongkai-publish validate --source DIR [--json]
//   gongkai-publish keygen --secret-key FILE --public-key FILE
//   gongkai-publish build --source DIR --secret-key FILE --out SITE [--expires-days N]
//     SITE/manifest.json(.minisig), SITE/bundles/ (docs/bundle.md) and the web pages
//     SITE/index.html, domain/, item/, notice/, site.css (docs/deploy.md)
//   gongkai-publish misses --cache FILE [--json]
//     the queries a device's residents searched for and found nothing, most frequent first
//   gongkai-publish collect --inbox DIR --db office.db [--devices devices.toml] [--json]
//     verify the devices' uploaded batches and ingest them into office.db (docs/feedback.md)
//   gongkai-publish report --source DIR [--db office.db] --out REPORT_DIR [--json] [--stale-days N]
//     REPORT_DIR/index.html and report.json: missing elements, guides, freshness; with
//     office.db also 好差评, zero-result searches and the fleet
//   gongkai-publish template --domain NAME --out FILE.xlsx [--source DIR] [--force]
//     a blank directory table in the standard's layout for a department to fill in Excel
//     (docs/workbooks.md); exit 2 on a bad name, a name that is not .xlsx or an existing file
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "bundle.h"
#include "cache.h"
#include "clock.h"
#include "collect.h"
#include "command_line.h"
#include "file_write.h"
#include "manifest.h"
#include "minisign.h"
#include "report.h"
#include "site_writer.h"
#include "source_import.h"
#include "text_encoding.h"
#include "utf8.h"
#include "workbook_writer.h"

namespace fs = std::filesystem;
using namespace gongkai;

namespace {

int fail(const std::string& msg, int code = 1) {
    std::fprintf(stderr, "gongkai-publish: %s\n", msg.c_str());
    return code;
}

// What residents searched for and did not find, from a device's cache file: the list
// editors read to add everyday words to the thesaurus (and guides). The file is never
// changed: it is read from a private copy (a live device's cache, or an uploaded one of any
// schema since misses were recorded — the copy is migrated, the original is not).
int misses(const std::string& cache_path, bool json) {
    std::error_code ec;
    if (!fs::is_regular_file(cache_path, ec))
        return fail(Error{CatalogueError::CacheOpenFailed, cache_path + ": not a regular file"}.describe());
    std::string dir_template = (fs::temp_directory_path(ec) / "gongkai-misses-XXXXXX").string();
    if (!mkdtemp(dir_template.data())) return fail("cannot make a scratch directory for the cache's copy: " + std::string(std::strerror(errno)));
    const fs::path scratch(dir_template);
    struct Cleanup {
        fs::path dir;
        ~Cleanup() { std::error_code e; fs::remove_all(dir, e); }
    } cleanup{scratch};
    const fs::path copy = scratch / "cache.db";
    // The database and its write-ahead log (committed transactions not yet checkpointed).
    for (const char* suffix : {"", "-wal"}) {
        const fs::path from = cache_path + suffix;
        if (*suffix && !fs::exists(from, ec)) continue;
        if (!fs::copy_file(from, copy.string() + suffix, ec))
            return fail(Error{CatalogueError::CacheOpenFailed, from.string() + ": cannot copy (" + ec.message() + ")"}.describe());
    }
    auto cache = Cache::open(copy.string(), CacheMode::ReadWrite);
    if (!cache) return fail(cache.error().describe());
    auto rows = (*cache)->zero_result_queries();
    if (!rows) return fail(rows.error().describe());
    if (json) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (auto& r : *rows)
            out.push_back({{"query", r.query}, {"count", r.count}, {"first_day", r.first_day}, {"last_day", r.last_day}});
        // A recorded query is what a keyboard typed: replace bytes that are not UTF-8
        // rather than throw.
        std::cout << out.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    } else {
        for (auto& r : *rows) std::printf("%6lld  %s\n", static_cast<long long>(r.count), utf8::escape_controls(r.query).c_str());
        if (rows->empty()) std::printf("no query found nothing\n");
    }
    return 0;
}

// One problem: file, then — for a workbook only — sheet and cell (cell "" for a problem of
// a whole row or sheet), then line, column (a workbook cell's row and column number), message.
// CSV and TOML problems keep exactly the four keys they always had.
nlohmann::ordered_json problem_json(const SourceProblem& p) {
    nlohmann::ordered_json j = {{"file", p.file}};
    if (!p.sheet.empty()) {
        j["sheet"] = p.sheet;
        j["cell"] = p.cell;
    }
    j["line"] = p.line;
    j["column"] = p.column;
    j["message"] = p.message;
    return j;
}

int validate(const std::string& source, bool json) {
    ImportResult r = import_source(source);
    if (json) {
        nlohmann::ordered_json out;
        out["items"] = r.catalogue.items.size();
        nlohmann::ordered_json domains = nlohmann::ordered_json::object();
        for (auto& d : r.catalogue.domains) {
            size_t n = 0;
            for (auto& i : r.catalogue.items) n += i.domain_id == d.id;
            domains[d.name] = n;
        }
        out["domains"] = domains;
        out["errors"] = nlohmann::ordered_json::array();
        for (auto& p : r.problems)
            out["errors"].push_back(problem_json(p));
        out["warnings"] = nlohmann::ordered_json::array();
        for (auto& p : r.warnings)
            out["warnings"].push_back(problem_json(p));
        // File names and messages may hold bytes that are not UTF-8 (a file called
        // "bad\xff.toml"): replace them with U+FFFD instead of throwing type_error 316.
        std::cout << out.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    } else {
        for (auto& p : r.problems) std::fprintf(stderr, "%s\n", format_problem(p).c_str());
        for (auto& p : r.warnings) std::fprintf(stderr, "warning: %s\n", format_problem(p).c_str());
        if (r.problems.empty())
            std::printf("%zu items in %zu domains: valid\n", r.catalogue.items.size(), r.catalogue.domains.size());
    }
    return r.problems.empty() ? 0 : 1;
}

int keygen(const std::string& secret_path, const std::string& public_path) {
    if (fs::exists(secret_path) || fs::exists(public_path))
        return fail("refusing to overwrite an existing key file (" + secret_path + " or " + public_path + ")");
    auto key = minisign::generate();
    if (Error e = write_file_atomic(secret_path, minisign::secret_key_file(key), 0600)) return fail("cannot write the secret key: " + e.describe());
    if (Error e = write_file_atomic(public_path, minisign::public_key_file(key.public_key()))) return fail("cannot write the public key: " + e.describe());
    std::printf("%s\n", minisign::public_key_string(key.public_key()).c_str());
    return 0;
}

int build(const std::string& source, const std::string& secret_path, const std::string& out_dir, int expires_days) {
    auto secret_text = read_file(secret_path);
    if (!secret_text) return fail(secret_text.error().describe());
    auto key = minisign::parse_secret_key(*secret_text);
    if (!key) return fail(key.error().describe());
    ImportResult r = import_source(source);
    for (auto& p : r.problems) std::fprintf(stderr, "%s\n", format_problem(p).c_str());
    for (auto& p : r.warnings) std::fprintf(stderr, "warning: %s\n", format_problem(p).c_str());
    if (!r.problems.empty()) return fail(std::to_string(r.problems.size()) + " problem(s): nothing was published");

    fs::path site(out_dir);
    std::error_code ec;
    fs::create_directories(site / "bundles", ec);
    if (ec) return fail("cannot create " + (site / "bundles").string() + ": " + ec.message());
    // The version only increases: one more than the site's current manifest, and at
    // least the current Unix time, so a site rebuilt from scratch still moves forward.
    std::time_t now = std::time(nullptr);
    std::int64_t version = static_cast<std::int64_t>(now);
    std::optional<Manifest> previous;
    if (auto prev = read_file((site / "manifest.json").string())) {
        if (auto m = parse_manifest(*prev)) {
            // m->version + 1 overflows at INT64_MAX (undefined; in practice a lower version
            // that every device refuses as a rollback): nothing higher can be published.
            if (m->version == INT64_MAX)
                return fail(make_error(CatalogueError::VersionExhausted, "the site at " + out_dir + " is at version " +
                                                                        std::to_string(m->version)).describe());
            version = std::max(version, m->version + 1);
            previous = *m;
        }
    }
    Catalogue& cat = r.catalogue;
    cat.version = version;
    cat.created = format_rfc3339_utc(now);
    const std::string json = bundle_json(cat);
    std::string bundle = encode_bundle(cat);
    Manifest m;
    m.version = version;
    m.created = cat.created;
    m.expires = format_rfc3339_utc(now + static_cast<std::time_t>(expires_days) * 86400);
    m.bundle_sha256 = sha256_hex(bundle);
    // Named by version and hash: never overwritten, so a kiosk mid-download of the
    // previous bundle is not broken by a new build.
    m.bundle_path = "bundles/catalogue-" + std::to_string(version) + "-" + m.bundle_sha256.substr(0, 12) + ".bundle";
    m.bundle_size = bundle.size();
    // A delta from the version the site serves now, when it is smaller than the bundle.
    std::string delta;
    if (previous) {
        auto prev_bundle = read_file((site / previous->bundle_path).string());
        auto prev_cat = prev_bundle ? decode_bundle(*prev_bundle) : Result<Catalogue>(prev_bundle.error());
        if (prev_cat) {
            delta = encode_delta(json, bundle_json(*prev_cat));
            if (delta.size() < bundle.size()) {
                std::string sha = sha256_hex(delta);
                m.delta = Manifest::Delta{previous->version,
                                          "bundles/delta-" + std::to_string(previous->version) + "-" + std::to_string(version) +
                                              "-" + sha.substr(0, 12) + ".zst",
                                          delta.size(), sha};
            }
        } else {
            std::fprintf(stderr, "gongkai-publish: no delta: %s\n", prev_cat.error().describe().c_str());
        }
    }
    // The web pages, rendered before anything is written: an id no page can be named by
    // publishes nothing.
    auto pages = render_site(cat, now);
    if (!pages) return fail(pages.error().describe() + ": nothing was published");
    std::string manifest = manifest_to_json(m);
    std::string sig = minisign::sign(*key, manifest, "gongkai manifest version " + std::to_string(version) + " expires " + m.expires);
    if (Error e = write_file_atomic(site / m.bundle_path, bundle)) return fail("cannot write the bundle: " + e.describe());
    if (m.delta)
        if (Error e = write_file_atomic(site / m.delta->path, delta)) return fail("cannot write the delta: " + e.describe());
    // The pages before the manifest: a kiosk that installs this version shows QR codes of
    // pages that are already there. Each page is whole, old or new (site_writer.h).
    if (Error e = write_site(out_dir, *pages)) return fail("cannot write the web pages: " + e.describe());
    // Signature first, manifest second: a poll between the two sees the old manifest with
    // the new signature, fails verification, and retries — never a wrong catalogue.
    if (Error e = write_file_atomic(site / "manifest.json.minisig", sig)) return fail("cannot write the signature: " + e.describe());
    std::error_code time_ec;
    auto previous_mtime = fs::last_write_time(site / "manifest.json", time_ec);
    if (Error e = write_file_atomic(site / "manifest.json", manifest)) return fail("cannot write the manifest: " + e.describe());
    // Static servers derive ETags from mtime and size (nginx: "mtime-size"). Two builds in
    // one second with manifests of equal length would share an ETag and kiosks would get
    // a 304 for the new one: keep the mtime strictly increasing.
    if (!time_ec && fs::last_write_time(site / "manifest.json") <= previous_mtime)
        fs::last_write_time(site / "manifest.json", previous_mtime + std::chrono::seconds(1), time_ec);
    std::printf("published version %lld: %zu items, bundle %zu bytes, delta %s, %zu web pages, expires %s\n",
                static_cast<long long>(version), cat.items.size(), bundle.size(),
                m.delta ? (std::to_string(m.delta->size) + " bytes from " + std::to_string(m.delta->from_version)).c_str()
                        : "none",
                pages->size(), m.expires.c_str());
    return 0;
}

// Exit 0 when the inbox was worked through (rejected batches included: they are set aside
// with their reason), 1 when the device list, the inbox or office.db could not be used.
int collect_inbox(const CollectOptions& options, bool json) {
    auto summary = collect(options);
    if (!summary) {
        // DevicesInvalid lists one problem per line: each on its own line, as compilers do.
        std::fprintf(stderr, "gongkai-publish: %s%s\n", summary.error().code.name(),
                     (": " + std::string(summary.error().code.message())).c_str());
        if (!summary.error().detail.empty()) std::fprintf(stderr, "%s\n", summary.error().detail.c_str());
        return 1;
    }
    const CollectSummary& s = *summary;
    if (json) {
        nlohmann::ordered_json rejected = nlohmann::ordered_json::array();
        for (auto& r : s.rejected) rejected.push_back({{"file", r.file}, {"error", r.error}, {"detail", r.detail}});
        nlohmann::ordered_json out = {{"batches", s.batches},
                                      {"records_new", s.records.records_new},
                                      {"records_already_had", s.records.records_already_had},
                                      {"records_rejected", s.records.records_rejected},
                                      {"batches_rejected", s.batches_rejected},
                                      {"rejected", rejected},
                                      {"devices", s.devices}};
        std::cout << out.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
        return 0;
    }
    std::int64_t refused = 0, rejected = 0;
    for (auto& [name, n] : s.records.records_rejected) refused += n;
    for (auto& [name, n] : s.batches_rejected) rejected += n;
    std::printf("collected %lld batches: %lld new records, %lld already had, %lld refused; %lld batches rejected; %lld devices listed\n",
                static_cast<long long>(s.batches), static_cast<long long>(s.records.records_new),
                static_cast<long long>(s.records.records_already_had), static_cast<long long>(refused),
                static_cast<long long>(rejected), static_cast<long long>(s.devices));
    for (auto& [name, n] : s.records.records_rejected) std::printf("  records refused, %s: %lld\n", name.c_str(), static_cast<long long>(n));
    for (auto& r : s.rejected)
        std::printf("  rejected %s: %s (%s)\n", utf8::escape_controls(r.file).c_str(), r.error.c_str(), utf8::escape_controls(r.detail).c_str());
    return 0;
}

int report(const ReportOptions& options, const std::string& out_dir, bool json) {
    auto r = build_report(options);
    if (!r) return fail(r.error().describe());
    if (Error e = write_report(*r, out_dir)) return fail(e.describe());
    if (json) {
        std::cout << report_json(*r).dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    } else {
        std::int64_t items = 0, complete = 0;
        for (auto& d : r->domains) { items += d.items; complete += d.complete; }
        std::printf("report written to %s/index.html: %lld items, %lld complete, %zu source problems%s\n", out_dir.c_str(),
                    static_cast<long long>(items), static_cast<long long>(complete), r->source_problems.size(),
                    r->has_db ? (", " + std::to_string(r->ratings.total()) + " ratings, " + std::to_string(r->fleet.size()) + " devices").c_str() : "");
    }
    return 0;
}

// The blank template of one domain. Exit 2 when the request is wrong (the domain, the
// file name, an existing file without --force) — nothing is written; 1 when writing failed.
int write_template(const std::string& domain, const std::string& out, const std::string& source, bool force) {
    if (Error e = domain_name_problem(domain)) return fail(e.describe(), 2);
    if (!source.empty()) {
        // Only the names catalogue.toml lists: a template for a misspelt domain would
        // come back as a table validate refuses.
        ImportResult r = import_source(source);
        bool known = false;
        std::string names;
        for (auto& d : r.catalogue.domains) {
            known |= d.name == domain;
            names += (names.empty() ? "" : "、") + d.name;
        }
        if (!known)
            return fail(make_error(WorkbookWriteError::DomainUnknown, "“" + domain + "” is not in " + source + "/catalogue.toml" +
                                                                     (names.empty() ? std::string(" (no domains could be read)") : "; it lists " + names))
                            .describe(), 2);
    }
    Error e = write_directory_workbook(out, {directory_template_sheet(domain)}, force ? ExistingFile::Replace : ExistingFile::Refuse);
    if (e) return fail(e.describe(), e.code == WorkbookWriteError::WorkbookWriteFailed ? 1 : 2);
    std::printf("wrote %s: the %s directory table, %zu rows ready to fill\n", out.c_str(), domain.c_str(), kTemplateEntryRows);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"gongkai-publish: the central office's tool. Validates department directories and guides\n"
                 "against the disclosure standard, and signs and publishes the catalogue as a static site.",
                 "gongkai-publish"};
    cli.set_version_flag("--version", std::string("gongkai-publish ") + GONGKAI_VERSION);
    cli.require_subcommand(1);
    std::string source, secret_key, public_key, out;
    bool json = false;
    // A month: long enough to survive a holiday, short enough to catch a dead site.
    int expires_days = 30;

    CLI::App* validate_cmd = cli.add_subcommand("validate", "check a source directory; exit 1 on any problem");
    validate_cmd->add_option("--source", source, "the source directory (catalogue.toml, directory/, guides/)")->required();
    validate_cmd->add_flag("--json", json, "print {\"items\",\"domains\",\"errors\":[{\"file\",\"line\",\"column\",\"message\"}],\"warnings\":[…]}");

    CLI::App* keygen_cmd = cli.add_subcommand("keygen", "make a minisign key pair (never overwrites)");
    keygen_cmd->add_option("--secret-key", secret_key, "where to write the secret key (mode 0600)")->required();
    keygen_cmd->add_option("--public-key", public_key, "where to write the public key")->required();

    CLI::App* build_cmd = cli.add_subcommand("build", "validate, sign and publish the site: manifest, bundle and web pages");
    build_cmd->add_option("--source", source, "the source directory")->required();
    build_cmd->add_option("--secret-key", secret_key, "the minisign secret key")->required();
    build_cmd->add_option("--out", out, "the site directory served over HTTPS")->required();
    build_cmd->add_option("--expires-days", expires_days, "days until devices refuse this manifest (1-3650)")
        ->check(CLI::Range(1, 3650));
    std::string cache_path;
    CLI::App* misses_cmd = cli.add_subcommand("misses", "the queries a device's residents found nothing for, most frequent first");
    misses_cmd->add_option("--cache", cache_path, "a device's cache file (read only)")->required();
    misses_cmd->add_flag("--json", json, "print [{\"query\",\"count\",\"first_day\",\"last_day\"}]");
    CollectOptions collect_options;
    CLI::App* collect_cmd = cli.add_subcommand("collect", "verify the devices' uploaded batches and ingest them into office.db");
    collect_cmd->add_option("--inbox", collect_options.inbox, "the inbox nginx writes (batches/<device>/*.json under it)")->required();
    collect_cmd->add_option("--db", collect_options.db_path, "office.db (created when missing)")->required();
    collect_cmd->add_option("--devices", collect_options.devices_file, "devices.toml: the device list to add to office.db first");
    collect_cmd->add_flag("--json", json, "print {\"batches\",\"records_new\",\"records_already_had\",\"records_rejected\",\"batches_rejected\",\"rejected\",\"devices\"}");
    ReportOptions report_options;
    CLI::App* report_cmd = cli.add_subcommand("report", "write the office's report: completeness, guides, freshness; with office.db 好差评, searches, fleet");
    report_cmd->add_option("--source", report_options.source, "the catalogue source directory (complete or not)")->required();
    report_cmd->add_option("--db", report_options.db_path, "office.db written by collect (never created)");
    report_cmd->add_option("--out", out, "the report directory: index.html and report.json")->required();
    report_cmd->add_option("--stale-days", report_options.stale_days, "an item unchanged this many days is stale (default 365)")
        ->check(CLI::Range(1, 36500));
    report_cmd->add_flag("--json", json, "also print the report as JSON (the same as REPORT_DIR/report.json)");
    std::string domain;
    bool force = false;
    CLI::App* template_cmd = cli.add_subcommand("template", "write a blank directory table (.xlsx) in the standard's layout for a department");
    template_cmd->add_option("--domain", domain, "the domain, as the table's title and sheet name (社会救助)")->required();
    template_cmd->add_option("--out", out, "the workbook to write; must end in .xlsx")->required();
    template_cmd->add_option("--source", source, "a catalogue source: the domain must be one its catalogue.toml lists");
    template_cmd->add_flag("--force", force, "replace an existing file (without it, an existing file is refused)");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return exit_for_parse_error(cli, e, "gongkai-publish");
    }
    if (validate_cmd->parsed()) return validate(source, json);
    if (keygen_cmd->parsed()) return keygen(secret_key, public_key);
    if (misses_cmd->parsed()) return misses(cache_path, json);
    if (collect_cmd->parsed()) return collect_inbox(collect_options, json);
    if (report_cmd->parsed()) return report(report_options, out, json);
    if (template_cmd->parsed()) return write_template(domain, out, source, force);
    return build(source, secret_key, out, expires_days);
}
