#include <zlib.h>

/* deflateInit2/inflateInit2 are macros, invisible to Swift: expose them as functions. */
static inline int rx_deflate_init_gzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
/* windowBits 15 + 32: accept zlib and gzip headers, and concatenated gzip members are handled by the caller. */
static inline int rx_inflate_init_auto(z_streamp strm) {
    return inflateInit2(strm, 15 + 32);
}
