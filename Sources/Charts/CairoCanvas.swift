import CCairo
import Foundation

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

/// A point in canvas coordinates (points; y grows downwards).
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Measured ink and advance of a string in the current font (cairo_text_extents_t).
public struct TextExtents: Sendable, Equatable {
    /// Horizontal advance: where the next string would start.
    public var advance: Double
    /// Ink box relative to the baseline origin.
    public var inkLeft, inkTop, inkWidth, inkHeight: Double
}

/// A decoded ARGB32 image (premultiplied, native-endian words as cairo stores them).
public struct PixelImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt32]
}

/// A drawing surface and its context. Sizes are in points for SVG and PDF; PNG is drawn at
/// `pngScale` device pixels per point (2× for sharp images on high-density screens).
///
/// This is the only file of the module that imports CCairo. Output is deterministic: SVG
/// surface ids are normalised, PDF dates are fixed and font metrics are unhinted so that the
/// SVG and PNG of one chart get the same layout.
public final class CairoCanvas {
    public let width: Double
    public let height: Double
    public let format: CanvasFormat
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let sink = StreamSink()
    private var finished = false
    /// SVG only: text runs written as `<text>` elements instead of cairo's glyph outlines.
    private var textLayer = SVGTextLayer()
    /// SVG only: markup written by the chart itself (map shapes), placed under the text.
    private var shapesLayer = ""

    /// SVG only: theme colours of text runs are written as CSS variables of this scheme (the
    /// renderer rewrites the shapes' colours with the same scheme).
    public var svgColorScheme: SVGColorScheme? {
        get { textLayer.colorScheme }
        set { textLayer.colorScheme = newValue }
    }

    /// SVG only: the smallest font size drawn so far, in user units (nil before any text).
    public var smallestTextSize: Double? { textLayer.smallestFontSize }

    public init(format: CanvasFormat, width: Double, height: Double, pngScale: Double = 2) throws(CairoError) {
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
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_set_font_options(context, options)
        cairo_font_options_destroy(options)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        try check("create surface", cairo_surface_status(surface))
        try check("create context", cairo_status(context))
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    // MARK: State

    public func save() { cairo_save(context) }
    public func restore() { cairo_restore(context) }
    public func translate(x: Double, y: Double) { cairo_translate(context, x, y) }
    public func scale(_ factor: Double) { cairo_scale(context, factor, factor) }

    /// Restricts drawing to a rectangle until the matching `restore()`.
    public func clip(x: Double, y: Double, width: Double, height: Double) {
        cairo_rectangle(context, x, y, width, height)
        cairo_clip(context)
    }

    /// Restricts drawing to the current path (even-odd) until the matching `restore()`.
    public func clipPath() {
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_EVEN_ODD)
        cairo_clip(context)
    }

