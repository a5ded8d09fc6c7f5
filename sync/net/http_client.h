// HTTPS requests with every limit a device needs against a broken or hostile server,
// set up in one place for GET (catalogue pulls) and PUT/POST (uploads to the office):
// a size cap on the response enforced while streaming (libcurl's MAXFILESIZE is not
// enforced on chunked bodies — PITFALLS.md), a low-speed timeout, a total timeout, no
// redirects, HTTPS only unless the development switch allows http://, and conditional
// GETs (ETag). The only file in Gongkai that links libcurl.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>

#include "net_errors.h"

namespace gongkai {

enum class HttpMethod { Get, Put, Post };

struct FetchRequest {
    HttpMethod method = HttpMethod::Get;
    std::string url;
    std::string body;              // PUT/POST: sent as is
    std::string content_type;      // PUT/POST: e.g. "application/json"
    std::string ca_file;          // empty: the system's CA store
    std::string client_cert, client_key;  // PEM: the device's TLS client certificate, if the server asks
    std::string if_none_match;    // ETag from the last 200, for a 304
    std::uint64_t max_bytes = 0;  // body cap; 0 = none
    bool allow_http = false;      // development only: [sync] insecure_allow_http
    // Below 1 KiB/s for 30 s is a stalled or deliberately slow server (a slow-loris
    // mirror must not pin the daemon); a 50k-item bundle is ~10 MB, minutes at that pace.
    long low_speed_bytes_per_s = 1024;
    long low_speed_time_s = 30;
    long connect_timeout_s = 15;
    long total_timeout_s = 600;
};

struct FetchResponse {
    long status = 0;               // 200 (GET), 304; 200/201/204 for PUT/POST
    bool not_modified = false;     // 304: body empty, keep what we have
    std::string body;
    std::string etag;
    std::uint64_t wire_bytes = 0;  // headers + body as received
};

// Errors: InsecureUrl, NetConnect, NetTls, NetTimeout, NetHttpStatus (status in detail),
// NetTruncated, TooLarge, NetOther; for a PUT or POST also NetUnauthorized (401, 403, or
// nginx's 400 for a client certificate it refused) and NetPayloadTooLarge (413). The detail names the URL and the curl code.
// A GET succeeds on 200 and 304; a PUT or POST on any 2xx (201 Created, 204 No Content).
[[nodiscard]] Result<FetchResponse> fetch(const FetchRequest& request);

// Every transfer in progress, and every one started later, ends with NetCancelled as
// soon as `*flag` is true (checked by curl about once a second and at every progress
// callback): the daemon's SIGTERM must not wait out a stalled server's timeouts.
void set_transfer_cancel_flag(const std::atomic<bool>* flag);

// `alive` (may be null) is called from curl's progress callback — on the thread running
// the transfer, about once a second and at every chunk — while the transfer stays inside
// the limits curl enforces (connect and low-speed timeouts, the total timeout): the
// daemon's watchdog ping (service_notify.h). A long download that keeps moving is alive;
// one curl should have ended but has not is wedged, and the watchdog restarts the daemon.
void set_transfer_alive_callback(void (*alive)());

// PUT `body` to `url` with the same limits (a small response cap: the office answers
// with a status, not a document).
[[nodiscard]] Result<FetchResponse> put(FetchRequest request);

}  // namespace gongkai
