import Foundation
import CCairo

/// What a canvas draws into.
public enum CanvasFormat: String, Sendable, CaseIterable {
    case svg, png, pdf
}

/// A failure reported by cairo, in cairo's own words (`cairo_status_to_string`).
public struct CairoError: Error, Equatable, CustomStringConvertible {
    public let operation: String
    public let reason: String
    public var description: String { "cairo \(operation) failed: \(reason)" }
}

/// A drawing surface and its context. Sizes are in points for SVG and PDF; PNG is drawn at
/// `pngScale` device pixels per point (2× for sharp images on high-density screens).
///
/// Output is deterministic: SVG surface ids are normalised and PDF dates are fixed.
public final class CairoCanvas {
    public let width: Double
    public let height: Double
    public let format: CanvasFormat
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let sink = StreamSink()
    private var finished = false

    public init(format: CanvasFormat, width: Double, height: Double, pngScale: Double = 2) throws {
        self.width = width
        self.height = height
        self.format = format
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        switch format {
        case .svg:
            surface = cairo_svg_surface_create_for_stream(writeToSink, closure, width, height)
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(writeToSink, closure, width, height)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "rxpipe")
        case .png:
            surface = cairo_image_surface_create(
                CAIRO_FORMAT_ARGB32, Int32((width * pngScale).rounded()), Int32((height * pngScale).rounded()))
        }
        context = cairo_create(surface)
        if format == .png { cairo_scale(context, pngScale, pngScale) }
        try check("create surface", cairo_surface_status(surface))
        try check("create context", cairo_status(context))
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    // MARK: Drawing

    public func setColor(_ color: RGBA) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }

    public func fillRectangle(x: Double, y: Double, width: Double, height: Double, color: RGBA) {
        setColor(color)
        cairo_rectangle(context, x, y, width, height)
        cairo_fill(context)
    }

    public func strokeLine(from start: (Double, Double), to end: (Double, Double), color: RGBA, width: Double = 1) {
        setColor(color)
        cairo_set_line_width(context, width)
        cairo_move_to(context, start.0, start.1)
        cairo_line_to(context, end.0, end.1)
        cairo_stroke(context)
    }

    /// Fills a set of closed rings as one path (even-odd, so holes stay holes).
    public func fillPolygons(_ rings: [[(Double, Double)]], color: RGBA, stroke: RGBA? = nil, strokeWidth: Double = 0.5) {
        for ring in rings where !ring.isEmpty {
            cairo_move_to(context, ring[0].0, ring[0].1)
            for point in ring.dropFirst() { cairo_line_to(context, point.0, point.1) }
            cairo_close_path(context)
        }
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_EVEN_ODD)
        setColor(color)
        if let stroke {
            cairo_fill_preserve(context)
            setColor(stroke)
            cairo_set_line_width(context, strokeWidth)
            cairo_stroke(context)
        } else {
            cairo_fill(context)
        }
    }

    /// Selects DejaVu Sans (installed by `make setup`; another face would change output bytes).
    public func setFont(size: Double, bold: Bool = false) {
        cairo_select_font_face(
            context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    /// The advance width of `text` in the current font.
    public func textWidth(_ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    /// Draws `text` with its baseline starting at (x, y).
    public func drawText(_ text: String, x: Double, y: Double, color: RGBA) {
        setColor(color)
        cairo_move_to(context, x, y)
        cairo_show_text(context, text)
    }

    // MARK: Output

    /// Finishes the document and returns its bytes. The canvas cannot be drawn on afterwards.
    public func render() throws -> [UInt8] {
        precondition(!finished, "render() called twice")
        finished = true
        try check("draw", cairo_status(context))
        switch format {
        case .png:
            cairo_surface_flush(surface)
            try check(
                "write PNG",
                cairo_surface_write_to_png_stream(surface, writeToSink, Unmanaged.passUnretained(sink).toOpaque()))
        case .svg, .pdf:
            cairo_surface_finish(surface)
            try check("finish", cairo_surface_status(surface))
        }
        return format == .svg ? normaliseSurfaceIds(sink.bytes) : sink.bytes
    }

    private func check(_ operation: String, _ status: cairo_status_t) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw CairoError(operation: operation, reason: String(cString: cairo_status_to_string(status)))
        }
    }
}

/// A colour with components in 0…1.
public struct RGBA: Sendable, Equatable {
    public var red, green, blue, alpha: Double
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }
    /// From `0xRRGGBB`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(
            red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
            blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }
}

/// Receives cairo's output through its C stream callback.
private final class StreamSink {
    var bytes: [UInt8] = []
}

/// A `@convention(c)` callback cannot capture context: the sink arrives through `closure`.
private let writeToSink: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<StreamSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

/// cairo numbers SVG surfaces with a process-wide counter (`id="surface17"`); make it stable.
private func normaliseSurfaceIds(_ svg: [UInt8]) -> [UInt8] {
    let text = String(decoding: svg, as: UTF8.self)
    var output = ""
    output.reserveCapacity(text.utf8.count)
    var rest = Substring(text)
    let marker = "id=\"surface"
    while let range = rest.range(of: marker) {
        output += rest[..<range.lowerBound]
        output += "id=\"surface1"
        var tail = rest[range.upperBound...]
        while let c = tail.first, c.isNumber { tail = tail.dropFirst() }
        rest = tail
    }
    output += rest
    return Array(output.utf8)
}