    public func setColor(_ color: RGBA) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }

    // MARK: Paths

    public func moveTo(_ x: Double, _ y: Double) { cairo_move_to(context, x, y) }
    public func lineTo(_ x: Double, _ y: Double) { cairo_line_to(context, x, y) }
    public func closePath() { cairo_close_path(context) }
    public func newPath() { cairo_new_path(context) }
    public func rectanglePath(x: Double, y: Double, width: Double, height: Double) {
        cairo_rectangle(context, x, y, width, height)
    }
    /// An arc clockwise on screen (angles in radians, 0 = 3 o'clock, y down).
    public func arc(center: Point, radius: Double, from start: Double, to end: Double) {
        cairo_arc(context, center.x, center.y, radius, start, end)
    }
    /// An arc counter-clockwise on screen.
    public func arcNegative(center: Point, radius: Double, from start: Double, to end: Double) {
        cairo_arc_negative(context, center.x, center.y, radius, start, end)
    }

    /// Fills the current path (even-odd, so holes stay holes).
    public func fill(_ color: RGBA, preserve: Bool = false) {
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_EVEN_ODD)
        setColor(color)
        if preserve { cairo_fill_preserve(context) } else { cairo_fill(context) }
    }

    /// Strokes the current path; `dash` is an on/off pattern in points (empty = solid). Round
    /// joins look best on chart lines; `roundJoins: false` (bevel) is much cheaper for the
    /// thousands of vertices of map borders.
    public func stroke(_ color: RGBA, width: Double, dash: [Double] = [], preserve: Bool = false, roundJoins: Bool = true) {
        setColor(color)
        cairo_set_line_width(context, width)
        cairo_set_line_join(context, roundJoins ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_BEVEL)
        cairo_set_dash(context, dash, Int32(dash.count), 0)
        if preserve { cairo_stroke_preserve(context) } else { cairo_stroke(context) }
        cairo_set_dash(context, nil, 0, 0)
    }

    // MARK: Shapes

    public func fillRectangle(x: Double, y: Double, width: Double, height: Double, color: RGBA) {
        cairo_rectangle(context, x, y, width, height)
        fill(color)
    }

    public func strokeRectangle(x: Double, y: Double, width: Double, height: Double, color: RGBA, lineWidth: Double = 1) {
        cairo_rectangle(context, x, y, width, height)
        stroke(color, width: lineWidth)
    }

    public func strokeLine(
        from start: (Double, Double), to end: (Double, Double), color: RGBA, width: Double = 1, dash: [Double] = []
    ) {
        cairo_move_to(context, start.0, start.1)
        cairo_line_to(context, end.0, end.1)
        stroke(color, width: width, dash: dash)
    }

    /// Strokes a polyline through `points` (nothing for fewer than two).
    public func strokePolyline(_ points: [Point], color: RGBA, width: Double, dash: [Double] = []) {
        guard points.count >= 2 else { return }
        cairo_move_to(context, points[0].x, points[0].y)
        for point in points.dropFirst() { cairo_line_to(context, point.x, point.y) }
        stroke(color, width: width, dash: dash)
    }

    public func fillCircle(center: Point, radius: Double, color: RGBA, stroke strokeColor: RGBA? = nil, strokeWidth: Double = 1) {
        cairo_new_sub_path(context)
        cairo_arc(context, center.x, center.y, radius, 0, 2 * Double.pi)
        fill(color, preserve: strokeColor != nil)
        if let strokeColor { stroke(strokeColor, width: strokeWidth) }
    }

    /// Fills a set of closed rings as one path (even-odd, so holes stay holes).
    public func fillPolygons(_ rings: [[(Double, Double)]], color: RGBA, stroke strokeColor: RGBA? = nil, strokeWidth: Double = 0.5) {
        for ring in rings where !ring.isEmpty {
            cairo_move_to(context, ring[0].0, ring[0].1)
            for point in ring.dropFirst() { cairo_line_to(context, point.0, point.1) }
            cairo_close_path(context)
        }
        fill(color, preserve: strokeColor != nil)
        if let strokeColor { stroke(strokeColor, width: strokeWidth) }
    }

    // MARK: Text

    /// Selects DejaVu Sans (installed by `make setup`; another face would change output bytes).
    public func setFont(size: Double, bold: Bool = false) {
        cairo_select_font_face(
            context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    /// The advance width of `text` in the current font.
    public func textWidth(_ text: String) -> Double {
        textExtents(text).advance
    }

    /// Advance and ink box of `text` in the current font. The corresponding C function is
    /// `cairo_text_extents`.
    public func textExtents(_ text: String) -> TextExtents {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return TextExtents(
            advance: extents.x_advance, inkLeft: extents.x_bearing, inkTop: extents.y_bearing,
            inkWidth: extents.width, inkHeight: extents.height)
    }

    /// Ascent and descent of the current font (for vertical centring).
    public func fontMetrics() -> (ascent: Double, descent: Double) {
        var extents = cairo_font_extents_t()
        cairo_font_extents(context, &extents)
        return (extents.ascent, extents.descent)
    }

    /// Draws `text` with its baseline starting at (x, y). On an SVG canvas the text is recorded
    /// as a `<text>` element (see `SVGTextLayer`); `align` and `width` (the measured advance)
    /// let that element keep its anchor when a reader's font is a little wider or narrower.
    /// `themed: false` keeps a fixed colour in dark mode (ink on a data fill); `fullText` is the
    /// whole label when `text` abbreviates it (written as the element's `<title>`).
    public func drawText(
        _ text: String, x: Double, y: Double, color: RGBA, align: TextAlign = .left, width: Double = 0,
        themed: Bool = true, fullText: String? = nil
    ) {
        guard format == .svg else {
            setColor(color)
            cairo_move_to(context, x, y)
            cairo_show_text(context, text)
            cairo_new_path(context)
            return
        }
        var matrix = cairo_matrix_t(), font = cairo_matrix_t()
        cairo_get_matrix(context, &matrix)
        cairo_get_font_matrix(context, &font)
        let bold = cairo_toy_font_face_get_weight(cairo_get_font_face(context)) == CAIRO_FONT_WEIGHT_BOLD
        let anchorX: Double
        switch align {
        case .left: anchorX = x
        case .center: anchorX = x + width / 2
        case .right: anchorX = x + width
        }
        textLayer.append(SVGTextLayer.Run(
            text: text, x: anchorX, y: y, anchor: align,
            matrix: (matrix.xx, matrix.yx, matrix.xy, matrix.yy, matrix.x0, matrix.y0),
            fontSize: font.yy, bold: bold, color: color, themed: themed, fullText: fullText))
    }

    /// Draws `text` rotated by `angle` radians about its baseline origin (x, y).
    public func drawRotatedText(_ text: String, x: Double, y: Double, angle: Double, color: RGBA) {
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_rotate(context, angle)
        drawText(text, x: 0, y: 0, color: color)
        cairo_restore(context)
    }

    // MARK: Output

    /// Finishes the document and returns its bytes. The canvas cannot be drawn on afterwards.
    public func render() throws(CairoError) -> [UInt8] {
        precondition(!finished, "render() called twice")
        finished = true
        try check("draw", cairo_status(context))
        switch format {
        case .png:
            cairo_surface_flush(surface)
            guard let data = cairo_image_surface_get_data(surface) else {
                throw CairoError(operation: "write PNG", reason: "image surface has no pixel data")
            }
            return try PNGEncoder.encode(
                width: Int(cairo_image_surface_get_width(surface)), height: Int(cairo_image_surface_get_height(surface)),
                stride: Int(cairo_image_surface_get_stride(surface)), pixels: UnsafeRawPointer(data))
        case .svg, .pdf:
            cairo_surface_finish(surface)
            try check("finish", cairo_surface_status(surface))
        }
        guard format == .svg else { return sink.bytes }
        let shapes = SVGTextLayer.inserting(shapesLayer, into: normaliseSurfaceIds(sink.bytes))
        return textLayer.inserted(into: shapes)
    }

    /// SVG only: adds markup the chart writes itself (above cairo's drawing, below the text).
    func appendSVG(_ markup: String) {
        precondition(format == .svg, "appendSVG on a \(format) canvas")
        shapesLayer += markup
    }

    /// Decodes PNG bytes with cairo's own reader (used by the golden-image tests). The
    /// corresponding C function is `cairo_image_surface_create_from_png_stream`.
    public static func decodePNG(_ bytes: [UInt8]) throws(CairoError) -> PixelImage {
        let source = ByteSource(bytes: bytes)
        let image = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream(readFromSource, Unmanaged.passUnretained(source).toOpaque())
        }
        defer { cairo_surface_destroy(image) }
        let status = cairo_surface_status(image)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw CairoError(operation: "read PNG", reason: String(cString: cairo_status_to_string(status)))
        }
        let width = Int(cairo_image_surface_get_width(image))
        let height = Int(cairo_image_surface_get_height(image))
        let stride = Int(cairo_image_surface_get_stride(image))
        var pixels = [UInt32](repeating: 0, count: width * height)
        if let data = cairo_image_surface_get_data(image) {
            for row in 0..<height {
                let rowStart = UnsafeRawPointer(data + row * stride)
                for column in 0..<width {
                    pixels[row * width + column] = rowStart.loadUnaligned(fromByteOffset: column * 4, as: UInt32.self)
                }
            }
        }
        return PixelImage(width: width, height: height, pixels: pixels)
    }

    private func check(_ operation: String, _ status: cairo_status_t) throws(CairoError) {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw CairoError(operation: operation, reason: String(cString: cairo_status_to_string(status)))
        }
    }
}

