#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex with one condition variable (pthreads), for hand-offs between two threads: the engine's thread and
/// the journal's writer thread, or a file's read-ahead thread.
///
/// Foundation's `NSCondition` does the same, but linking Foundation (and its ICU data) costs every `quorum`
/// process several milliseconds at start-up; the host needs only FoundationEssentials.
public final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
        precondition(pthread_cond_init(condition, nil) == 0, "pthread_cond_init failed")
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    public func lock() { precondition(pthread_mutex_lock(mutex) == 0, "pthread_mutex_lock failed") }
    public func unlock() { precondition(pthread_mutex_unlock(mutex) == 0, "pthread_mutex_unlock failed") }
    /// Releases the lock, sleeps until ``broadcast()`` (or a spurious wake-up: callers loop on their
    /// predicate), and takes the lock again. Call with the lock held.
    public func wait() { precondition(pthread_cond_wait(condition, mutex) == 0, "pthread_cond_wait failed") }
    /// Wakes every thread in ``wait()``. Call with the lock held.
    public func broadcast() { precondition(pthread_cond_broadcast(condition) == 0, "pthread_cond_broadcast failed") }
}

/// Starts `body` on a new detached thread; `purpose` names it in the error if the system refuses one.
/// Callers learn that the thread ended through their own hand-off.
public func startDetachedThread(purpose: String, _ body: @escaping @Sendable () -> Void) {
    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body: body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    var thread = pthread_t()
    let result = pthread_create(&thread, &attributes, { argument in
        Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue().body()
        return nil
    }, box)
    precondition(result == 0, "cannot start the \(purpose) thread: pthread_create returned \(result)")
}
