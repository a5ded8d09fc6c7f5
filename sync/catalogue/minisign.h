// minisign's key and signature formats (https://jedisct1.github.io/minisign/), on
// libsodium: Ed25519 over the BLAKE2b-512 of the file ("ED", minisign's default) or over
// the file itself (legacy "Ed"), plus the global signature over signature ‖ trusted
// comment. `minisign -V` verifies what sign() writes; verify() accepts what `minisign -S`
// writes. Secret keys are the unencrypted kind (`minisign -G -W`).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue_errors.h"

namespace gongkai::minisign {

struct PublicKey {
    std::array<unsigned char, 8> key_id{};
    std::array<unsigned char, 32> pk{};
    std::string key_id_hex() const;  // as minisign prints it (little-endian u64, upper case)
};

struct SecretKey {
    std::array<unsigned char, 8> key_id{};
    std::array<unsigned char, 64> sk{};  // libsodium's seed ‖ public key
    PublicKey public_key() const;
};

SecretKey generate();

// Accepts a public key file (comment line + key) or the bare base64 string ("RW…").
Result<PublicKey> parse_public_key(std::string_view text);
Result<SecretKey> parse_secret_key(std::string_view file_text);

std::string public_key_string(const PublicKey& key);   // "RW…"
std::string public_key_file(const PublicKey& key);
std::string secret_key_file(const SecretKey& key);

// A 4-line .minisig for `data` with the given trusted comment (one line, no newline).
std::string sign(const SecretKey& key, std::string_view data, std::string_view trusted_comment);

struct Verified {
    PublicKey key;                 // the trusted key that signed
    std::string trusted_comment;   // authenticated by the global signature
};
// SignatureMalformed, SignatureUnknownKey or SignatureInvalid on failure.
Result<Verified> verify(std::string_view data, std::string_view signature_file, const std::vector<PublicKey>& trusted);

}  // namespace gongkai::minisign
