/* linreg.c — rolling least-squares line (TA-Lib LINEARREG and LINEARREG_SLOPE) from exact integer sums. */
#include "qi_internal.h"

int32_t qi_linreg_init(qi_linreg_t *l, uint32_t period, double scale, int64_t *storage) {
   if (!l || !storage || period < 2 || period > QI_MAX_PERIOD || !(scale > 0) || !isfinite(scale))
      return QI_ERR_ARGUMENT;
   memset(l, 0, sizeof *l);
   l->window = storage;
   l->period = period;
   l->scale = scale;
   l->value = l->slope = NAN;
   return QI_OK;
}

/* Sums are over j = 0 (oldest) .. count-1 (newest). Sliding drops q_0 and re-indexes: Σj·q loses Σq − q_0. */
int32_t qi_linreg_update(qi_linreg_t *l, double x) {
   int64_t q = qi_quantize(x, l->scale);
   qi_i128 sy = qi_join_i(l->sy_lo, l->sy_hi);
   qi_i128 sxy = qi_join_i(l->sxy_lo, l->sxy_hi);
   if (l->count == l->period) {
      int64_t old = l->window[l->head];
      sxy -= sy - old;
      sy -= old;
      sxy += (qi_i128)q * (l->period - 1);
   } else {
      sxy += (qi_i128)q * l->count;
      l->count++;
   }
   sy += q;
   l->window[l->head] = q;
   l->head = (l->head + 1 == l->period) ? 0 : l->head + 1;
   qi_split_i(sy, &l->sy_lo, &l->sy_hi);
   qi_split_i(sxy, &l->sxy_lo, &l->sxy_hi);
   if (l->count < l->period) return 0;
   qi_i128 n = l->period;
   qi_i128 sx = n * (n - 1) / 2;
   qi_i128 sxx = n * (n - 1) * (2 * n - 1) / 6;
   qi_i128 num = n * sxy - sx * sy;  /* exact */
   qi_i128 den = n * sxx - sx * sx;  /* exact, > 0 for n >= 2 */
   double slope_units = (double)num / (double)den;
   double intercept_units = ((double)sy - slope_units * (double)sx) / (double)n;
   l->slope = slope_units / l->scale;
   l->value = (intercept_units + slope_units * (double)(n - 1)) / l->scale;
   return 1;
}

int32_t qi_linreg_ready(const qi_linreg_t *l) { return l->count == l->period; }

uint32_t qi_linreg_state_size(const qi_linreg_t *l) {
   return (uint32_t)(sizeof *l + l->period * sizeof(int64_t));
}

void qi_linreg_state_save(const qi_linreg_t *l, void *dst) {
   qi_state_save(l, sizeof *l, l->window, l->period * (uint32_t)sizeof(int64_t), dst);
}

int32_t qi_linreg_state_load(qi_linreg_t *l, const void *src, uint32_t size) {
   qi_linreg_t saved;
   if (!src || size != qi_linreg_state_size(l)) return QI_ERR_STATE;
   memcpy(&saved, src, sizeof saved);
   if (!qi_ring_fields_ok(saved.period, l->period, saved.count, l->period, saved.head, l->period) ||
       saved.scale != l->scale)
      return QI_ERR_STATE;
   saved.window = l->window;
   memcpy(l->window, (const uint8_t *)src + sizeof saved, l->period * sizeof(int64_t));
   *l = saved;
   return QI_OK;
}
