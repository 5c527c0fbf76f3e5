/// The host's services, as given to one instance (logging, parameters, clock, other symbols' bars).
/// Valid for the life of the instance.
public struct HostServices: @unchecked Sendable {
    let host: UnsafePointer<quorum_host_t>

    init(_ host: UnsafePointer<quorum_host_t>) { self.host = host }

    /// Writes a message to the host's log. Thread-safe.
    public func log(_ level: LogLevel, _ message: String) {
        guard let log = host.pointee.log else { return }
        message.withCString { log(host, level.rawValue, $0) }
    }

    /// The time of the event being processed (ns since 1970-01-01).
    public var now: Int64 { host.pointee.clock_now?(host) ?? 0 }

    /// The history of subscribed symbol `index` as of the current event; only inside `onBar`.
    public func bars(ofSymbol index: Int) -> Bars? {
        guard let getBars = host.pointee.get_bars else { return nil }
        var series = quorum_series_t()
        series.struct_size = UInt32(MemoryLayout<quorum_series_t>.size)
        guard getBars(host, UInt32(index), &series) == QUORUM_OK else { return nil }
        return Bars(series)
    }
}

/// Log levels (`QUORUM_LOG_*`).
public enum LogLevel: Int32, Sendable {
    case trace = 0, debug, info, warning, error
}
