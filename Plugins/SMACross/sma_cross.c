/* sma_cross.c — org.quorum.sma-cross: long-only SMA crossover with backtrader CrossOver semantics. */
#include "quorum_indicators.h"
#include "quorum_plugin.h"
#include "quorum_plugin_support.h"
#include <stdlib.h>

#define PARAM_FAST 1u
#define PARAM_SLOW 2u
#define STATE_VERSION 1u

static const quorum_param_info_t sma_cross_params[] = {
   {PARAM_FAST, QUORUM_PARAM_INT, "fast", "fast SMA period (bars); must be < slow", 10, 2, 1000},
   {PARAM_SLOW, QUORUM_PARAM_INT, "slow", "slow SMA period (bars)", 30, 2, 5000},
};

static const quorum_strategy_descriptor_t sma_cross_descriptor = {
   sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 1,
   "org.quorum.sma-cross", "SMA crossover", "Quorum", "1.0.0",
   "Long-only SMA crossover (backtrader CrossOver semantics, exact SMA comparison): LONG when SMA(fast) "
   "crosses above SMA(slow), FLAT when it crosses below; crossing is judged against the last non-zero "
   "difference, so a tie alone never crosses. fast 10 (2..1000) < slow 30 (2..5000).",
   QUORUM_FEATURE_STATEFUL, 1, 1, 2, 0, sma_cross_params};

/* One instance: the ABI table first, then parameters, indicator state and the window storage after it. */
typedef struct sma_cross {
   quorum_strategy_t api;
   const quorum_host_t *host;
   uint32_t fast_period;
   uint32_t slow_period;
   qi_sma_t fast;
   qi_sma_t slow;
   int32_t seeded;   /* 1 once the first bar with both SMAs has set nzd */
   int32_t nzd;      /* sign of the last non-zero (fast - slow) */
   int64_t storage[]; /* fast_period + slow_period quantised closes */
} sma_cross_t;

/* The state bytes: a header, then the two SMA states. */
typedef struct sma_cross_state_header {
   uint8_t version;
   uint8_t seeded;
   int8_t nzd;
   uint8_t reserved;
   uint32_t fast_period;
   uint32_t slow_period;
} sma_cross_state_header_t;

static sma_cross_t *self_of(const quorum_strategy_t *s) { return (sma_cross_t *)s->plugin_data; }

static void reset_run(sma_cross_t *self) {
   qi_sma_init(&self->fast, self->fast_period, self->storage);
   qi_sma_init(&self->slow, self->slow_period, self->storage + self->fast_period);
   self->seeded = 0;
   self->nzd = 0;
}

static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *activation) {
   if (!activation || activation->symbol_count != 1) return QUORUM_ERR_INVALID_ARGUMENT;
   reset_run(self_of(s));
   return QUORUM_OK;
}

static void deactivate(const quorum_strategy_t *s) { (void)s; }

static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *event, quorum_signal_output_t *out) {
   sma_cross_t *self = self_of(s);
   if (!event || !out || event->bars.count == 0) return QUORUM_ERR_INVALID_ARGUMENT;
   double close = event->bars.close[event->bars.count - 1];
   if (!isfinite(close)) return QUORUM_ERR_INVALID_ARGUMENT;
   int fast_ready = qi_sma_update(&self->fast, close);
   int slow_ready = qi_sma_update(&self->slow, close);
   if (!fast_ready || !slow_ready) return QUORUM_OK;
   int32_t diff = qi_sma_compare(&self->fast, &self->slow); /* exact sign of fast - slow */
   int32_t status = QUORUM_OK;
   if (!self->seeded) {
      self->seeded = 1;
   } else if (self->nzd < 0 && diff > 0) {
      status = qps_emit(out, event->symbol_index, QUORUM_DIRECTION_LONG, 1.0, "fast SMA crossed above slow");
   } else if (self->nzd > 0 && diff < 0) {
      status = qps_emit(out, event->symbol_index, QUORUM_DIRECTION_FLAT, 1.0, "fast SMA crossed below slow");
   }
   if (diff != 0) self->nzd = diff;
   return status;
}

