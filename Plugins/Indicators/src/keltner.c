/* keltner.c — Keltner channel: EMA(close) ± k · ATR over the same period. */
#include "qi_internal.h"

int32_t qi_keltner_init(qi_keltner_t *c, uint32_t period, double k) {
   if (!c || !(k >= 0) || !isfinite(k)) return QI_ERR_ARGUMENT;
   memset(c, 0, sizeof *c);
   if (qi_ema_init(&c->ema, period) || qi_atr_init(&c->atr, period)) return QI_ERR_ARGUMENT;
   c->k = k;
   c->upper = c->middle = c->lower = NAN;
   return QI_OK;
}

int32_t qi_keltner_update(qi_keltner_t *c, double high, double low, double close) {
   int ema_ready = qi_ema_update(&c->ema, close);
   int atr_ready = qi_atr_update(&c->atr, high, low, close);
   if (!ema_ready || !atr_ready) return 0;
   double width = c->atr.value * c->k;
   c->middle = c->ema.value;
   c->upper = c->middle + width;
   c->lower = c->middle - width;
   return 1;
}

int32_t qi_keltner_ready(const qi_keltner_t *c) { return qi_ema_ready(&c->ema) && qi_atr_ready(&c->atr); }
