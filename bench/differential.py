#!/usr/bin/env python3
"""Differential test: `quorum backtest` against backtrader for the SMA crossover, on random parameters.

For each run it draws fast and slow periods, a fraction of cash and a starting cash, runs org.quorum.sma-cross
through `quorum backtest --json` and the same rules through backtrader (../shared/oracle/README.md: the signal
on bar t after its close, market orders at the open of t+1, size = floor(cash × fraction / close[t]), an order
whose cost at the fill price exceeds the cash rejected, no commission), and compares every closed trade, the
open position at the end, the rejected orders, the final cash and the final equity (to 1e-6).

backtrader decides when orders fill or are rejected and at what price (its executed price must be the bar's
open, to 1e-9). Its floating-point SMA crossover and sizer are replaced by exact arithmetic on the CSV's decimal
text, following the oracle's rules (its own `CrossOver` runs beside them and only notes where it disagrees: at
exact ties, SMA(fast) = SMA(slow), floating point can see a cross that is not one). The cash is kept exactly
beside backtrader's own, and quorum's final cash and equity are compared with both (backtrader's to 1e-6 of the
value). A run in which neither side places an order proves nothing and is counted apart ("no orders").

Usage (bench/differential sets it up): differential.py QUORUM PLUGINS DATA_DIR [--runs N] [--seed S]
Prints one line per run and a summary; exits 1 if any run differs.
"""
import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
from decimal import Decimal
from fractions import Fraction

import backtrader as bt

# The bundled files and how backtrader reads them; SYN* are written by synthetic_files().
FILES = {
    "GOOG_1d": (bt.TimeFrame.Days, 1, "%Y-%m-%d"),
    "NVDA_1d": (bt.TimeFrame.Days, 1, "%Y-%m-%d"),
    "ORCL_1d": (bt.TimeFrame.Days, 1, "%Y-%m-%d"),
    "YHOO_1d": (bt.TimeFrame.Days, 1, "%Y-%m-%d"),
    "EURUSD_1h": (bt.TimeFrame.Minutes, 60, "%Y-%m-%dT%H:%M:%S"),
    "BTCUSD_1mo": (bt.TimeFrame.Months, 1, "%Y-%m-%d"),
    "BTSAMPLE-MIN005_5m": (bt.TimeFrame.Minutes, 5, "%Y-%m-%dT%H:%M:%S"),
    "BTSAMPLE-VOLMIN001_1m": (bt.TimeFrame.Minutes, 1, "%Y-%m-%dT%H:%M:%S"),
}
# Prices on coarse grids (steps of 1, 0.25, 0.01 and 0.5): exact SMA ties, whole-number sizes and orders that
# cost exactly the cash come up often.
GRIDS = [Decimal("1"), Decimal("0.25"), Decimal("0.01"), Decimal("0.5")]
FRACTIONS = ["0.1", "0.5", "0.95", "0.99", "1.0"]
CASHES = ["1000", "100000", "12345.67"]


def synthetic_files(folder, seed):
    """Writes SYN0..3_1d.csv, 400 daily bars each on the GRIDS, into `folder`."""
    rng = random.Random(seed)
    for k, step in enumerate(GRIDS):
        name = f"SYN{k}_1d"
        FILES[name] = (bt.TimeFrame.Days, 1, "%Y-%m-%d")
        price = 40 * step if step < 1 else Decimal(10)
        lines = ["timestamp,open,high,low,close,volume"]
        for day in range(400):
            open_ = price
            price = max(step, price + step * rng.choice([-2, -1, -1, 0, 0, 1, 1, 2]))
            high, low = max(open_, price), min(open_, price)
            date = f"{2001 + day // 336}-{1 + day % 336 // 28:02d}-{1 + day % 28:02d}"
            lines.append(f"{date},{open_},{high},{low},{price},1000")
        with open(os.path.join(folder, name + ".csv"), "w") as f:
            f.write("\n".join(lines) + "\n")


class Paths:
    data = ""
    synthetic = ""

    @classmethod
    def of(cls, name):
        return os.path.join(cls.synthetic if name.startswith("SYN") else cls.data, name + ".csv")


_rows = {}


def rows(name):
    """(time text, open, close) of every bar, as exact decimals."""
    if name not in _rows:
        with open(Paths.of(name)) as f:
            body = list(csv.reader(f))[1:]
        _rows[name] = [(r[0], Decimal(r[1]), Decimal(r[4])) for r in body]
    return _rows[name]


