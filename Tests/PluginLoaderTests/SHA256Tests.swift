import XCTest
@testable import QuorumPlugins

final class SHA256Tests: XCTestCase {
    /// The FIPS 180-4 example vectors, including the million-'a' message.
    func testKnownDigests() {
        XCTAssertEqual(SHA256.hex(of: [UInt8]()),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(of: Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Fed in pieces of every awkward size (across block boundaries, partial blocks, empty pieces), the digest
    /// is the one-shot digest.
    func testPiecesGiveTheSameDigestAsOneUpdate() {
        let message = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let whole = SHA256.hex(of: message)
        for piece in [1, 3, 55, 56, 63, 64, 65, 127, 128, 999] {
            var h = SHA256()
            var i = 0
            while i < message.count {
                let end = min(i + piece, message.count)
                h.update(Array(message[i..<end]))
                h.update([])
                i = end
            }
            XCTAssertEqual(h.finalize().map { String(format: "%02x", $0) }.joined(), whole, "pieces of \(piece)")
        }
    }
}
