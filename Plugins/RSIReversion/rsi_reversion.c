/* rsi_reversion.c — org.quorum.rsi-reversion: mean reversion on Wilder RSI extremes. */
#include "quorum_indicators.h"
#include "quorum_plugin.h"
#include "quorum_plugin_support.h"
#include <stdlib.h>

#define PARAM_PERIOD 1u
#define PARAM_OVERSOLD 2u
#define PARAM_OVERBOUGHT 3u
#define PARAM_EXIT 4u
#define PARAM_ALLOW_SHORT 5u
#define STATE_VERSION 1u

static const quorum_param_info_t rsi_params[] = {
   {PARAM_PERIOD, QUORUM_PARAM_INT, "period", "RSI period (bars)", 14, 2, 1000},
   {PARAM_OVERSOLD, QUORUM_PARAM_FLOAT, "oversold", "RSI below this enters LONG", 30, 1, 50},
   {PARAM_OVERBOUGHT, QUORUM_PARAM_FLOAT, "overbought", "RSI above this enters SHORT", 70, 50, 99},
   {PARAM_EXIT, QUORUM_PARAM_FLOAT, "exit_level", "RSI back across this level exits to FLAT", 50, 1, 99},
   {PARAM_ALLOW_SHORT, QUORUM_PARAM_BOOL, "allow_short", "1: overbought enters SHORT; 0: long-only", 1, 0, 1},
};

static const quorum_strategy_descriptor_t rsi_descriptor = {
   sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 1,
   "org.quorum.rsi-reversion", "RSI mean reversion", "Quorum", "1.0.0",
   "RSI(period 14, Wilder/TA-Lib) mean reversion: RSI < oversold (30) -> LONG, RSI > overbought (70) -> SHORT "
   "(if allow_short), a long exits FLAT when RSI rises to exit_level (50), a short when it falls to it. Entry "
   "confidence 0.5 + 0.5 * depth beyond the threshold, clipped to [0,1]. Needs oversold < exit_level < overbought.",
   QUORUM_FEATURE_STATEFUL, 1, 1, 5, 0, rsi_params};

/* What changes bar by bar; plain data, saved as is. */
typedef struct rsi_run {
   qi_rsi_t rsi;
   int32_t position; /* last emitted direction */
   int32_t reserved;
} rsi_run_t;

typedef struct rsi_reversion {
   quorum_strategy_t api;
   const quorum_host_t *host;
   uint32_t period;
   int32_t allow_short;
   double oversold, overbought, exit_level;
   rsi_run_t run;
} rsi_reversion_t;

typedef struct rsi_state {
   uint8_t version;
   uint8_t reserved[3];
   uint32_t period;
   rsi_run_t run;
} rsi_state_t;

static rsi_reversion_t *self_of(const quorum_strategy_t *s) { return (rsi_reversion_t *)s->plugin_data; }

static void reset_run(rsi_reversion_t *self) {
   memset(&self->run, 0, sizeof self->run);
   qi_rsi_init(&self->run.rsi, self->period);
}

static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *activation) {
   if (!activation || activation->symbol_count != 1) return QUORUM_ERR_INVALID_ARGUMENT;
   reset_run(self_of(s));
   return QUORUM_OK;
}

static void deactivate(const quorum_strategy_t *s) { (void)s; }

/* The direction the rules want now, or 2 for "no change"; *confidence receives its confidence. */
static int32_t decide(const rsi_reversion_t *self, double rsi, double *confidence) {
   int32_t pos = self->run.position;
   if (self->allow_short && rsi > self->overbought && pos != QUORUM_DIRECTION_SHORT) {
      *confidence = 0.5 + 0.5 * (rsi - self->overbought) / (100.0 - self->overbought);
      return QUORUM_DIRECTION_SHORT;
   }
   if (rsi < self->oversold && pos != QUORUM_DIRECTION_LONG) {
      *confidence = 0.5 + 0.5 * (self->oversold - rsi) / self->oversold;
      return QUORUM_DIRECTION_LONG;
   }
   *confidence = 1.0;
   if (pos == QUORUM_DIRECTION_LONG && rsi >= self->exit_level) return QUORUM_DIRECTION_FLAT;
   if (pos == QUORUM_DIRECTION_SHORT && rsi <= self->exit_level) return QUORUM_DIRECTION_FLAT;
   return 2;
}

