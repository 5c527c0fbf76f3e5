/* macd.c — TA-Lib MACD: fast EMA started late so both EMAs are seeded on the same bar, then a signal EMA. */
#include "qi_internal.h"

int32_t qi_macd_init(qi_macd_t *m, uint32_t fast, uint32_t slow, uint32_t signal) {
   if (!m) return QI_ERR_ARGUMENT;
   if (slow < fast) {
      uint32_t t = slow;
      slow = fast;
      fast = t;
   }
   memset(m, 0, sizeof *m);
   if (fast < 2 || slow > QI_MAX_PERIOD) return QI_ERR_ARGUMENT;
   if (qi_ema_init(&m->fast, fast) || qi_ema_init(&m->slow, slow) || qi_ema_init(&m->signal_ema, signal))
      return QI_ERR_ARGUMENT;
   m->skip = slow - fast;
   m->macd = m->signal = m->hist = NAN;
   return QI_OK;
}

int32_t qi_macd_update(qi_macd_t *m, double x) {
   if (m->count < m->skip) m->count++;
   else qi_ema_update(&m->fast, x);
   if (!qi_ema_update(&m->slow, x)) return 0;
   double line = m->fast.value - m->slow.value;
   if (!qi_ema_update(&m->signal_ema, line)) return 0;
   m->macd = line;
   m->signal = m->signal_ema.value;
   m->hist = line - m->signal;
   return 1;
}

int32_t qi_macd_ready(const qi_macd_t *m) { return qi_ema_ready(&m->signal_ema); }
