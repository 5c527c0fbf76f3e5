import XCTest

/// The ABI header compiles warning-free, without implicit padding, as C11 and as C++17 (SPEC §4 rule 14).
final class HeaderTests: XCTestCase {
    func testHeaderCompilesAsStrictC11() throws {
        let dir = try makeTemporaryFolder(self)
        try write("#include <quorum_plugin.h>\nint main(void) { return 0; }\n", to: dir + "/check.c")
        try shell(["cc", "-std=c11", "-Wall", "-Wextra", "-Wpadded", "-Werror", "-pedantic", "-fsyntax-only",
                 "-I\(repoRoot)/PluginAPI/include", dir + "/check.c"])
    }

    func testHeaderCompilesAsCXX17() throws {
        let dir = try makeTemporaryFolder(self)
        try write("#include <quorum_plugin.h>\nint main() { return 0; }\n", to: dir + "/check.cpp")
        try shell(["c++", "-std=c++17", "-Wall", "-Wextra", "-Wpadded", "-Werror", "-fsyntax-only",
                 "-I\(repoRoot)/PluginAPI/include", dir + "/check.cpp"])
    }

    /// The host reads a signal's reason after on_bar returns (PluginOutputTests shows it copies the reason before
    /// the next call), so the header must not promise plugins that the reason need only live "until on_bar
    /// returns": a plugin keeping that promise (a reason on its stack) would hand the host a dangling pointer.
    func testReasonLifetimeIsOneTheHostHonours() throws {
        let header = try String(contentsOfFile: "\(repoRoot)/PluginAPI/include/quorum_plugin.h", encoding: .utf8)
        let field = try XCTUnwrap(header.range(of: "const char *reason;"))
        let end = try XCTUnwrap(header[field.upperBound...].range(of: "*/"))
        let comment = header[field.upperBound..<end.lowerBound].split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        XCTAssertFalse(comment.contains("until on_bar returns"), comment)
        XCTAssertTrue(comment.contains("until the next call into this instance"), comment)
    }
}