/// A colour with components in 0…1.
public struct RGBA: Sendable, Equatable, Hashable {
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

/// Feeds bytes to cairo's PNG reader.
private final class ByteSource {
    let bytes: [UInt8]
    var position = 0
    init(bytes: [UInt8]) { self.bytes = bytes }
}

/// A `@convention(c)` callback cannot capture context: the sink arrives through `closure`.
private let writeToSink: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<StreamSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

private let readFromSource: cairo_read_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
    let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
    let count = Int(length)
    guard source.position + count <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
    source.bytes.withUnsafeBufferPointer { buffer in
        data.update(from: buffer.baseAddress! + source.position, count: count)
    }
    source.position += count
    return CAIRO_STATUS_SUCCESS
}

/// cairo numbers SVG surfaces with a process-wide counter (`id="surface17"`); make it stable.
/// Works on bytes: the documents are large and the pattern is ASCII.
private func normaliseSurfaceIds(_ svg: [UInt8]) -> [UInt8] {
    let marker = Array("id=\"surface".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(svg.count)
    var index = 0
    while index < svg.count {
        if svg[index] == marker[0], index + marker.count <= svg.count, svg[index..<index + marker.count].elementsEqual(marker) {
            output += marker
            output.append(UInt8(ascii: "1"))
            index += marker.count
            while index < svg.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(svg[index]) { index += 1 }
        } else {
            output.append(svg[index])
            index += 1
        }
    }
    return output
}
