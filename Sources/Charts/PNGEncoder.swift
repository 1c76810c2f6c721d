import Codecs

/// Encodes cairo's ARGB32 pixels as PNG, deflating through `Codecs`. cairo's own writer
/// (libpng, adaptive filters, level 6) was most of a chart's render time; one "Up" filter and
/// level 1 are several times faster, and files stay small because charts are mostly flat.
/// Output is deterministic (no time or text chunks).
enum PNGEncoder {
    /// Level 1: measured on the bar sample with zlib, level 6 took ~1.7× as long for a 16 %
    /// smaller file; the RLE strategy was slower and larger than both.
    static let level: Int32 = 1

    /// `pixels` points at `height` rows of `stride` bytes, each pixel a native-endian
    /// premultiplied ARGB word (cairo's CAIRO_FORMAT_ARGB32).
    static func encode(width: Int, height: Int, stride: Int, pixels: UnsafeRawPointer) throws(CairoError) -> [UInt8] {
        var opaque = true
        for row in 0..<height where opaque {
            let words = (pixels + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width where words[column] >> 24 != 0xFF {
                opaque = false
                break
            }
        }
        let channels = opaque ? 3 : 4
        let rowBytes = width * channels
        var raw = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        raw.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            if opaque {
                // One fused pass: RGB of each pixel minus RGB of the pixel above ("Up" filter).
                for row in 0..<height {
                    let line = out + row * (rowBytes + 1)
                    line[0] = 2
                    let words = (pixels + row * stride).assumingMemoryBound(to: UInt32.self)
                    let above = row > 0 ? (pixels + (row - 1) * stride).assumingMemoryBound(to: UInt32.self) : nil
                    for column in 0..<width {
                        let w = words[column]
                        let u = above?[column] ?? 0
                        let target = line + 1 + column * 3
                        target[0] = UInt8(truncatingIfNeeded: w >> 16) &- UInt8(truncatingIfNeeded: u >> 16)
                        target[1] = UInt8(truncatingIfNeeded: w >> 8) &- UInt8(truncatingIfNeeded: u >> 8)
                        target[2] = UInt8(truncatingIfNeeded: w) &- UInt8(truncatingIfNeeded: u)
                    }
                }
                return
            }
            for row in 0..<height {
                let start = out + row * (rowBytes + 1)
                start[0] = 2  // filter type 2 ("Up"): each byte minus the byte above it
                let line = start + 1
                let words = (pixels + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<width {
                    let rgba = straight(words[column])
                    let target = line + column * 4
                    target[0] = rgba.0
                    target[1] = rgba.1
                    target[2] = rgba.2
                    target[3] = rgba.3
                }
            }
            // Apply the filter bottom-up so each row still sees the unfiltered row above.
            if height > 1 {
                for row in Swift.stride(from: height - 1, through: 1, by: -1) {
                    let line = out + row * (rowBytes + 1) + 1
                    let above = out + (row - 1) * (rowBytes + 1) + 1
                    for index in 0..<rowBytes { line[index] &-= above[index] }
                }
            }
        }
        let compressed = try deflate(raw)

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, opaque ? 2 : 6, 0, 0, 0]  // 8 bits, RGB or RGBA, deflate, adaptive filters, no interlace
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", compressed, to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// zlib-format deflate of the whole filtered image in one call.
    static func deflate(_ input: [UInt8]) throws(CairoError) -> [UInt8] {
        do {
            return try Deflate.zlib(input, level: level)
        } catch {
            throw CairoError(operation: "write PNG", reason: "\(error)")
        }
    }

    /// Undoes cairo's premultiplication (rounded), as PNG stores straight alpha.
    @inline(__always)
    private static func straight(_ argb: UInt32) -> (UInt8, UInt8, UInt8, UInt8) {
        let a = argb >> 24
        var r = (argb >> 16) & 0xFF
        var g = (argb >> 8) & 0xFF
        var b = argb & 0xFF
        if a != 0xFF {
            if a == 0 {
                (r, g, b) = (0, 0, 0)
            } else {
                r = (r * 255 + a / 2) / a
                g = (g * 255 + a / 2) / a
                b = (b * 255 + a / 2) / a
            }
        }
        return (UInt8(truncatingIfNeeded: r), UInt8(truncatingIfNeeded: g), UInt8(truncatingIfNeeded: b), UInt8(truncatingIfNeeded: a))
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        png.appendBigEndian(UInt32(data.count))
        let typeBytes = Array(type.utf8)
        let crc = Deflate.crc32(data, continuing: Deflate.crc32(typeBytes))
        png += typeBytes
        png += data
        png.appendBigEndian(UInt32(crc))
    }
}

extension [UInt8] {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8((value >> 16) & 0xFF))
        append(UInt8((value >> 8) & 0xFF))
        append(UInt8(value & 0xFF))
    }
}
