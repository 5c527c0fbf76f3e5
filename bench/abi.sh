#!/bin/sh
# Builds the ABI call-cost benchmark and the Swift Momentum plugin in release mode and runs it.
# Usage: bench/abi.sh [calls]   (default 10,000,000 per case)
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product QuorumMomentum
swift build -c release --product QuorumBenchABI
exec "$(swift build -c release --show-bin-path)/QuorumBenchABI" "$@"
