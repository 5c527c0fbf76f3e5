/*
 * quorum_indicators.h — incremental technical indicators shared by the Quorum reference strategies.
 *
 * Every indicator is a plain state struct with an init function and an update function that consumes one new
 * value (or one bar) in O(1) time and never allocates. Results match TA-Lib 0.8 (C library 0.8.1) to 1e-9
 * relative, with TA-Lib's warm-up: an indicator is "ready" exactly where TA-Lib's output starts.
 *
 * Usable from C11, C++ and Swift (the header is imported as a Clang module): the structs contain only
 * fixed-width integers, doubles and pointers; no enums, no 128-bit types.
 *
 * Windowed indicators (SMA, rolling stats, Bollinger, ROC, linear regression) keep their window in storage the
 * caller supplies at init (QI_*_STORAGE gives the element count), so a strategy allocates once — when it is
 * created or activated — and never in its per-bar path. The storage must stay valid and must not be shared
 * while the struct is in use. Moving the struct is fine; it only points at the storage.
 *
 * Exactness.  Decimal inputs are quantised to integers of 1/scale units (scale = QI_PRICE_SCALE = 1e8 for
 * prices: prices come from decimal text with at most 8 decimals) by llround(x * scale), and window sums are kept
 * as exact 128-bit integers. Rolling an SMA therefore never drifts, an SMA is bit-identical to one computed from
 * scratch over the same window, and two SMAs can be compared exactly (qi_sma_compare): ties stay ties.
 * Input domain: |x * scale| < 9.2e18 (|x| < 9.2e10 for prices). Finer detail than 1/scale is rounded away;
 * the quantisation is exact (x with <= 8 decimals maps to its exact decimal integer) for |x| < ~1e7.
 *
 * Threads: functions are reentrant; one struct must not be updated from two threads at once.
 * Saving state: structs without a window pointer are plain data (copy their bytes). Windowed ones have
 * qi_*_state_size / qi_*_state_save / qi_*_state_load, whose bytes are tied to this library's build layout.
 */
#ifndef QUORUM_INDICATORS_H
#define QUORUM_INDICATORS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1e8: quantum of prices (their text has at most 8 decimals). */
#define QI_PRICE_SCALE 100000000.0

/* Return codes of the functions that can fail. */
#define QI_OK 0
#define QI_ERR_ARGUMENT -1 /* a NULL pointer, a period out of range, a non-finite or non-positive scale */
#define QI_ERR_STATE -2    /* state bytes of the wrong size or for a different period */

/* Largest period a windowed indicator accepts. */
#define QI_MAX_PERIOD 100000u

/* Quantises x to the nearest integer of 1/scale units: llround(x * scale). |x * scale| must be < 9.2e18. */
int64_t qi_quantize(double x, double scale);

/* ======================================================================================================= */
/* SMA — simple moving average, exact                                                                      */
/* ======================================================================================================= */

/* Elements of int64_t storage an SMA of `period` needs. */
#define QI_SMA_STORAGE(period) (period)

/*
 * Simple moving average over the last `period` values, quantised to 1e-8 and summed exactly.
 * value = (double)sum / 1e8 / period. Ready after `period` values (TA-Lib SMA output index period-1).
 * Fields are private except `value` (valid when qi_sma_ready) and `period`.
 */
typedef struct qi_sma {
   int64_t *window;      /* caller storage: period quantised values (ring) */
   uint64_t sum_lo;      /* exact window sum (int128), low 64 bits */
   int64_t sum_hi;       /* high 64 bits */
   double value;         /* the SMA, once ready; NaN before */
   uint32_t period;
   uint32_t count;       /* values seen, saturating at period */
   uint32_t head;        /* next ring slot to overwrite */
   uint32_t reserved;
} qi_sma_t;

/* Initialises an SMA of `period` (1..QI_MAX_PERIOD) over `storage` (QI_SMA_STORAGE(period) elements).
 * Returns QI_OK or QI_ERR_ARGUMENT. */
int32_t qi_sma_init(qi_sma_t *s, uint32_t period, int64_t *storage);
/* Forgets every value (keeps period and storage). */
void qi_sma_reset(qi_sma_t *s);
/* Adds price x (quantised to 1e-8). Returns 1 when the SMA is ready, else 0. */
int32_t qi_sma_update(qi_sma_t *s, double x);
/* 1 when `period` values have been seen. */
int32_t qi_sma_ready(const qi_sma_t *s);
/* Exact comparison of two ready SMAs: sign(a - b) as -1, 0, +1 (compares sum_a*period_b with sum_b*period_a in
 * exact integer arithmetic). Returns 0 as well when either is not ready; check readiness first. */
