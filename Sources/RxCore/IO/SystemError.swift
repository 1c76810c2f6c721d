#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text of the current `errno` ("No space left on device"), read before any other call can
/// change it. The one helper every module's system-call errors use.
public func errnoText() -> String { String(cString: strerror(errno)) }
