// Errors of the network layer (the only code linking libcurl): configuration of the sync
// and report URLs, and every way a transfer fails. See errors.h.
#pragma once
#include "errors.h"

namespace gongkai {

enum class NetError {
    // What the device was told to reach
    SyncNotConfigured,   // [sync] url or trusted_keys missing
    ReportNotConfigured, // [report] url missing: no heartbeat can be sent
    InsecureUrl,         // http:// without the development switch, or another scheme
    // Transfers
    NetConnect,          // could not connect (refused, unreachable, DNS)
    NetTls,              // TLS failed: unknown CA, hostname mismatch, handshake
    NetTimeout,          // too slow: below the low-speed limit, or over the total timeout
    NetHttpStatus,       // the server answered with an error status (404, 500 ...)
    NetTruncated,        // the body ended before its announced length
    NetProtocol,         // the server's answer is not valid HTTP (garbage, a 304 nobody asked for)
    NetHeadersTooLarge,  // the response headers exceed their cap (an endless header stream)
    NetCancelled,        // stopped by the program (SIGTERM while a transfer was in progress)
    NetOther,            // any other transfer failure (curl code in the detail)
    TooLarge,            // the response exceeded its size cap
    // Uploads to the office's inbox
    NetUnauthorized,     // 401/403, or the client certificate refused: the office must enrol this device
    NetPayloadTooLarge,  // 413: the batch is larger than the inbox accepts (client_max_body_size)
};
const ErrorDomain& error_domain(NetError);

}  // namespace gongkai
