/* pairs.c — org.quorum.pairs: two-symbol mean reversion on the z-score of a log-price spread. */
#include "quorum_indicators.h"
#include "quorum_plugin.h"
#include "quorum_plugin_support.h"
#include <stdlib.h>

#define PARAM_BETA 1u
#define PARAM_LOOKBACK 2u
#define PARAM_ENTRY_Z 3u
#define PARAM_EXIT_Z 4u
#define STATE_VERSION 1u
#define SPREAD_SCALE 1e12 /* quantum of the spread in the exact rolling sums */

static const quorum_param_info_t pairs_params[] = {
   {PARAM_BETA, QUORUM_PARAM_FLOAT, "beta", "hedge ratio: spread = log(A) - beta * log(B)", 1.0, -10, 10},
   {PARAM_LOOKBACK, QUORUM_PARAM_INT, "lookback", "bars in the spread's rolling mean and stddev", 60, 2, 5000},
   {PARAM_ENTRY_Z, QUORUM_PARAM_FLOAT, "entry_z", "|z| above this opens the pair", 2.0, 0.1, 10},
   {PARAM_EXIT_Z, QUORUM_PARAM_FLOAT, "exit_z", "|z| below this closes the pair (< entry_z)", 0.5, 0, 10},
};

static const quorum_strategy_descriptor_t pairs_descriptor = {
   sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 1,
   "org.quorum.pairs", "Pairs spread reversion", "Quorum", "1.0.0",
   "Pairs trading on symbols A and B (in configuration order): spread = log(close_A) - beta (1.0) * "
   "log(close_B), z = its z-score over lookback (60) bars where both have a bar at the same time. z > entry_z "
   "(2.0) -> SHORT A and LONG B; z < -entry_z -> LONG A and SHORT B (with beta < 0 B goes the way of A, with "
   "beta 0 B stays FLAT); |z| < exit_z (0.5) -> FLAT both. Entry "
   "confidence 0.5 + 0.5 * (|z| - entry_z) / entry_z, clipped to [0,1].",
   QUORUM_FEATURE_MULTI_SYMBOL | QUORUM_FEATURE_STATEFUL, 2, 2, 4, 0, pairs_params};

typedef struct pairs {
   quorum_strategy_t api;
   const quorum_host_t *host;
   double beta, entry_z, exit_z;
   uint32_t lookback;
   int32_t position;    /* +1 long spread (long A, short B), -1 short spread, 0 flat */
   int64_t last_time;   /* timestamp of the last bar pair processed */
   qi_rstats_t spread;
   int64_t storage[];   /* lookback quantised spreads */
} pairs_t;

typedef struct pairs_state_header {
   uint8_t version;
   uint8_t reserved[3];
   int32_t position;
   int64_t last_time;
   uint32_t lookback;
   uint32_t spread_size;
   double beta;
} pairs_state_header_t;

static pairs_t *self_of(const quorum_strategy_t *s) { return (pairs_t *)s->plugin_data; }

static void reset_run(pairs_t *self) {
   qi_rstats_init(&self->spread, self->lookback, SPREAD_SCALE, self->storage);
   self->position = 0;
   self->last_time = INT64_MIN;
}

static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *activation) {
   pairs_t *self = self_of(s);
   if (!activation || activation->symbol_count != 2) {
      qps_logf(self->host, QUORUM_LOG_ERROR, "pairs: needs exactly 2 symbols");
      return QUORUM_ERR_INVALID_ARGUMENT;
   }
   reset_run(self);
   return QUORUM_OK;
}

static void deactivate(const quorum_strategy_t *s) { (void)s; }

/* Emits one stance per leg: `direction` for A (long the spread: +1), and for B the side that hedges it, against
 * A's when beta is positive, with it when beta is negative, flat when beta is 0 (B is not in the spread). */
static int32_t emit_pair(quorum_signal_output_t *out, int32_t direction, double beta, double confidence,
                         const char *reason) {
   if (out->capacity < 2) return QUORUM_ERR_BUFFER_TOO_SMALL;
   int32_t status = qps_emit(out, 0, direction, confidence, reason);
   int32_t hedge = beta > 0 ? -direction : beta < 0 ? direction : QUORUM_DIRECTION_FLAT;
   if (status == QUORUM_OK) status = qps_emit(out, 1, hedge, confidence, reason);
   return status;
}

static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *event, quorum_signal_output_t *out) {
   pairs_t *self = self_of(s);
   if (!event || !out || event->bars.count == 0 || event->symbol_index > 1) return QUORUM_ERR_INVALID_ARGUMENT;
   uint32_t own = event->symbol_index, other = 1 - own;
   quorum_series_t other_bars;
   memset(&other_bars, 0, sizeof other_bars);
   other_bars.struct_size = sizeof other_bars;
   int32_t status = self->host->get_bars(self->host, other, &other_bars);
   if (status == QUORUM_ERR_NOT_FOUND) return QUORUM_OK; /* the other symbol has no bar yet */
   if (status != QUORUM_OK) return status;
   if (other_bars.count == 0) return QUORUM_OK;
   int64_t t = event->bars.time[event->bars.count - 1];
   if (other_bars.time[other_bars.count - 1] != t || t <= self->last_time) return QUORUM_OK;
   double own_close = event->bars.close[event->bars.count - 1];
   double other_close = other_bars.close[other_bars.count - 1];
   double a = own == 0 ? own_close : other_close, b = own == 0 ? other_close : own_close;
   if (!(a > 0) || !(b > 0) || !isfinite(a) || !isfinite(b)) return QUORUM_ERR_INVALID_ARGUMENT;
   self->last_time = t;
   double spread = log(a) - self->beta * log(b);
   if (!qi_rstats_update(&self->spread, spread)) return QUORUM_OK;
   double z = qi_rstats_zscore(&self->spread, spread), confidence = 0.5 + 0.5 * (fabs(z) - self->entry_z) / self->entry_z;
   int32_t target = self->position;
   const char *reason = NULL;
   if (z > self->entry_z && self->position != -1) {
      target = -1;
      reason = self->beta > 0 ? "spread rich: short A, long B" : self->beta < 0 ? "spread rich: short A, short B"
                                                                                 : "spread rich: short A";
   } else if (z < -self->entry_z && self->position != 1) {
      target = 1;
      reason = self->beta > 0 ? "spread cheap: long A, short B" : self->beta < 0 ? "spread cheap: long A, long B"
                                                                                  : "spread cheap: long A";
   } else if (fabs(z) < self->exit_z && self->position != 0) {
      target = 0;
      confidence = 1.0;
      reason = "spread reverted: flat";
   }
   if (target == self->position) return QUORUM_OK;
   status = emit_pair(out, target, self->beta, confidence, reason);
   if (status == QUORUM_OK) self->position = target;
   return status;
}

