/* rstats.c — rolling mean and population standard deviation from exact integer sums of quantised values. */
#include "qi_internal.h"

int32_t qi_rstats_init(qi_rstats_t *s, uint32_t period, double scale, int64_t *storage) {
   if (!s || !storage || period < 1 || period > QI_MAX_PERIOD || !(scale > 0) || !isfinite(scale))
      return QI_ERR_ARGUMENT;
   memset(s, 0, sizeof *s);
   s->window = storage;
   s->period = period;
   s->scale = scale;
   s->mean = s->stddev = NAN;
   return QI_OK;
}

void qi_rstats_reset(qi_rstats_t *s) {
   s->sum_lo = s->sq_lo = s->sq_hi = 0;
   s->sum_hi = 0;
   s->count = s->head = s->wide = 0;
   s->mean = s->stddev = NAN;
}

/* Whether q² is so large that `period` of them could carry Σq² past 128 bits (q² ≥ (2^128 − 1) / period). Below
 * 2^55 it never is (2^110 × QI_MAX_PERIOD < 2^127): one comparison for every realistic value. */
static int qi_is_wide(int64_t q, uint32_t period) {
   uint64_t a = q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q;
   if (a < ((uint64_t)1 << 55)) return 0;
   return (qi_u128)a * a >= ~(qi_u128)0 / period;
}

void qi_rstats_recount(qi_rstats_t *s) {
   s->wide = 0;
   for (uint32_t k = 0; k < s->count; ++k) s->wide += (uint32_t)qi_is_wide(s->window[k], s->period);
}

/* Population variance in squared quantum units from the window itself, in two passes (the mean from the exact
 * sum): for windows whose Σq² wrapped (a wide value) or whose exact formula passes 128 bits. */
static double qi_variance_from_window(const qi_rstats_t *s, qi_i128 sum) {
   long double mean = (long double)sum / s->period, acc = 0;
   for (uint32_t k = 0; k < s->period; ++k) {
      long double d = (long double)s->window[k] - mean;
      acc += d * d;
   }
   return (double)(acc / s->period);
}

/* Population variance in squared quantum units, (n·Σq² − (Σq)²) / n², exact before the division: 1 when n·Σq²
 * and (Σq)² fit in 128 bits (every realistic price), else 0 (the caller takes the window in two passes; the
 * long-double difference of the two sums cancelled to 0 or noise there). */
static int qi_variance_exact(qi_i128 sum, qi_u128 sq, uint32_t n, double *variance) {
   qi_u128 nsq, sum2;
   qi_u128 abs_sum = sum < 0 ? (qi_u128)(-sum) : (qi_u128)sum;
   if (__builtin_mul_overflow(sq, (qi_u128)n, &nsq) || __builtin_mul_overflow(abs_sum, abs_sum, &sum2)) return 0;
   qi_u128 d = nsq >= sum2 ? nsq - sum2 : 0; /* >= 0 mathematically */
   *variance = (double)d / ((double)n * (double)n);
   return 1;
}

int32_t qi_rstats_update(qi_rstats_t *s, double x) {
   int64_t q = qi_quantize(x, s->scale);
   qi_i128 sum = qi_join_i(s->sum_lo, s->sum_hi);
   qi_u128 sq = qi_join_u(s->sq_lo, s->sq_hi);
   if (s->count == s->period) {
      int64_t old = s->window[s->head];
      sum -= old;
      sq -= (qi_u128)((qi_i128)old * old);   /* unsigned: exact modulo 2^128, exact outright while `wide` is 0 */
      s->wide -= (uint32_t)qi_is_wide(old, s->period);
   } else {
      s->count++;
   }
   sum += q;
   sq += (qi_u128)((qi_i128)q * q);
   s->wide += (uint32_t)qi_is_wide(q, s->period);
   s->window[s->head] = q;
   s->head = (s->head + 1 == s->period) ? 0 : s->head + 1;
   qi_split_i(sum, &s->sum_lo, &s->sum_hi);
   qi_split_u(sq, &s->sq_lo, &s->sq_hi);
   if (s->count < s->period) return 0;
   /* One division, correctly rounded: dividing twice put a constant series' mean an ulp off its value, outside
    * a zero-width band. */
   s->mean = (double)sum / ((double)s->scale * (double)s->period);
   double variance;
   if (s->wide || !qi_variance_exact(sum, sq, s->period, &variance)) variance = qi_variance_from_window(s, sum);
   s->stddev = sqrt(variance) / s->scale;
   return 1;
}

int32_t qi_rstats_ready(const qi_rstats_t *s) { return s->count == s->period; }

double qi_rstats_zscore(const qi_rstats_t *s, double x) {
   if (!qi_rstats_ready(s)) return NAN;
   if (s->stddev == 0) return 0.0;
   return (x - s->mean) / s->stddev;
}

uint32_t qi_rstats_state_size(const qi_rstats_t *s) {
   return (uint32_t)(sizeof *s + s->period * sizeof(int64_t));
}

void qi_rstats_state_save(const qi_rstats_t *s, void *dst) {
   qi_state_save(s, sizeof *s, s->window, s->period * (uint32_t)sizeof(int64_t), dst);
}

int32_t qi_rstats_state_load(qi_rstats_t *s, const void *src, uint32_t size) {
   qi_rstats_t saved;
   if (!src || size != qi_rstats_state_size(s)) return QI_ERR_STATE;
   memcpy(&saved, src, sizeof saved);
   if (!qi_ring_fields_ok(saved.period, s->period, saved.count, s->period, saved.head, s->period) ||
       saved.scale != s->scale)
      return QI_ERR_STATE;
   saved.window = s->window;
   memcpy(s->window, (const uint8_t *)src + sizeof saved, s->period * sizeof(int64_t));
   *s = saved;
   qi_rstats_recount(s);
   return QI_OK;
}
