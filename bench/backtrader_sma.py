#!/usr/bin/env python3
"""SMA 10/30 crossover in backtrader: long-only, 95% of cash per entry (whole shares), market orders filled at
the next bar's open (backtrader's default), no commission. Usage: backtrader_sma.py FILE.csv"""
import sys

import backtrader as bt


class SmaCross(bt.Strategy):
    params = dict(fast=10, slow=30)

    def __init__(self):
        self.cross = bt.ind.CrossOver(bt.ind.SMA(period=self.p.fast), bt.ind.SMA(period=self.p.slow))

    def next(self):
        if not self.position and self.cross > 0:
            self.buy()
        elif self.position and self.cross < 0:
            self.close()


def main(path):
    cerebro = bt.Cerebro(stdstats=False)
    cerebro.adddata(bt.feeds.GenericCSVData(
        dataname=path, dtformat="%Y-%m-%d", datetime=0, open=1, high=2, low=3, close=4, volume=5,
        openinterest=-1, headers=True))
    cerebro.addstrategy(SmaCross)
    cerebro.addsizer(bt.sizers.PercentSizerInt, percents=95)
    cerebro.broker.setcash(100_000)
    cerebro.run()
    print(f"{path}: final value {cerebro.broker.getvalue():.2f}")


if __name__ == "__main__":
    main(sys.argv[1])
