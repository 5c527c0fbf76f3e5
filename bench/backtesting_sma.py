#!/usr/bin/env python3
"""SMA 10/30 crossover in backtesting.py: long-only, 95% of cash per entry (whole shares), market orders filled
at the next bar's open (trade_on_close=False, as backtrader), no commission. Usage: backtesting_sma.py FILE.csv"""
import sys
import warnings

import pandas as pd
from backtesting import Backtest, Strategy
from backtesting.lib import crossover

warnings.filterwarnings("ignore")


def sma(values, n):
    return pd.Series(values).rolling(n).mean()


class SmaCross(Strategy):
    fast = 10
    slow = 30

    def init(self):
        self.sma_fast = self.I(sma, self.data.Close, self.fast)
        self.sma_slow = self.I(sma, self.data.Close, self.slow)

    def next(self):
        if not self.position and crossover(self.sma_fast, self.sma_slow):
            self.buy(size=0.95)
        elif self.position and crossover(self.sma_slow, self.sma_fast):
            self.position.close()


def main(path):
    data = pd.read_csv(path, parse_dates=["timestamp"], index_col="timestamp")
    data.columns = ["Open", "High", "Low", "Close", "Volume"]
    stats = Backtest(data, SmaCross, cash=100_000, commission=0, trade_on_close=False).run()
    print(f"{path}: final value {stats['Equity Final [$]']:.2f}")


if __name__ == "__main__":
    main(sys.argv[1])
