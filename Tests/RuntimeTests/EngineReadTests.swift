import QuorumData
import QuorumEngine
import QuorumExecution
import QuorumJudge
import QuorumModel
import XCTest

/// The engine reads each chunk on a worker while it judges the one before (``Engine/run(_:progress:)``): every
/// event reaches the stage once, in order, and a read error is thrown after every chunk read before it has been
/// judged, whatever the chunk size and wherever the error falls.
final class EngineReadTests: XCTestCase {
    /// Records what the engine hands the trading stage.
    private final class RecordingStage: TradingStage {
        var opened: [Timestamp] = []
        var decided: [Timestamp] = []
        var ended: [Timestamp] = []
        var equity: Money { .zero }
        func barOpened(symbol: Int, bar: Bar) { opened.append(bar.time) }
        func decide(_ verdict: Verdict, symbol: Int, bar: Bar, event: MarketEvent) { decided.append(bar.time) }
        func endOfStep(time: Timestamp) { ended.append(time) }
    }

    private struct ReadFailure: Error, Equatable { let after: Int }

    /// Synthetic bars of one symbol; after `good` of them, every read throws.
    private struct FailingSource: BarSource {
        let symbols = ["SYN"]
        var bars: SyntheticBars
        let good: Int?
        var delivered = 0

        mutating func next() throws -> FeedEvent? {
            if let good, delivered == good { throw ReadFailure(after: good) }
            guard let bar = bars.next() else { return nil }
            delivered += 1
            return FeedEvent(symbolIndex: 0, bar: bar)
        }
    }

    private func bars(_ count: Int) -> SyntheticBars {
        SyntheticBars(seed: 11, count: count, start: 1_600_000_000 * 1_000_000_000, step: 60 * 1_000_000_000)
    }

    private func engine(chunk: Int, stage: RecordingStage) -> Engine {
        Engine(symbolNames: ["SYN"], instances: [], settings: EngineSettings(chunkSize: chunk), stage: stage, shadows: [])
    }

    func testEveryEventReachesTheStageOnceInOrder() throws {
        let times = Array(bars(300)).map(\.time)
        for chunk in [1, 7, 64, 300, 4096] {
            let stage = RecordingStage()
            var source = FailingSource(bars: bars(300), good: nil)
            var progress: [Int] = []
            let summary = try engine(chunk: chunk, stage: stage).run(&source) { progress.append($0) }
            XCTAssertEqual(stage.opened, times, "chunk \(chunk)")
            XCTAssertEqual(stage.decided, times, "chunk \(chunk)")
            XCTAssertEqual(stage.ended, times, "chunk \(chunk)")
            XCTAssertEqual(summary.events, 300)
            XCTAssertEqual(summary.firstTime, times.first)
            XCTAssertEqual(summary.lastTime, times.last)
            XCTAssertEqual(progress, Array(stride(from: chunk, through: 300, by: chunk)) + (300 % chunk == 0 ? [] : [300]),
                           "chunk \(chunk)")
        }
    }

    func testAReadErrorIsThrownAfterEveryEarlierChunkIsJudged() {
        let times = Array(bars(300)).map(\.time)
        for chunk in [1, 7, 64] {
            for good in [0, 1, 6, 7, 8, 63, 64, 65, 140, 299] {
                let stage = RecordingStage()
                var source = FailingSource(bars: bars(300), good: good)
                XCTAssertThrowsError(try engine(chunk: chunk, stage: stage).run(&source)) {
                    XCTAssertEqual($0 as? ReadFailure, ReadFailure(after: good), "chunk \(chunk), good \(good)")
                }
                // The chunk the error fell in is not judged; every chunk before it is, in full.
                let judged = good / chunk * chunk
                XCTAssertEqual(stage.opened, Array(times[..<judged]), "chunk \(chunk), good \(good)")
                XCTAssertEqual(stage.decided, Array(times[..<judged]), "chunk \(chunk), good \(good)")
                // A step ends when the next one begins; the run's last step is not ended after an error.
                XCTAssertEqual(stage.ended, Array(times[..<max(judged - 1, 0)]), "chunk \(chunk), good \(good)")
            }
        }
    }
}
