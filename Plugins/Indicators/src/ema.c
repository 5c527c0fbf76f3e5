/* ema.c — exponential moving average seeded with the simple mean of the first `period` values (TA-Lib). */
#include "qi_internal.h"

int32_t qi_ema_init(qi_ema_t *e, uint32_t period) {
   if (!e || period < 1 || period > QI_MAX_PERIOD) return QI_ERR_ARGUMENT;
   memset(e, 0, sizeof *e);
   e->period = period;
   e->k = 2.0 / ((double)period + 1.0);
   e->value = NAN;
   return QI_OK;
}

int32_t qi_ema_update(qi_ema_t *e, double x) {
   if (e->count < e->period) {
      e->seed_sum += x;
      if (++e->count < e->period) return 0;
      e->value = e->seed_sum / (double)e->period;
      return 1;
   }
   e->value = ((x - e->value) * e->k) + e->value;
   return 1;
}

int32_t qi_ema_ready(const qi_ema_t *e) { return e->count == e->period; }
