/* bbands.c — Bollinger bands: SMA ± k · population standard deviation (TA-Lib BBANDS, MA type SMA). */
#include "qi_internal.h"

int32_t qi_bbands_init(qi_bbands_t *b, uint32_t period, double k, int64_t *storage) {
   if (!b || !(k >= 0) || !isfinite(k)) return QI_ERR_ARGUMENT;
   memset(b, 0, sizeof *b);
   if (qi_rstats_init(&b->stats, period, QI_PRICE_SCALE, storage)) return QI_ERR_ARGUMENT;
   b->k = k;
   b->upper = b->middle = b->lower = NAN;
   return QI_OK;
}

int32_t qi_bbands_update(qi_bbands_t *b, double x) {
   if (!qi_rstats_update(&b->stats, x)) return 0;
   double width = b->stats.stddev * b->k;
   b->middle = b->stats.mean;
   b->upper = b->middle + width;
   b->lower = b->middle - width;
   return 1;
}

int32_t qi_bbands_ready(const qi_bbands_t *b) { return qi_rstats_ready(&b->stats); }

uint32_t qi_bbands_state_size(const qi_bbands_t *b) {
   return (uint32_t)(sizeof *b + b->stats.period * sizeof(int64_t));
}

void qi_bbands_state_save(const qi_bbands_t *b, void *dst) {
   qi_state_save(b, sizeof *b, b->stats.window, b->stats.period * (uint32_t)sizeof(int64_t), dst);
}

int32_t qi_bbands_state_load(qi_bbands_t *b, const void *src, uint32_t size) {
   qi_bbands_t saved;
   const qi_rstats_t *st = &saved.stats;
   if (!src || size != qi_bbands_state_size(b)) return QI_ERR_STATE;
   memcpy(&saved, src, sizeof saved);
   if (!qi_ring_fields_ok(st->period, b->stats.period, st->count, st->period, st->head, st->period) ||
       saved.k != b->k)
      return QI_ERR_STATE;
   saved.stats.window = b->stats.window;
   memcpy(b->stats.window, (const uint8_t *)src + sizeof saved, st->period * sizeof(int64_t));
   *b = saved;
   qi_rstats_recount(&b->stats);
   return QI_OK;
}
