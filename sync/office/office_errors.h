// Errors of the office layer (sync/office/): the device list, the inbox of uploaded
// batches, the office database and the report. See errors.h for how codes of every layer
// travel together; batch envelope errors (BatchInvalid, …) are the catalogue layer's.
#pragma once
#include "errors.h"

namespace gongkai {

enum class OfficeError {
    // The device list (devices.toml)
    DevicesInvalid,       // devices.toml does not parse, or an entry is wrong (file:line:column in the detail)
    // The inbox
    InboxUnusable,        // the inbox directory is missing, not a directory, or cannot be listed or written
    InboxBusy,            // another collect holds the inbox's lock
    // Records inside a verified batch (one record refused, the rest of its batch ingested)
    MissesInvalid,        // a misses record breaks its documented shape or bounds
    HeartbeatInvalid,     // a heartbeat record breaks its documented shape or bounds
    // office.db
    OfficeDbOpenFailed,   // sqlite3_open failed (directory missing, permissions)
    OfficeDbCorrupt,      // not a database, malformed, or a table missing
    OfficeDbSchemaTooNew, // written by a newer Gongkai; never downgraded
    OfficeDbWriteFailed,  // a write transaction failed and was rolled back
    OfficeDbBusy,         // another process held the write lock past the busy timeout
    OfficeDbFull,         // the disk holding office.db is full
    // The report
    ReportWriteFailed,    // the report directory or a file in it could not be written
};
const ErrorDomain& error_domain(OfficeError);

}  // namespace gongkai
