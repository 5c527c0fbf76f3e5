/// Reads the names of the defined, global dynamic symbols of an ELF64 little-endian shared object, to check
/// SPEC §4 rule 1 (exactly one exported symbol). Returns nil when the file is not such an object.
enum ELFSymbols {
    static func exported(_ b: [UInt8]) -> [String]? {
        guard b.count >= 64, b[0] == 0x7f, b[1] == 0x45, b[2] == 0x4c, b[3] == 0x46, b[4] == 2, b[5] == 1 else {
            return nil
        }
        func u16(_ o: Int) -> Int { o + 2 <= b.count ? Int(b[o]) | Int(b[o + 1]) << 8 : 0 }
        func u32(_ o: Int) -> Int { o + 4 <= b.count ? u16(o) | u16(o + 2) << 16 : 0 }
        func u64(_ o: Int) -> Int { o + 8 <= b.count ? u32(o) | u32(o + 4) << 32 : 0 }
        let sectionOffset = u64(0x28), sectionSize = u16(0x3A), sectionCount = u16(0x3C)
        guard sectionOffset > 0, sectionSize >= 64 else { return nil }
        for k in 0..<sectionCount {
            let sh = sectionOffset + k * sectionSize
            guard u32(sh + 4) == 11 else { continue }   // SHT_DYNSYM
            let offset = u64(sh + 0x18), size = u64(sh + 0x20), link = u32(sh + 0x28), entrySize = u64(sh + 0x38)
            let strings = u64(sectionOffset + link * sectionSize + 0x18)
            guard entrySize >= 24 else { return nil }
            var names: [String] = []
            var entry = offset + entrySize   // entry 0 is the null symbol
            while entry + 24 <= min(offset + size, b.count) {
                let info = Int(b[entry + 4])
                let binding = info >> 4, visibility = Int(b[entry + 5]) & 3   // default (0) and protected (3) are exported
                let sectionIndex = u16(entry + 6)
                if sectionIndex != 0 && (binding == 1 || binding == 2) && (visibility == 0 || visibility == 3) {
                    var end = strings + u32(entry)
                    let start = end
                    while end < b.count && b[end] != 0 { end += 1 }
                    names.append(String(decoding: b[start..<end], as: UTF8.self))
                }
                entry += entrySize
            }
            return names
        }
        return []
    }
}