class ExactSma(bt.Strategy):
    """The oracle's rules with exact sums: a cross at t when the sign of fast − slow at t differs from the last
    non-zero sign before t."""
    params = dict(fast=10, slow=30, fraction="0.95", cash="100000", name="")

    def __init__(self):
        self.cross = bt.ind.CrossOver(bt.ind.SMA(period=self.p.fast), bt.ind.SMA(period=self.p.slow))
        self.bars = rows(self.p.name)
        self.closes = [c for _, _, c in self.bars]
        self.fraction = Fraction(Decimal(self.p.fraction))
        self.cash = Fraction(Decimal(self.p.cash))
        self.held = 0
        self.entry = None  # (bar index, price)
        self.trades, self.rejected, self.notes, self.differences = [], [], [], []
        self.orders = 0
        self.last_sign = 0

    def sign(self, t):
        f, s = self.p.fast, self.p.slow
        if t < s - 1:
            return None
        d = sum(self.closes[t - f + 1:t + 1]) * s - sum(self.closes[t - s + 1:t + 1]) * f
        return (d > 0) - (d < 0)

    def index(self):
        return len(self.data) - 1

    def notify_order(self, order):
        t = self.index()
        time, open_, _ = self.bars[t]
        if order.status == order.Completed:
            if abs(order.executed.price - float(open_)) > 1e-9 * float(open_):
                self.differences.append(f"backtrader filled at {order.executed.price} on {time}, not the open {open_}")
            price, size = Fraction(open_), order.executed.size
            if size > 0:
                if size * price > self.cash:
                    self.notes.append(f"backtrader accepted a buy at {time} costing more than the exact cash")
                self.cash -= size * price
                self.held, self.entry = size, (t, open_)
            else:
                self.cash += -size * price
                t0, p0 = self.entry
                self.trades.append(dict(entry_time=self.bars[t0][0], entry_price=p0, exit_time=time,
                                        exit_price=open_, qty=-size, pnl=Decimal(-size) * (open_ - p0)))
                self.held, self.entry = 0, None
        elif order.status in (order.Margin, order.Rejected, order.Canceled):
            size = order.created.size
            if not size * Fraction(open_) > self.cash:
                self.notes.append(f"backtrader rejected a buy at {time} the exact cash covers")
            self.rejected.append(dict(time=time, qty=size))

    def next(self):
        t = self.index()
        d = self.sign(t)
        up = d is not None and d > 0 and self.last_sign < 0
        down = d is not None and d < 0 and self.last_sign > 0
        if (self.cross[0] > 0) != up or (self.cross[0] < 0) != down:
            self.notes.append(f"backtrader's float CrossOver differs at {self.bars[t][0]}")
        if not self.held and up:
            size = math.floor(self.cash * self.fraction / Fraction(self.bars[t][2]))
            if size > 0:
                self.orders += 1
                self.buy(size=size)
        elif self.held and down:
            self.orders += 1
            self.close()
        if d:
            self.last_sign = d

    def nextstart(self):
        # The signs of the bars before the first next(): the last non-zero one is where a cross is measured from.
        for k in range(self.p.slow - 1, self.index()):
            if self.sign(k):
                self.last_sign = self.sign(k)
        self.next()


def run_backtrader(name, fast, slow, fraction, cash):
    timeframe, compression, form = FILES[name]
    cerebro = bt.Cerebro(stdstats=False, runonce=len(rows(name)) > slow + 1)
    cerebro.adddata(bt.feeds.GenericCSVData(
        dataname=Paths.of(name), dtformat=form, datetime=0, open=1, high=2, low=3, close=4, volume=5,
        openinterest=-1, headers=True, timeframe=timeframe, compression=compression))
    cerebro.addstrategy(ExactSma, fast=fast, slow=slow, fraction=fraction, cash=cash, name=name)
    cerebro.broker.setcash(float(cash))
    cerebro.broker.set_checksubmit(False)   # the oracle rejects at the fill price only
    strategy = cerebro.run()[0]
    bars = rows(name)
    last = bars[-1][2]
    open_positions = []
    if strategy.held:
        t0, p0 = strategy.entry
        open_positions.append(dict(qty=strategy.held, entry_time=bars[t0][0], entry_price=p0, last_price=last,
                                   unrealized_pnl=Decimal(strategy.held) * (last - p0)))
    cash = Decimal(strategy.cash.numerator) / Decimal(strategy.cash.denominator)
    equity = cash + Decimal(strategy.held) * last
    return dict(trades=strategy.trades, open_positions=open_positions, rejected_orders=strategy.rejected,
                final_cash=cash, final_equity=equity, notes=strategy.notes, differences=strategy.differences,
                orders=strategy.orders, backtrader_cash=cerebro.broker.getcash(),
                backtrader_value=cerebro.broker.getvalue())