static int32_t save_state(const quorum_strategy_t *s, const quorum_ostream_t *stream) {
   sma_cross_t *self = self_of(s);
   if (!stream) return QUORUM_ERR_INVALID_ARGUMENT;
   sma_cross_state_header_t h = {STATE_VERSION, (uint8_t)self->seeded, (int8_t)self->nzd, 0, self->fast_period,
                                 self->slow_period};
   uint32_t fast_size = qi_sma_state_size(&self->fast), slow_size = qi_sma_state_size(&self->slow);
   uint8_t *bytes = malloc(fast_size + slow_size);
   if (!bytes) return QUORUM_ERR_NO_MEMORY;
   qi_sma_state_save(&self->fast, bytes);
   qi_sma_state_save(&self->slow, bytes + fast_size);
   int32_t status = qps_write(stream, &h, sizeof h);
   if (status == QUORUM_OK) status = qps_write(stream, bytes, fast_size + slow_size);
   free(bytes);
   return status;
}

static int32_t load_state(const quorum_strategy_t *s, const quorum_istream_t *stream) {
   sma_cross_t *self = self_of(s);
   if (!stream) return QUORUM_ERR_INVALID_ARGUMENT;
   uint32_t fast_size = qi_sma_state_size(&self->fast), slow_size = qi_sma_state_size(&self->slow);
   uint64_t expected = sizeof(sma_cross_state_header_t) + fast_size + slow_size;
   uint8_t *bytes = malloc(expected);
   if (!bytes) return QUORUM_ERR_NO_MEMORY;
   sma_cross_state_header_t h;
   int64_t got = qps_read_all(stream, bytes, expected);
   int32_t status = QUORUM_ERR_CORRUPT_STATE;
   if (got == (int64_t)expected) {
      memcpy(&h, bytes, sizeof h);
      if (h.version == STATE_VERSION && h.fast_period == self->fast_period &&
          h.slow_period == self->slow_period && h.seeded <= 1 && h.nzd >= -1 && h.nzd <= 1 &&
          qi_sma_state_load(&self->fast, bytes + sizeof h, fast_size) == QI_OK &&
          qi_sma_state_load(&self->slow, bytes + sizeof h + fast_size, slow_size) == QI_OK) {
         self->seeded = h.seeded;
         self->nzd = h.nzd;
         status = QUORUM_OK;
      }
   }
   if (status != QUORUM_OK) {
      reset_run(self);
      qps_logf(self->host, QUORUM_LOG_ERROR, "sma-cross: saved state not recognised (%lld bytes)", (long long)got);
   }
   free(bytes);
   return status;
}

static int32_t create(const quorum_host_t *host, const quorum_param_value_t *params, uint32_t count,
                      const quorum_strategy_t **out_strategy) {
   double fast = qps_param(params, count, PARAM_FAST, 10), slow = qps_param(params, count, PARAM_SLOW, 30);
   if (fast < 2 || fast > 1000 || slow < 2 || slow > 5000 || fast != floor(fast) || slow != floor(slow)) {
      qps_logf(host, QUORUM_LOG_ERROR, "sma-cross: fast=%g and slow=%g must be whole numbers in 2..1000 and 2..5000",
               fast, slow);
      return QUORUM_ERR_INVALID_ARGUMENT;
   }
   if (fast >= slow) {
      qps_logf(host, QUORUM_LOG_ERROR, "sma-cross: fast (%g) must be less than slow (%g)", fast, slow);
      return QUORUM_ERR_INVALID_ARGUMENT;
   }
   sma_cross_t *self = calloc(1, sizeof *self + (size_t)(fast + slow) * sizeof(int64_t));
   if (!self) return QUORUM_ERR_NO_MEMORY;
   qps_strategy_table(&self->api, &sma_cross_descriptor, self);
   self->api.activate = activate;
   self->api.deactivate = deactivate;
   self->api.on_bar = on_bar;
   self->api.save_state = save_state;
   self->api.load_state = load_state;
   self->host = host;
   self->fast_period = (uint32_t)fast;
   self->slow_period = (uint32_t)slow;
   reset_run(self);
   *out_strategy = &self->api;
   return QUORUM_OK;
}

QPS_DEFINE_SINGLE_STRATEGY_PLUGIN(sma_cross_descriptor, create, QUORUM_BUILD_TAG_C)
