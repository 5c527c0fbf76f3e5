import QuorumPluginAPI

/// Collects the bytes a plugin writes in save_state.
final class StateSink {
    private(set) var bytes: [UInt8] = []
    /// States larger than this are refused (a runaway plugin must not exhaust memory): QUORUM_STATE_MAX_BYTES.
    static let maxBytes = Int(QUORUM_STATE_MAX_BYTES)

    func withStream<R>(_ body: (UnsafePointer<quorum_ostream_t>) -> R) -> R {
        var stream = quorum_ostream_t(ctx: Unmanaged.passUnretained(self).toOpaque()) { stream, data, size in
            guard let stream, let ctx = stream.pointee.ctx else { return QUORUM_ERR_INVALID_ARGUMENT }
            let sink = Unmanaged<StateSink>.fromOpaque(ctx).takeUnretainedValue()
            guard size == 0 || data != nil else { return QUORUM_ERR_INVALID_ARGUMENT }
            // Compared as the room left, never as a sum: `size` may be anything up to UInt64.max.
            guard size <= UInt64(StateSink.maxBytes - sink.bytes.count) else { return QUORUM_ERR_NO_MEMORY }
            if size > 0 { sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: Int(size))) }
            return QUORUM_OK
        }
        return body(&stream)
    }
}

/// Serves saved bytes to a plugin's load_state.
final class StateSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func withStream<R>(_ body: (UnsafePointer<quorum_istream_t>) -> R) -> R {
        var stream = quorum_istream_t(ctx: Unmanaged.passUnretained(self).toOpaque()) { stream, buffer, size in
            guard let stream, let ctx = stream.pointee.ctx else { return Int64(QUORUM_ERR_INVALID_ARGUMENT) }
            let source = Unmanaged<StateSource>.fromOpaque(ctx).takeUnretainedValue()
            let n = min(Int(clamping: size), source.bytes.count - source.offset)
            guard n > 0 else { return 0 }
            guard let buffer else { return Int64(QUORUM_ERR_INVALID_ARGUMENT) }
            source.bytes.withUnsafeBytes { raw in
                buffer.copyMemory(from: raw.baseAddress! + source.offset, byteCount: n)
            }
            source.offset += n
            return Int64(n)
        }
        return body(&stream)
    }
}
