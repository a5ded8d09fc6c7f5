// OfficeError's names and messages. No `default:` — a new code must be named here.
#include "office_errors.h"

namespace gongkai {

static const char* office_error_name(int value) {
    switch (static_cast<OfficeError>(value)) {
    case OfficeError::DevicesInvalid: return "DevicesInvalid";
    case OfficeError::InboxUnusable: return "InboxUnusable";
    case OfficeError::InboxBusy: return "InboxBusy";
    case OfficeError::MissesInvalid: return "MissesInvalid";
    case OfficeError::HeartbeatInvalid: return "HeartbeatInvalid";
    case OfficeError::OfficeDbOpenFailed: return "OfficeDbOpenFailed";
    case OfficeError::OfficeDbCorrupt: return "OfficeDbCorrupt";
    case OfficeError::OfficeDbSchemaTooNew: return "OfficeDbSchemaTooNew";
    case OfficeError::OfficeDbWriteFailed: return "OfficeDbWriteFailed";
    case OfficeError::OfficeDbBusy: return "OfficeDbBusy";
    case OfficeError::OfficeDbFull: return "OfficeDbFull";
    case OfficeError::ReportWriteFailed: return "ReportWriteFailed";
    }
    return "Unknown";
}

static const char* office_error_message(int value) {
    switch (static_cast<OfficeError>(value)) {
    case OfficeError::DevicesInvalid: return "the device list (devices.toml) is not valid; nothing was collected";
    case OfficeError::InboxUnusable: return "the inbox directory cannot be used";
    case OfficeError::InboxBusy: return "another collect is already working on this inbox";
    case OfficeError::MissesInvalid: return "a search-misses record is not valid";
    case OfficeError::HeartbeatInvalid: return "a heartbeat record is not valid";
    case OfficeError::OfficeDbOpenFailed: return "the office database could not be opened";
    case OfficeError::OfficeDbCorrupt: return "the office database file is damaged";
    case OfficeError::OfficeDbSchemaTooNew: return "the office database was written by a newer version of Gongkai";
    case OfficeError::OfficeDbWriteFailed: return "writing the office database failed; nothing was changed";
    case OfficeError::OfficeDbBusy: return "the office database is locked by another program; try again later";
    case OfficeError::OfficeDbFull: return "the disk holding the office database is full; nothing was changed";
    case OfficeError::ReportWriteFailed: return "the report could not be written";
    }
    return "unknown error";
}

const ErrorDomain& error_domain(OfficeError) {
    static const ErrorDomain domain{"office", office_error_name, office_error_message};
    return domain;
}

}  // namespace gongkai
