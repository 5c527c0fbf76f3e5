extension StrategySkeleton {
    var swiftMakefile: String {
        """
        QUORUM_SDK ?= \(sdk)
        KIT := $(wildcard $(QUORUM_SDK)/PluginAPI/Swift/*.swift)

        \(libraryName): \(typeName).swift build/libQuorumPluginKit.a
        \tswiftc -O -parse-as-library -emit-library -module-name \(swiftModuleName) -I build -I $(QUORUM_SDK)/PluginAPI/include \\
        \t  \(typeName).swift build/libQuorumPluginKit.a \\
        \t  -Xlinker --version-script=$(QUORUM_SDK)/PluginAPI/exports.map -o $@

        # The Swift plugin kit, compiled with this toolchain (a Swift plugin must use the host's toolchain).
        build/libQuorumPluginKit.a: $(KIT)
        \tmkdir -p build
        \tswiftc -O -parse-as-library -static -emit-library -emit-module -module-name QuorumPluginKit \\
        \t  -emit-module-path build/QuorumPluginKit.swiftmodule -I $(QUORUM_SDK)/PluginAPI/include $(KIT) -o $@

        clean:
        \trm -rf build \(libraryName)

        .PHONY: clean

        """
    }

    var swiftSource: String {
        """
        // \(name): a Quorum strategy plugin. LONG above SMA(period), FLAT below.
        import QuorumPluginKit

        /// Closes are kept as exact integers of 1e-8, so the average never drifts and ties stay exact; their sum is
        /// 128-bit, so it cannot overflow at any price the host sends (up to ~92 billion, the end of its range).
        final class \(swiftClassName): Strategy {
            static let info = StrategyInfo(
                id: "org.example.\(idLabel)", name: "\(name)", vendor: "Example", version: "0.1.0",
                description: "LONG when the close is above SMA(period), FLAT below.",
                parameters: [ParameterSpec(id: 1, key: "period", type: .int, description: "bars in the moving average",
                                           default: 20, min: 2, max: 1000)])

            private let period: Int
            private var window: [Int64]
            private var filled = 0
            private var next = 0
            private var sum: Int128 = 0
            private var stance: Int32 = 2   // none yet

            init(parameters: Parameters, host: HostServices) throws {
                period = parameters.int("period")
                window = Array(repeating: 0, count: period)
            }

            func onBar(_ event: BarEvent, _ signals: inout SignalWriter) {
                let units = Self.units(event.bars.close[event.bars.last])
                if filled == period { sum -= Int128(window[next]) } else { filled += 1 }
                window[next] = units
                sum += Int128(units)
                next = (next + 1) % period
                guard filled == period else { return }
                let direction = Int128(units) * Int128(period) > sum ? Stance.long : Stance.flat
                guard direction != stance else { return }
                stance = direction
                signals.emit(event, direction, confidence: 1,
                             reason: direction == Stance.long ? "close above its average" : "close below its average")
            }

            /// `price` in units of 1e-8, rounded; prices beyond the range of Int64 units (~92 billion) count as its end.
            static func units(_ price: Double) -> Int64 {
                let scaled = (price * 1e8).rounded()
                return scaled < 9.2e18 ? Int64(scaled) : .max
            }

            func saveState(_ writer: inout StateWriter) throws {
                try writer.write(UInt8(1))
                try writer.write(Int64(filled))
                try writer.write(Int64(next))
                try writer.write(sum)
                try writer.write(stance)
                for value in window { try writer.write(value) }
            }

            func loadState(_ reader: inout StateReader) throws {
                guard try reader.read(UInt8.self) == 1 else { throw StateError.corrupt }
                let filled = Int(try reader.read(Int64.self)), next = Int(try reader.read(Int64.self))
                guard (0...period).contains(filled), (0..<period).contains(next) else { throw StateError.corrupt }
                let sum = try reader.read(Int128.self), stance = try reader.read(Int32.self)
                let window = try (0..<period).map { _ in try reader.read(Int64.self) }
                (self.filled, self.next, self.sum, self.stance, self.window) = (filled, next, sum, stance, window)
            }
        }

        @_cdecl("quorum_plugin_entry")
        public func quorumPluginEntry(_ host: UnsafePointer<quorum_version_t>?) -> UnsafeRawPointer? {
            PluginExport.entry(host, [\(swiftClassName).self])
        }

        """
    }
}
