/* rsi.c — relative strength index with Wilder smoothing, as TA-Lib computes it. */
#include "qi_internal.h"

int32_t qi_rsi_init(qi_rsi_t *r, uint32_t period) {
   if (!r || period < 2 || period > QI_MAX_PERIOD) return QI_ERR_ARGUMENT;
   memset(r, 0, sizeof *r);
   r->period = period;
   r->value = NAN;
   return QI_OK;
}

/* 100 * gain / (gain + loss), 0 when the denominator is (nearly) zero, like TA-Lib's TA_IS_ZERO test. */
static double qi_rsi_of(double gain, double loss) {
   double total = gain + loss;
   if (total > -0.00000000000001 && total < 0.00000000000001) return 0.0;
   return 100.0 * (gain / total);
}

int32_t qi_rsi_update(qi_rsi_t *r, double x) {
   if (r->count == 0) {
      r->prev = x;
      r->count = 1;
      return 0;
   }
   double change = x - r->prev;
   r->prev = x;
   double n = (double)r->period;
   if (r->count <= r->period) { /* warm-up: plain sums of the first `period` changes */
      if (change < 0) r->avg_loss -= change;
      else r->avg_gain += change;
      if (++r->count <= r->period) return 0;
      r->avg_loss /= n;
      r->avg_gain /= n;
   } else {
      r->avg_loss *= (n - 1.0);
      r->avg_gain *= (n - 1.0);
      if (change < 0) r->avg_loss -= change;
      else r->avg_gain += change;
      r->avg_loss /= n;
      r->avg_gain /= n;
   }
   r->value = qi_rsi_of(r->avg_gain, r->avg_loss);
   return 1;
}

int32_t qi_rsi_ready(const qi_rsi_t *r) { return r->count == r->period + 1; }
