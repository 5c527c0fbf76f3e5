/* sma.c — exact simple moving average over a ring of quantised prices. */
#include "qi_internal.h"

int32_t qi_sma_init(qi_sma_t *s, uint32_t period, int64_t *storage) {
   if (!s || !storage || period < 1 || period > QI_MAX_PERIOD) return QI_ERR_ARGUMENT;
   memset(s, 0, sizeof *s);
   s->window = storage;
   s->period = period;
   s->value = NAN;
   return QI_OK;
}

void qi_sma_reset(qi_sma_t *s) {
   s->sum_lo = 0;
   s->sum_hi = 0;
   s->count = 0;
   s->head = 0;
   s->value = NAN;
}

int32_t qi_sma_update(qi_sma_t *s, double x) {
   int64_t q = qi_quantize(x, QI_PRICE_SCALE);
   qi_i128 sum = qi_join_i(s->sum_lo, s->sum_hi);
   if (s->count == s->period) sum -= s->window[s->head];
   else s->count++;
   sum += q;
   s->window[s->head] = q;
   s->head = (s->head + 1 == s->period) ? 0 : s->head + 1;
   qi_split_i(sum, &s->sum_lo, &s->sum_hi);
   if (s->count < s->period) return 0;
   /* One division, correctly rounded: dividing twice put a constant price's mean an ulp off the price. */
   s->value = (double)sum / ((double)QI_PRICE_SCALE * (double)s->period);
   return 1;
}

int32_t qi_sma_ready(const qi_sma_t *s) { return s->count == s->period; }

int32_t qi_sma_compare(const qi_sma_t *a, const qi_sma_t *b) {
   if (!qi_sma_ready(a) || !qi_sma_ready(b)) return 0;
   /* |sum| < 2^63 * 1e5 < 2^80 and period <= 1e5 < 2^17: the products fit in 128 bits. */
   qi_i128 lhs = qi_join_i(a->sum_lo, a->sum_hi) * (qi_i128)b->period;
   qi_i128 rhs = qi_join_i(b->sum_lo, b->sum_hi) * (qi_i128)a->period;
   return (lhs > rhs) - (lhs < rhs);
}

double qi_sma_sum_units(const qi_sma_t *s) { return (double)qi_join_i(s->sum_lo, s->sum_hi); }

uint32_t qi_sma_state_size(const qi_sma_t *s) { return (uint32_t)(sizeof *s + s->period * sizeof(int64_t)); }

void qi_sma_state_save(const qi_sma_t *s, void *dst) {
   qi_state_save(s, sizeof *s, s->window, s->period * (uint32_t)sizeof(int64_t), dst);
}

int32_t qi_sma_state_load(qi_sma_t *s, const void *src, uint32_t size) {
   qi_sma_t saved;
   if (!src || size != qi_sma_state_size(s)) return QI_ERR_STATE;
   memcpy(&saved, src, sizeof saved);
   if (!qi_ring_fields_ok(saved.period, s->period, saved.count, s->period, saved.head, s->period))
      return QI_ERR_STATE;
   saved.window = s->window;
   memcpy(s->window, (const uint8_t *)src + sizeof saved, s->period * sizeof(int64_t));
   *s = saved;
   return QI_OK;
}
