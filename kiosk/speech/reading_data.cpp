// The toned phrase dictionary (gongkai-reading-gen's output, reading_blob.h) as read-only
// data in the binary. Embedded rather than installed as a file: the kiosk is one binary
// with nothing to find at run time, like its demo catalogue and Unihan tables; the table
// (~6 MB) is used in place — no parse at start-up, pages loaded by the kernel as they are
// touched and shared between processes. The assembler's .incbin includes it in
// milliseconds where a C++ array initialiser of that size takes the compiler minutes.
// GONGKAI_READING_BLOB (the file's path) is set by kiosk/CMakeLists.txt.
__asm__(".section .rodata\n"
        ".global gongkai_reading_blob\n"
        ".global gongkai_reading_blob_end\n"
        ".balign 16\n"  // the header and index are read as u32: keep them aligned
        "gongkai_reading_blob:\n"
        ".incbin \"" GONGKAI_READING_BLOB "\"\n"
        "gongkai_reading_blob_end:\n"
        ".previous\n");
