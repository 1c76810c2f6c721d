#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few libc calls the module needs, in one place.
@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Int32 {
    memcmp(a, b, n)
}


/// Keeps freed column buffers in the heap for the next row group instead of returning them to
/// the kernel: without this, glibc serves each multi-megabyte array with a fresh `mmap`, and
/// page faults plus zeroing cost more than decoding. Applied once, on first use of a reader or
/// writer; affects only glibc's thresholds, not correctness.
enum MemoryTuning {
    static let applied: Bool = {
        #if canImport(Glibc)
        // <malloc.h> is not part of the Glibc module: M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3.
        _ = glibcMallopt(-3, 256 << 20)
        _ = glibcMallopt(-1, 512 << 20)
        #endif
        return true
    }()
}

#if canImport(Glibc)
/// The corresponding C function is `mallopt` (glibc).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
