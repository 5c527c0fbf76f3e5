/* atr.c — average true range: mean of the first `period` true ranges, then Wilder smoothing (TA-Lib). */
#include "qi_internal.h"

int32_t qi_atr_init(qi_atr_t *a, uint32_t period) {
   if (!a || period < 1 || period > QI_MAX_PERIOD) return QI_ERR_ARGUMENT;
   memset(a, 0, sizeof *a);
   a->period = period;
   a->value = NAN;
   return QI_OK;
}

int32_t qi_atr_update(qi_atr_t *a, double high, double low, double close) {
   if (a->count == 0) { /* the first bar has no true range */
      a->prev_close = close;
      a->count = 1;
      return 0;
   }
   double tr = high - low;
   double up = fabs(high - a->prev_close), down = fabs(low - a->prev_close);
   if (up > tr) tr = up;
   if (down > tr) tr = down;
   a->prev_close = close;
   double n = (double)a->period;
   if (a->count <= a->period) {
      a->tr_sum += tr;
      if (++a->count <= a->period) return 0;
      a->value = a->tr_sum / n;
      return 1;
   }
   a->value = (a->value * (n - 1.0) + tr) / n;
   return 1;
}

int32_t qi_atr_ready(const qi_atr_t *a) { return a->count == a->period + 1; }