int32_t qi_sma_compare(const qi_sma_t *a, const qi_sma_t *b);
/* The exact window sum converted to double, in quantum units (1e-8). */
double qi_sma_sum_units(const qi_sma_t *s);
/* Bytes qi_sma_state_save writes. */
uint32_t qi_sma_state_size(const qi_sma_t *s);
/* Writes the full state (scalars and window) to dst (qi_sma_state_size bytes). */
void qi_sma_state_save(const qi_sma_t *s, void *dst);
/* Restores a state saved from an SMA of the same period. Returns QI_OK or QI_ERR_STATE (s unchanged). */
int32_t qi_sma_state_load(qi_sma_t *s, const void *src, uint32_t size);

/* ======================================================================================================= */
/* EMA — exponential moving average, TA-Lib convention                                                     */
/* ======================================================================================================= */

/*
 * EMA with k = 2 / (period + 1), seeded with the simple mean of the first `period` values (TA-Lib, unstable
 * period 0): ready after `period` values; then value = (x - value) * k + value. Plain data.
 */
typedef struct qi_ema {
   double k;
   double value;         /* NaN until ready */
   double seed_sum;      /* running sum during warm-up */
   uint32_t period;
   uint32_t count;       /* values seen, saturating at period */
} qi_ema_t;

/* period 1..QI_MAX_PERIOD. Returns QI_OK or QI_ERR_ARGUMENT. */
int32_t qi_ema_init(qi_ema_t *e, uint32_t period);
/* Adds x. Returns 1 when ready. */
int32_t qi_ema_update(qi_ema_t *e, double x);
int32_t qi_ema_ready(const qi_ema_t *e);

/* ======================================================================================================= */
/* RSI — relative strength index, Wilder smoothing (TA-Lib)                                                */
/* ======================================================================================================= */

/*
 * RSI in [0, 100]. The first `period` price changes are averaged simply; later ones by Wilder's smoothing
 * avg = (avg * (period - 1) + change) / period. Ready after period + 1 prices (TA-Lib index `period`).
 * value = 100 * avg_gain / (avg_gain + avg_loss), and 0 when both averages are (nearly) zero, as TA-Lib.
 * Plain data.
 */
typedef struct qi_rsi {
   double prev;          /* previous price */
   double avg_gain;
   double avg_loss;
   double value;         /* NaN until ready */
   uint32_t period;
   uint32_t count;       /* prices seen, saturating at period + 1 */
} qi_rsi_t;

/* period 2..QI_MAX_PERIOD. */
int32_t qi_rsi_init(qi_rsi_t *r, uint32_t period);
/* Adds price x. Returns 1 when ready. */
int32_t qi_rsi_update(qi_rsi_t *r, double x);
int32_t qi_rsi_ready(const qi_rsi_t *r);

/* ======================================================================================================= */
/* MACD — TA-Lib MACD(fast, slow, signal)                                                                  */
/* ======================================================================================================= */

/*
 * macd = EMA_fast - EMA_slow; signal = EMA_signal(macd); hist = macd - signal. As TA-Lib, the fast EMA is
 * started late so that it is seeded at the same bar as the slow one (its seed is the mean of the `fast` values
 * ending there), and the signal EMA is seeded with the mean of its first `signal` macd values.
 * Ready after slow + signal - 1 values (TA-Lib index slow + signal - 2; 33 for 12/26/9). If fast > slow they are
 * swapped, as TA-Lib does. Plain data.
 */
typedef struct qi_macd {
   qi_ema_t fast;
   qi_ema_t slow;
   qi_ema_t signal_ema;
   double macd;          /* NaN until ready */
   double signal;        /* NaN until ready */
   double hist;          /* NaN until ready */
   uint32_t skip;        /* slow - fast: leading values the fast EMA ignores */
   uint32_t count;       /* values seen, saturating at skip */
} qi_macd_t;

