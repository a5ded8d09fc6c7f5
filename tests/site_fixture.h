// A signed site written as gongkai-publish build writes one, with every field under the
// test's control: for tests that serve catalogues from the nginx fixture.
#pragma once
#include <ctime>
#include <string>

#include "bundle.h"
#include "manifest.h"
#include "minisign.h"
#include "support.h"

namespace gongkai::test {

// Writes a site like gongkai-publish build does, with every field under the test's control.
struct Site {
    std::string dir;
    Manifest manifest;
    std::string bundle;

    static Site publish(const std::string& dir, const Catalogue& cat, const minisign::SecretKey& key,
                        std::time_t expires = std::time(nullptr) + 86400) {
        Site s{dir, {}, encode_bundle(cat)};
        s.manifest.version = cat.version;
        s.manifest.created = format_rfc3339_utc(std::time(nullptr));
        s.manifest.expires = format_rfc3339_utc(expires);
        s.manifest.bundle_sha256 = sha256_hex(s.bundle);
        s.manifest.bundle_size = s.bundle.size();
        s.manifest.bundle_path = "bundles/catalogue-" + std::to_string(cat.version) + ".bundle";
        write_file(dir + "/" + s.manifest.bundle_path, s.bundle);
        s.write_manifest(key);
        return s;
    }
    void write_manifest(const minisign::SecretKey& key) {
        std::string m = manifest_to_json(manifest);
        write_file_newer(dir + "/manifest.json", m);
        write_file(dir + "/manifest.json.minisig", minisign::sign(key, m, "gongkai test"));
    }
};

}  // namespace gongkai::test
