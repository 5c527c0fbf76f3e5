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
}