/* Periods 2..QI_MAX_PERIOD (signal 1..QI_MAX_PERIOD). Typical: 12, 26, 9. */
int32_t qi_macd_init(qi_macd_t *m, uint32_t fast, uint32_t slow, uint32_t signal);
/* Adds x. Returns 1 when macd, signal and hist are ready. */
int32_t qi_macd_update(qi_macd_t *m, double x);
int32_t qi_macd_ready(const qi_macd_t *m);

/* ======================================================================================================= */
/* Rolling mean / population standard deviation / z-score, exact sums                                       */
/* ======================================================================================================= */

/* Elements of int64_t storage rolling stats of `period` need. */
#define QI_RSTATS_STORAGE(period) (period)

/*
 * Mean and population variance of the last `period` values, from exact integer sums of the values quantised at
 * `scale` (QI_PRICE_SCALE for prices; e.g. 1e12 for log-price spreads, |x| < 9.2e6). variance =
 * (n·Σq² − (Σq)²) / n² / scale², exact before the final division while n·Σq² and (Σq)² fit in 128 bits
 * (|x·scale| below ~2^64 / period: prices below ~9e9 at period 20, ~9e7 at period 2000). Beyond that, and while
 * the window holds a value whose square could carry Σq² itself past 128 bits, the variance is taken from the
 * window in long double, in two passes (the mean first). Ready after `period` values.
 * Fields are private except `mean`, `stddev` (valid when ready) and `period`.
 */
typedef struct qi_rstats {
   int64_t *window;      /* caller storage: period quantised values (ring) */
   double scale;
   uint64_t sum_lo;      /* Σq as int128 */
   int64_t sum_hi;
   uint64_t sq_lo;       /* Σq² as uint128 */
   uint64_t sq_hi;
   double mean;          /* NaN until ready */
   double stddev;        /* population standard deviation; NaN until ready */
   uint32_t period;
   uint32_t count;
   uint32_t head;
   uint32_t wide;        /* values in the window whose squares could carry Σq² past 128 bits */
} qi_rstats_t;

/* period 1..QI_MAX_PERIOD, scale finite > 0, storage of QI_RSTATS_STORAGE(period) elements. */
int32_t qi_rstats_init(qi_rstats_t *s, uint32_t period, double scale, int64_t *storage);
void qi_rstats_reset(qi_rstats_t *s);
/* Adds x. Returns 1 when ready. */
int32_t qi_rstats_update(qi_rstats_t *s, double x);
int32_t qi_rstats_ready(const qi_rstats_t *s);
/* (x - mean) / stddev of the current window; 0 when stddev is 0; NaN when not ready. */
double qi_rstats_zscore(const qi_rstats_t *s, double x);
uint32_t qi_rstats_state_size(const qi_rstats_t *s);
void qi_rstats_state_save(const qi_rstats_t *s, void *dst);
int32_t qi_rstats_state_load(qi_rstats_t *s, const void *src, uint32_t size);

/* ======================================================================================================= */
/* Bollinger bands — SMA ± k · population stddev (TA-Lib BBANDS with SMA)                                  */
/* ======================================================================================================= */

#define QI_BBANDS_STORAGE(period) (period)

/* Ready after `period` values. upper/middle/lower are NaN until then. */
typedef struct qi_bbands {
   qi_rstats_t stats;    /* prices at QI_PRICE_SCALE */
   double k;
   double upper;
   double middle;
   double lower;
} qi_bbands_t;

/* period 1..QI_MAX_PERIOD, k finite >= 0, storage of QI_BBANDS_STORAGE(period) elements. */
int32_t qi_bbands_init(qi_bbands_t *b, uint32_t period, double k, int64_t *storage);
/* Adds price x. Returns 1 when ready. */
int32_t qi_bbands_update(qi_bbands_t *b, double x);
int32_t qi_bbands_ready(const qi_bbands_t *b);
uint32_t qi_bbands_state_size(const qi_bbands_t *b);
void qi_bbands_state_save(const qi_bbands_t *b, void *dst);
int32_t qi_bbands_state_load(qi_bbands_t *b, const void *src, uint32_t size);

/* ======================================================================================================= */
/* ATR — average true range, Wilder (TA-Lib)                                                               */
/* ======================================================================================================= */

/*
 * True range of bar i >= 1: max(high - low, |high - close[i-1]|, |low - close[i-1]|); the first bar has none
 * (TA-Lib skips it). The first ATR is the mean of the first `period` true ranges (bars 1..period), then
 * atr = (atr * (period - 1) + tr) / period. Ready after period + 1 bars (TA-Lib index `period`). Plain data.
 */