static int32_t save_state(const quorum_strategy_t *s, const quorum_ostream_t *stream) {
   pairs_t *self = self_of(s);
   if (!stream) return QUORUM_ERR_INVALID_ARGUMENT;
   pairs_state_header_t h;
   memset(&h, 0, sizeof h);
   h.version = STATE_VERSION;
   h.position = self->position;
   h.last_time = self->last_time;
   h.lookback = self->lookback;
   h.spread_size = qi_rstats_state_size(&self->spread);
   h.beta = self->beta;
   uint8_t *bytes = malloc(h.spread_size);
   if (!bytes) return QUORUM_ERR_NO_MEMORY;
   qi_rstats_state_save(&self->spread, bytes);
   int32_t status = qps_write(stream, &h, sizeof h);
   if (status == QUORUM_OK) status = qps_write(stream, bytes, h.spread_size);
   free(bytes);
   return status;
}

static int32_t load_state(const quorum_strategy_t *s, const quorum_istream_t *stream) {
   pairs_t *self = self_of(s);
   if (!stream) return QUORUM_ERR_INVALID_ARGUMENT;
   uint32_t spread_size = qi_rstats_state_size(&self->spread);
   uint64_t expected = sizeof(pairs_state_header_t) + spread_size;
   uint8_t *bytes = malloc(expected);
   if (!bytes) return QUORUM_ERR_NO_MEMORY;
   pairs_state_header_t h;
   int32_t status = QUORUM_ERR_CORRUPT_STATE;
   if (qps_read_all(stream, bytes, expected) == (int64_t)expected) {
      memcpy(&h, bytes, sizeof h);
      if (h.version == STATE_VERSION && h.lookback == self->lookback && h.spread_size == spread_size &&
          h.beta == self->beta && h.position >= -1 && h.position <= 1 &&
          qi_rstats_state_load(&self->spread, bytes + sizeof h, spread_size) == QI_OK) {
         self->position = h.position;
         self->last_time = h.last_time;
         status = QUORUM_OK;
      }
   }
   free(bytes);
   if (status != QUORUM_OK) {
      reset_run(self);
      qps_logf(self->host, QUORUM_LOG_ERROR, "pairs: saved state not recognised");
   }
   return status;
}

static int32_t create(const quorum_host_t *host, const quorum_param_value_t *params, uint32_t count,
                      const quorum_strategy_t **out_strategy) {
   double beta = qps_param(params, count, PARAM_BETA, 1.0), lookback = qps_param(params, count, PARAM_LOOKBACK, 60);
   double entry_z = qps_param(params, count, PARAM_ENTRY_Z, 2.0), exit_z = qps_param(params, count, PARAM_EXIT_Z, 0.5);
   if (!QPS_HOST_HAS(host, get_bars)) {
      qps_logf(host, QUORUM_LOG_ERROR, "pairs: the host offers no get_bars");
      return QUORUM_ERR_UNSUPPORTED;
   }
   if (!(beta >= -10 && beta <= 10) || lookback < 2 || lookback > 5000 || lookback != floor(lookback) ||
       !(entry_z >= 0.1 && entry_z <= 10) || !(exit_z >= 0 && exit_z < entry_z)) {
      qps_logf(host, QUORUM_LOG_ERROR,
               "pairs: need beta in -10..10 (%g), lookback 2..5000 (%g), entry_z 0.1..10 (%g), 0 <= exit_z < entry_z (%g)",
               beta, lookback, entry_z, exit_z);
      return QUORUM_ERR_INVALID_ARGUMENT;
   }
   pairs_t *self = calloc(1, sizeof *self + (size_t)lookback * sizeof(int64_t));
   if (!self) return QUORUM_ERR_NO_MEMORY;
   qps_strategy_table(&self->api, &pairs_descriptor, self);
   self->api.activate = activate;
   self->api.deactivate = deactivate;
   self->api.on_bar = on_bar;
   self->api.save_state = save_state;
   self->api.load_state = load_state;
   self->host = host;
   self->beta = beta;
   self->lookback = (uint32_t)lookback;
   self->entry_z = entry_z;
   self->exit_z = exit_z;
   reset_run(self);
   *out_strategy = &self->api;
   return QUORUM_OK;
}

QPS_DEFINE_SINGLE_STRATEGY_PLUGIN(pairs_descriptor, create, QUORUM_BUILD_TAG_C)
