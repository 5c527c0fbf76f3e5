/* qi_internal.h — helpers private to the indicators library: 128-bit integers and ring-state bytes. */
#ifndef QI_INTERNAL_H
#define QI_INTERNAL_H

#include "quorum_indicators.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

__extension__ typedef __int128 qi_i128;
__extension__ typedef unsigned __int128 qi_u128;

/* Joins two 64-bit halves into a signed 128-bit integer. */
static inline qi_i128 qi_join_i(uint64_t lo, int64_t hi) {
   return (qi_i128)(((qi_u128)(uint64_t)hi << 64) | (qi_u128)lo);
}
/* Splits a signed 128-bit integer into halves. */
static inline void qi_split_i(qi_i128 v, uint64_t *lo, int64_t *hi) {
   *lo = (uint64_t)v;
   *hi = (int64_t)(v >> 64);
}
static inline qi_u128 qi_join_u(uint64_t lo, uint64_t hi) { return ((qi_u128)hi << 64) | (qi_u128)lo; }
static inline void qi_split_u(qi_u128 v, uint64_t *lo, uint64_t *hi) {
   *lo = (uint64_t)v;
   *hi = (uint64_t)(v >> 64);
}

/* Saves `struct_size` bytes of a struct followed by `window_bytes` of its window. */
static inline void qi_state_save(const void *obj, uint32_t struct_size, const void *window, uint32_t window_bytes,
                                 void *dst) {
   memcpy(dst, obj, struct_size);
   memcpy((uint8_t *)dst + struct_size, window, window_bytes);
}

/* Checks that saved ring bookkeeping is consistent with `period` (count <= limit, head < slots). */
/* Counts again the values of a loaded rolling-statistics window whose squares could carry its sum of squares
 * past 128 bits (qi_rstats_t.wide): a saved state's count is not trusted (states saved before it kept 0). */
void qi_rstats_recount(qi_rstats_t *s);

static inline int qi_ring_fields_ok(uint32_t saved_period, uint32_t period, uint32_t count, uint32_t limit,
                                    uint32_t head, uint32_t slots) {
   return saved_period == period && count <= limit && head < slots;
}

#endif
