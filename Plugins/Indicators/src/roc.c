/* roc.c — rate of change in percent against the value `period` steps back (TA-Lib ROC). */
#include "qi_internal.h"

int32_t qi_roc_init(qi_roc_t *r, uint32_t period, double *storage) {
   if (!r || !storage || period < 1 || period > QI_MAX_PERIOD) return QI_ERR_ARGUMENT;
   memset(r, 0, sizeof *r);
   r->window = storage;
   r->period = period;
   r->value = NAN;
   return QI_OK;
}

int32_t qi_roc_update(qi_roc_t *r, double x) {
   uint32_t slots = r->period + 1;
   r->window[r->head] = x;
   r->head = (r->head + 1 == slots) ? 0 : r->head + 1;
   if (r->count < slots) r->count++;
   if (r->count < slots) return 0;
   double old = r->window[r->head]; /* the oldest of period + 1 values */
   r->value = old != 0.0 ? ((x / old) - 1.0) * 100.0 : 0.0;
   return 1;
}

int32_t qi_roc_ready(const qi_roc_t *r) { return r->count == r->period + 1; }

uint32_t qi_roc_state_size(const qi_roc_t *r) {
   return (uint32_t)(sizeof *r + (r->period + 1) * sizeof(double));
}

void qi_roc_state_save(const qi_roc_t *r, void *dst) {
   qi_state_save(r, sizeof *r, r->window, (r->period + 1) * (uint32_t)sizeof(double), dst);
}

int32_t qi_roc_state_load(qi_roc_t *r, const void *src, uint32_t size) {
   qi_roc_t saved;
   if (!src || size != qi_roc_state_size(r)) return QI_ERR_STATE;
   memcpy(&saved, src, sizeof saved);
   if (!qi_ring_fields_ok(saved.period, r->period, saved.count, r->period + 1, saved.head, r->period + 1))
      return QI_ERR_STATE;
   saved.window = r->window;
   memcpy(r->window, (const uint8_t *)src + sizeof saved, (r->period + 1) * sizeof(double));
   *r = saved;
   return QI_OK;
}