static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *event, quorum_signal_output_t *out) {
   rsi_reversion_t *self = self_of(s);
   if (!event || !out || event->bars.count == 0) return QUORUM_ERR_INVALID_ARGUMENT;
   double close = event->bars.close[event->bars.count - 1];
   if (!isfinite(close)) return QUORUM_ERR_INVALID_ARGUMENT;
   if (!qi_rsi_update(&self->run.rsi, close)) return QUORUM_OK;
   /* No movement over the period: TA-Lib's RSI is 0 then (its averages' sum below 1e-14, the test it uses),
    * which is no sign of being oversold. Averages shrink towards 0 over a flat stretch without reaching it. */
   if (self->run.rsi.avg_gain + self->run.rsi.avg_loss < 1e-14) return QUORUM_OK;
   double confidence;
   int32_t direction = decide(self, self->run.rsi.value, &confidence);
   if (direction == 2) return QUORUM_OK;
   static const char *const reasons[] = {"RSI overbought", "RSI back at exit level", "RSI oversold"};
   int32_t status = qps_emit(out, event->symbol_index, direction, confidence, reasons[direction + 1]);
   if (status == QUORUM_OK) self->run.position = direction;
   return status;
}

static int32_t save_state(const quorum_strategy_t *s, const quorum_ostream_t *stream) {
   rsi_reversion_t *self = self_of(s);
   if (!stream) return QUORUM_ERR_INVALID_ARGUMENT;
   rsi_state_t state;
   memset(&state, 0, sizeof state);
   state.version = STATE_VERSION;
   state.period = self->period;
   state.run = self->run;
   return qps_write(stream, &state, sizeof state);
}

static int32_t load_state(const quorum_strategy_t *s, const quorum_istream_t *stream) {
   rsi_reversion_t *self = self_of(s);
   if (!stream) return QUORUM_ERR_INVALID_ARGUMENT;
   rsi_state_t state;
   int64_t got = qps_read_all(stream, &state, sizeof state);
   if (got != (int64_t)sizeof state || state.version != STATE_VERSION || state.period != self->period ||
       state.run.rsi.period != self->period || state.run.rsi.count > self->period + 1 ||
       state.run.position < -1 || state.run.position > 1) {
      reset_run(self);
      qps_logf(self->host, QUORUM_LOG_ERROR, "rsi-reversion: saved state not recognised");
      return QUORUM_ERR_CORRUPT_STATE;
   }
   self->run = state.run;
   return QUORUM_OK;
}

static int32_t create(const quorum_host_t *host, const quorum_param_value_t *params, uint32_t count,
                      const quorum_strategy_t **out_strategy) {
   double period = qps_param(params, count, PARAM_PERIOD, 14);
   double oversold = qps_param(params, count, PARAM_OVERSOLD, 30);
   double overbought = qps_param(params, count, PARAM_OVERBOUGHT, 70);
   double exit_level = qps_param(params, count, PARAM_EXIT, 50);
   double allow_short = qps_param(params, count, PARAM_ALLOW_SHORT, 1);
   if (period < 2 || period > 1000 || period != floor(period)) {
      qps_logf(host, QUORUM_LOG_ERROR, "rsi-reversion: period %g must be a whole number in 2..1000", period);
      return QUORUM_ERR_INVALID_ARGUMENT;
   }
   if (!(oversold > 0 && oversold < exit_level && exit_level < overbought && overbought < 100)) {
      qps_logf(host, QUORUM_LOG_ERROR,
               "rsi-reversion: need 0 < oversold (%g) < exit_level (%g) < overbought (%g) < 100", oversold,
               exit_level, overbought);
      return QUORUM_ERR_INVALID_ARGUMENT;
   }
   rsi_reversion_t *self = calloc(1, sizeof *self);
   if (!self) return QUORUM_ERR_NO_MEMORY;
   qps_strategy_table(&self->api, &rsi_descriptor, self);
   self->api.activate = activate;
   self->api.deactivate = deactivate;
   self->api.on_bar = on_bar;
   self->api.save_state = save_state;
   self->api.load_state = load_state;
   self->host = host;
   self->period = (uint32_t)period;
   self->oversold = oversold;
   self->overbought = overbought;
   self->exit_level = exit_level;
   self->allow_short = allow_short != 0;
   reset_run(self);
   *out_strategy = &self->api;
   return QUORUM_OK;
}

QPS_DEFINE_SINGLE_STRATEGY_PLUGIN(rsi_descriptor, create, QUORUM_BUILD_TAG_C)
