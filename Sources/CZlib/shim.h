#include <zlib.h>

// deflateInit and inflateInit are macros, which Swift does not import: these wrap the
// versioned functions they expand to.
static inline int vax_deflate_init(z_streamp stream, int level) {
    return deflateInit_(stream, level, ZLIB_VERSION, (int)sizeof(z_stream));
}
static inline int vax_inflate_init(z_streamp stream) {
    return inflateInit_(stream, ZLIB_VERSION, (int)sizeof(z_stream));
}