typedef struct qi_atr {
   double prev_close;
   double tr_sum;        /* warm-up sum of true ranges */
   double value;         /* NaN until ready */
   uint32_t period;
   uint32_t count;       /* bars seen, saturating at period + 1 */
} qi_atr_t;

/* period 1..QI_MAX_PERIOD. */
int32_t qi_atr_init(qi_atr_t *a, uint32_t period);
/* Adds one bar. Returns 1 when ready. */
int32_t qi_atr_update(qi_atr_t *a, double high, double low, double close);
int32_t qi_atr_ready(const qi_atr_t *a);

/* ======================================================================================================= */
/* Keltner channel — EMA(close) ± k · ATR                                                                  */
/* ======================================================================================================= */

/* middle = EMA(period) of close, bands = middle ± k · ATR(period). Ready when both are (period + 1 bars).
 * Plain data. */
typedef struct qi_keltner {
   qi_ema_t ema;
   qi_atr_t atr;
   double k;
   double upper;         /* NaN until ready */
   double middle;
   double lower;
} qi_keltner_t;

/* period 1..QI_MAX_PERIOD, k finite >= 0. */
int32_t qi_keltner_init(qi_keltner_t *c, uint32_t period, double k);
int32_t qi_keltner_update(qi_keltner_t *c, double high, double low, double close);
int32_t qi_keltner_ready(const qi_keltner_t *c);

/* ======================================================================================================= */
/* ROC — rate of change (TA-Lib ROC)                                                                       */
/* ======================================================================================================= */

#define QI_ROC_STORAGE(period) ((period) + 1)

/* value = (x / x[period bars ago] - 1) * 100; 0 when the old value is 0. Ready after period + 1 values. */
typedef struct qi_roc {
   double *window;       /* caller storage: period + 1 values (ring) */
   double value;         /* NaN until ready */
   uint32_t period;
   uint32_t count;
   uint32_t head;
   uint32_t reserved;
} qi_roc_t;

/* period 1..QI_MAX_PERIOD, storage of QI_ROC_STORAGE(period) doubles. */
int32_t qi_roc_init(qi_roc_t *r, uint32_t period, double *storage);
int32_t qi_roc_update(qi_roc_t *r, double x);
int32_t qi_roc_ready(const qi_roc_t *r);
uint32_t qi_roc_state_size(const qi_roc_t *r);
void qi_roc_state_save(const qi_roc_t *r, void *dst);
int32_t qi_roc_state_load(qi_roc_t *r, const void *src, uint32_t size);

/* ======================================================================================================= */
/* Linear regression over a rolling window (TA-Lib LINEARREG / LINEARREG_SLOPE), exact sums                 */
/* ======================================================================================================= */

#define QI_LINREG_STORAGE(period) (period)

/*
 * Least-squares line through the last `period` values (x = 0 oldest .. period-1 newest), from exact integer sums
 * of the values quantised at `scale`. `value` is the line at the newest point (TA-Lib LINEARREG), `slope` its
 * slope per bar. Ready after `period` values (period >= 2).
 */
typedef struct qi_linreg {
   int64_t *window;      /* caller storage: period quantised values (ring) */
   double scale;
   uint64_t sy_lo;       /* Σ q_j (int128) */
   int64_t sy_hi;
   uint64_t sxy_lo;      /* Σ j·q_j (int128) */
   int64_t sxy_hi;
   double value;         /* NaN until ready */
   double slope;         /* NaN until ready */
   uint32_t period;
   uint32_t count;
   uint32_t head;
   uint32_t reserved;
} qi_linreg_t;

/* period 2..QI_MAX_PERIOD, scale finite > 0, storage of QI_LINREG_STORAGE(period) elements. */
int32_t qi_linreg_init(qi_linreg_t *l, uint32_t period, double scale, int64_t *storage);
int32_t qi_linreg_update(qi_linreg_t *l, double x);
int32_t qi_linreg_ready(const qi_linreg_t *l);
uint32_t qi_linreg_state_size(const qi_linreg_t *l);
void qi_linreg_state_save(const qi_linreg_t *l, void *dst);
int32_t qi_linreg_state_load(qi_linreg_t *l, const void *src, uint32_t size);

#ifdef __cplusplus
}
#endif

#endif /* QUORUM_INDICATORS_H */
