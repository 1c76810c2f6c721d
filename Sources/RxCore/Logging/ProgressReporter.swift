import Foundation

/// Progress of long work on stderr: a redrawn bar on a terminal, a plain line every few
/// seconds otherwise (CI logs, nightly cron mail), nothing when quiet.
public final class ProgressReporter: Sendable {
    public enum Style: Sendable { case bar, lines, silent }

    private struct State {
        var done: Int = 0
        var lastDraw: Double = 0
        var finished = false
    }

    private let label: String
    private let total: Int
    private let unit: String
    private let style: Style
    private let interval: Double
    private let started: Double
    private let state = Locked(State())

    /// - Parameters:
    ///   - total: the amount of work, in `unit`s (e.g. rows); 0 when unknown (no percentage).
    ///   - style: nil chooses `.bar` on a terminal and `.lines` otherwise.
    public init(label: String, total: Int, unit: String, style: Style? = nil, quiet: Bool = false) {
        self.label = label
        self.total = total
        self.unit = unit
        self.style = quiet ? .silent : (style ?? (StandardError.isTerminal ? .bar : .lines))
        self.interval = self.style == .bar ? 0.1 : 5
        self.started = ProgressReporter.now()
    }

    /// Adds `amount` finished units; draws if enough time has passed.
    public func advance(by amount: Int) {
        guard style != .silent else { return }
        let line: String? = state.withLock { state in
            state.done += amount
            let now = ProgressReporter.now()
            guard now - state.lastDraw >= interval, !state.finished else { return nil }
            state.lastDraw = now
            return render(done: state.done, elapsed: now - started)
        }
        if let line { emit(line, final: false) }
    }

    /// Draws the final state and ends the bar's line.
    public func finish() {
        guard style != .silent else { return }
        let line: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            return render(done: state.done, elapsed: ProgressReporter.now() - started)
        }
        if let line { emit(line, final: true) }
    }

    private func render(done: Int, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        guard total > 0 else {
            return "\(label): \(Self.compact(done)) \(unit), \(Self.compact(Int(rate))) \(unit)/s"
        }
        let fraction = min(1, Double(done) / Double(total))
        let numbers = "\(Self.compact(done))/\(Self.compact(total)) \(unit), \(Self.compact(Int(rate))) \(unit)/s"
        switch style {
        case .bar:
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            return "\(label) [\(bar)] \(Int(fraction * 100))% \(numbers)"
        case .lines, .silent:
            return "\(label): \(Int(fraction * 100))% \(numbers)"
        }
    }

    private func emit(_ line: String, final: Bool) {
        switch style {
        case .bar: StandardError.write("\r\u{1B}[2K" + line + (final ? "\n" : ""))
        case .lines: StandardError.write(line + "\n")
        case .silent: break
        }
    }

    /// 1234567 → "1.2M", for progress lines only.
    static func compact(_ value: Int) -> String {
        let number = Double(value)
        switch number {
        case 1e9...: return String(format: "%.1fG", number / 1e9)
        case 1e6...: return String(format: "%.1fM", number / 1e6)
        case 1e4...: return String(format: "%.0fk", number / 1e3)
        default: return String(value)
        }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