def run_quorum(quorum, plugins, name, fast, slow, fraction, cash, folder):
    config = os.path.join(folder, "c.yaml")
    with open(config, "w") as f:
        f.write(f"""version: 1
plugins: {{dirs: [{plugins}]}}
starting_cash: {cash}
strategies:
  - {{name: sma, plugin: org.quorum.sma-cross, symbols: [SYM], params: {{fast: {fast}, slow: {slow}}}}}
risk: {{sizing: {{mode: fraction_of_cash, fraction: {fraction}}}, limits: none}}
""")
    done = subprocess.run([quorum, "backtest", "--config", config, "--data", Paths.of(name), "--symbol", "SYM",
                           "--json", "--journal", os.path.join(folder, "j.sqlite"), "--journal-level", "summary"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        return dict(error=f"exit {done.returncode}: {done.stderr[-2000:]}")
    return json.loads(done.stdout, parse_float=Decimal)


def differences(b, q):
    if "error" in q:
        return [q["error"]]
    near = lambda x, y: abs(Decimal(str(x)) - Decimal(str(y))) <= Decimal("1e-6")
    found = []
    if len(b["trades"]) != len(q["trades"]):
        found.append(f"trades: backtrader {len(b['trades'])}, quorum {len(q['trades'])}")
    for i, (x, y) in enumerate(zip(b["trades"], q["trades"])):
        found += [f"trade {i} {k}: backtrader {x[k]}, quorum {y[k]}" for k in ("entry_time", "exit_time", "qty")
                  if str(x[k]) != str(y[k])]
        found += [f"trade {i} {k}: backtrader {x[k]}, quorum {y[k]}" for k in ("entry_price", "exit_price", "pnl")
                  if not near(x[k], y[k])]
        if found:
            break
    if len(b["open_positions"]) != len(q["open_positions"]):
        found.append(f"open positions: backtrader {b['open_positions']}, quorum {q['open_positions']}")
    for x, y in zip(b["open_positions"], q["open_positions"]):
        found += [f"open {k}: backtrader {x[k]}, quorum {y[k]}" for k in ("entry_time", "qty") if str(x[k]) != str(y[k])]
        found += [f"open {k}: backtrader {x[k]}, quorum {y[k]}" for k in ("entry_price", "last_price", "unrealized_pnl")
                  if not near(x[k], y[k])]
    rejected = [(x["time"], x["qty"]) for x in b["rejected_orders"]]
    if rejected != [(x.get("time"), x.get("qty")) for x in q["rejected_orders"]]:
        found.append(f"rejected: backtrader {rejected}, quorum {q['rejected_orders']}")
    found += [f"{k}: backtrader {b[k]}, quorum {q[k]}" for k in ("final_cash", "final_equity") if not near(b[k], q[k])]
    for mine, theirs in (("final_cash", "backtrader_cash"), ("final_equity", "backtrader_value")):
        if abs(float(q[mine]) - b[theirs]) > 1e-6 * max(1.0, abs(b[theirs])):
            found.append(f"{mine}: quorum {q[mine]}, backtrader's own {b[theirs]}")
    return b["differences"] + found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("quorum")
    parser.add_argument("plugins")
    parser.add_argument("data")
    parser.add_argument("--runs", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work:
        Paths.data, Paths.synthetic = args.data, work
        synthetic_files(work, args.seed)
        names = list(FILES)
        mismatches = trades = rejected = vacuous = 0
        for i in range(args.runs):
            name = names[i % len(names)]
            small = name.startswith("SYN")   # short periods on the grids: many ties and boundary sizes
            fast = rng.randint(2, 8 if small else 50)
            slow = rng.randint(fast + 1, 15 if small else 200)
            fraction, cash = rng.choice(FRACTIONS), rng.choice(CASHES)
            b = run_backtrader(name, fast, slow, fraction, cash)
            q = run_quorum(args.quorum, args.plugins, name, fast, slow, fraction, cash, work)
            found = differences(b, q)
            # Quorum placing orders where backtrader placed none shows as trades or rejections above.
            idle = not found and b["orders"] == 0 and not q.get("trades") and not q.get("rejected_orders") \
                and not q.get("open_positions")
            mismatches += bool(found)
            vacuous += idle
            trades += len(b["trades"])
            rejected += len(b["rejected_orders"])
            verdict = "DIFFERS" if found else "no orders" if idle else "same"
            print(f"{verdict:9} {name} fast {fast} slow {slow} fraction {fraction} "
                  f"cash {cash}: {len(b['trades'])} trades, {len(b['rejected_orders'])} rejected"
                  + "".join(f"\n    {d}" for d in found[:5]) + "".join(f"\n    note: {n}" for n in b["notes"][:3]),
                  flush=True)
    print(f"{args.runs} runs over {len(names)} files: {trades} trades, {rejected} rejected orders; "
          f"{mismatches} runs differing, {vacuous} without any order (no evidence either way)")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
