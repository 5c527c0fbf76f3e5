import QuorumModel
import QuorumPluginAPI

/// What one `on_bar` call returned: its status, the count it wrote, and the signals the host may validate.
public struct BarOutput {
    /// The plugin's status.
    public let status: Int32
    /// `output->count` as the plugin left it, and the capacity the host gave.
    public let count: UInt32
    public let capacity: UInt32
    /// The signals written, to validate one by one; empty when the call as a whole is a fault (``fault``).
    /// Valid until the next call on the instance.
    public let signals: UnsafeBufferPointer<quorum_signal_t>

    init(status: Int32, count: UInt32, capacity: UInt32, buffer: UnsafeMutablePointer<quorum_signal_t>?) {
        self.status = status
        self.count = count
        self.capacity = capacity
        let usable = status == QUORUM_OK && count <= capacity
        signals = UnsafeBufferPointer(start: buffer, count: usable ? Int(count) : 0)
    }

    /// Why the call as a whole is a fault, taking none of its signals: a negative status, or more signals than
    /// the output had room for. nil when each signal is to be validated.
    @inline(__always)
    public var fault: SignalFault? {
        if status != QUORUM_OK { return .callFailed(status: status) }
        if count > capacity { return .countAboveCapacity(count: count, capacity: capacity) }
        return nil
    }
}
