// Handwriting recognition (kiosk/input/handwriting.h) and `gongkai-kiosk --recognize`.
#include <catch2/catch.hpp>
