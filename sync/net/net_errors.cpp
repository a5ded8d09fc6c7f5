// NetError's names and messages. No `default:` — a new code must be named here.
#include "net_errors.h"

namespace gongkai {

static const char* net_error_name(int value) {
    switch (static_cast<NetError>(value)) {
    case NetError::SyncNotConfigured: return "SyncNotConfigured";
    case NetError::ReportNotConfigured: return "ReportNotConfigured";
    case NetError::InsecureUrl: return "InsecureUrl";
    case NetError::NetConnect: return "NetConnect";
    case NetError::NetTls: return "NetTls";
    case NetError::NetTimeout: return "NetTimeout";
    case NetError::NetHttpStatus: return "NetHttpStatus";
    case NetError::NetTruncated: return "NetTruncated";
    case NetError::NetProtocol: return "NetProtocol";
    case NetError::NetHeadersTooLarge: return "NetHeadersTooLarge";
    case NetError::NetCancelled: return "NetCancelled";
    case NetError::NetOther: return "NetOther";
    case NetError::TooLarge: return "TooLarge";
    case NetError::NetUnauthorized: return "NetUnauthorized";
    case NetError::NetPayloadTooLarge: return "NetPayloadTooLarge";
    }
    return "Unknown";
}

static const char* net_error_message(int value) {
    switch (static_cast<NetError>(value)) {
    case NetError::SyncNotConfigured: return "sync is not configured: [sync] url and trusted_keys are required";
    case NetError::ReportNotConfigured: return "heartbeats are not configured: [report] url is required";
    case NetError::InsecureUrl: return "the URL must use https://";
    case NetError::NetConnect: return "could not connect to the server";
    case NetError::NetTls: return "the server's certificate was not accepted (or it does not speak TLS)";
    case NetError::NetTimeout: return "the server was too slow";
    case NetError::NetHttpStatus: return "the server answered with an error";
    case NetError::NetTruncated: return "the transfer ended early";
    case NetError::NetProtocol: return "the server's answer is not valid HTTP";
    case NetError::NetHeadersTooLarge: return "the server sent more headers than allowed";
    case NetError::NetCancelled: return "the transfer was stopped because the program is shutting down";
    case NetError::NetOther: return "the transfer failed";
    case NetError::TooLarge: return "the response was larger than allowed";
    case NetError::NetUnauthorized: return "the office's inbox refused this device (certificate or permission)";
    case NetError::NetPayloadTooLarge: return "the office's inbox refused a batch as too large";
    }
    return "unknown error";
}

const ErrorDomain& error_domain(NetError) {
    static const ErrorDomain domain{"net", net_error_name, net_error_message};
    return domain;
}

}  // namespace gongkai
