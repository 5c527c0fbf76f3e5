/* ttm_squeeze.c — org.quorum.ttm-squeeze: trade the release of a Bollinger-inside-Keltner squeeze. */
#include "quorum_indicators.h"
#include "quorum_plugin.h"
#include "quorum_plugin_support.h"
#include <stdlib.h>

#define PARAM_PERIOD 1u
#define PARAM_BB_K 2u
#define PARAM_KC_K 3u
#define PARAM_FADE 4u
#define PARAM_ALLOW_SHORT 5u
#define STATE_VERSION 1u
#define NO_CHANGE 2

static const quorum_param_info_t ttm_params[] = {
   {PARAM_PERIOD, QUORUM_PARAM_INT, "period", "Bollinger, Keltner and momentum period (bars)", 20, 5, 500},
   {PARAM_BB_K, QUORUM_PARAM_FLOAT, "bb_k", "Bollinger width in standard deviations", 2.0, 0.5, 5},
   {PARAM_KC_K, QUORUM_PARAM_FLOAT, "kc_k", "Keltner width in ATRs", 1.5, 0.5, 5},
   {PARAM_FADE, QUORUM_PARAM_INT, "fade_bars", "exit after momentum weakens this many bars in a row", 2, 1, 50},
   {PARAM_ALLOW_SHORT, QUORUM_PARAM_BOOL, "allow_short", "1: releases with negative momentum go SHORT", 1, 0, 1},
};

static const quorum_strategy_descriptor_t ttm_descriptor = {
   sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 1,
   "org.quorum.ttm-squeeze", "TTM squeeze", "Quorum", "1.0.0",
   "TTM squeeze: the squeeze is on while Bollinger(period 20, bb_k 2.0) lies inside Keltner(EMA 20 +/- kc_k 1.5 "
   "ATR 20). When it releases while flat, momentum (linear regression over period of close - SMA(period)) "
   "decides: > 0 LONG, < 0 SHORT (allow_short). FLAT when momentum crosses zero against the position or weakens "
   "fade_bars (2) bars in a row. Confidence 0.5 + 0.5*|momentum|/ATR, clipped to [0,1].",
   QUORUM_FEATURE_STATEFUL, 1, 1, 5, 0, ttm_params};

/* What changes bar by bar besides the two windows; plain data, saved as is. */
typedef struct ttm_run {
   qi_keltner_t keltner;
   double momentum_prev;
   int32_t position;     /* last emitted direction */
   int32_t squeeze_prev; /* squeeze state on the previous ready bar */
   uint32_t fade_count;  /* consecutive bars of weakening momentum while in a position */
   uint32_t ready_bars;  /* bars with every indicator ready */
} ttm_run_t;

typedef struct ttm_squeeze {
   quorum_strategy_t api;
   const quorum_host_t *host;
   uint32_t period;
   uint32_t fade_bars;
   double bb_k, kc_k;
   int32_t allow_short;
   int32_t reserved;
   qi_bbands_t bands;
   qi_linreg_t momentum;
   ttm_run_t run;
   int64_t storage[]; /* 2 * period: Bollinger window, then momentum window */
} ttm_squeeze_t;

typedef struct ttm_state_header {
   uint8_t version;
   uint8_t reserved[3];
   uint32_t period;
   uint32_t bands_size;
   uint32_t momentum_size;
   ttm_run_t run;
} ttm_state_header_t;

static ttm_squeeze_t *self_of(const quorum_strategy_t *s) { return (ttm_squeeze_t *)s->plugin_data; }

static void reset_run(ttm_squeeze_t *self) {
   qi_bbands_init(&self->bands, self->period, self->bb_k, self->storage);
   qi_linreg_init(&self->momentum, self->period, QI_PRICE_SCALE, self->storage + self->period);
   memset(&self->run, 0, sizeof self->run);
   qi_keltner_init(&self->run.keltner, self->period, self->kc_k);
}

static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *activation) {
   if (!activation || activation->symbol_count != 1) return QUORUM_ERR_INVALID_ARGUMENT;
   reset_run(self_of(s));
   return QUORUM_OK;
}

static void deactivate(const quorum_strategy_t *s) { (void)s; }

/* Exit test for an open position; updates the fade counter. `sign` is +1 for long, -1 for short. */
static int momentum_exit(ttm_squeeze_t *self, double momentum, double sign) {
   ttm_run_t *run = &self->run;
   if (sign * momentum <= 0) return 1;
   run->fade_count = sign * momentum < sign * run->momentum_prev ? run->fade_count + 1 : 0;
   return run->fade_count >= self->fade_bars;
}

/* The direction the rules want now, or NO_CHANGE. */
static int32_t decide(ttm_squeeze_t *self, int squeeze, double momentum, double *confidence) {
   ttm_run_t *run = &self->run;
   *confidence = 1.0;
   if (run->position == QUORUM_DIRECTION_LONG) return momentum_exit(self, momentum, 1) ? QUORUM_DIRECTION_FLAT : NO_CHANGE;
   if (run->position == QUORUM_DIRECTION_SHORT) return momentum_exit(self, momentum, -1) ? QUORUM_DIRECTION_FLAT : NO_CHANGE;
   if (!(run->ready_bars > 1 && run->squeeze_prev && !squeeze)) return NO_CHANGE;
   double atr = run->keltner.atr.value;
   *confidence = atr > 0 ? 0.5 + 0.5 * fabs(momentum) / atr : 1.0;
   if (momentum > 0) return QUORUM_DIRECTION_LONG;
   if (momentum < 0 && self->allow_short) return QUORUM_DIRECTION_SHORT;
   return NO_CHANGE;
}

static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *event, quorum_signal_output_t *out) {
   ttm_squeeze_t *self = self_of(s);
   if (!event || !out || event->bars.count == 0) return QUORUM_ERR_INVALID_ARGUMENT;
   uint32_t last = event->bars.count - 1;
   double high = event->bars.high[last], low = event->bars.low[last], close = event->bars.close[last];
   if (!isfinite(high) || !isfinite(low) || !isfinite(close)) return QUORUM_ERR_INVALID_ARGUMENT;
   ttm_run_t *run = &self->run;
   int kc_ready = qi_keltner_update(&run->keltner, high, low, close);
   if (!qi_bbands_update(&self->bands, close)) return QUORUM_OK;
   if (!qi_linreg_update(&self->momentum, close - self->bands.middle) || !kc_ready) return QUORUM_OK;
   int squeeze = self->bands.upper < run->keltner.upper && self->bands.lower > run->keltner.lower;
   double momentum = self->momentum.value, confidence;
   run->ready_bars += run->ready_bars < 2;
   int32_t direction = decide(self, squeeze, momentum, &confidence);
   int32_t status = QUORUM_OK;
   if (direction != NO_CHANGE) {
      static const char *const reasons[] = {"squeeze released, momentum down", "momentum faded",
                                            "squeeze released, momentum up"};
      status = qps_emit(out, event->symbol_index, direction, confidence, reasons[direction + 1]);
      if (status == QUORUM_OK) {
         run->position = direction;
         run->fade_count = 0;
      }
   }
   run->squeeze_prev = squeeze;
   run->momentum_prev = momentum;
   return status;
}

static int32_t save_state(const quorum_strategy_t *s, const quorum_ostream_t *stream) {
   ttm_squeeze_t *self = self_of(s);
   if (!stream) return QUORUM_ERR_INVALID_ARGUMENT;
   ttm_state_header_t h;
   memset(&h, 0, sizeof h);
   h.version = STATE_VERSION;
   h.period = self->period;
   h.bands_size = qi_bbands_state_size(&self->bands);
   h.momentum_size = qi_linreg_state_size(&self->momentum);
   h.run = self->run;
   uint8_t *bytes = malloc(h.bands_size + h.momentum_size);
   if (!bytes) return QUORUM_ERR_NO_MEMORY;
   qi_bbands_state_save(&self->bands, bytes);
   qi_linreg_state_save(&self->momentum, bytes + h.bands_size);
   int32_t status = qps_write(stream, &h, sizeof h);
   if (status == QUORUM_OK) status = qps_write(stream, bytes, h.bands_size + h.momentum_size);
   free(bytes);
   return status;
}

static int32_t load_state(const quorum_strategy_t *s, const quorum_istream_t *stream) {
   ttm_squeeze_t *self = self_of(s);
   if (!stream) return QUORUM_ERR_INVALID_ARGUMENT;
   uint32_t bands_size = qi_bbands_state_size(&self->bands), momentum_size = qi_linreg_state_size(&self->momentum);
   uint64_t expected = sizeof(ttm_state_header_t) + bands_size + momentum_size;
   uint8_t *bytes = malloc(expected);
   if (!bytes) return QUORUM_ERR_NO_MEMORY;
   ttm_state_header_t h;
   int32_t status = QUORUM_ERR_CORRUPT_STATE;
   if (qps_read_all(stream, bytes, expected) == (int64_t)expected) {
      memcpy(&h, bytes, sizeof h);
      if (h.version == STATE_VERSION && h.period == self->period && h.bands_size == bands_size &&
          h.momentum_size == momentum_size && h.run.position >= -1 && h.run.position <= 1 &&
          h.run.keltner.ema.period == self->period && h.run.keltner.atr.period == self->period &&
          qi_bbands_state_load(&self->bands, bytes + sizeof h, bands_size) == QI_OK &&
          qi_linreg_state_load(&self->momentum, bytes + sizeof h + bands_size, momentum_size) == QI_OK) {
         self->run = h.run;
         status = QUORUM_OK;
      }
   }
   free(bytes);
   if (status != QUORUM_OK) {
      reset_run(self);
      qps_logf(self->host, QUORUM_LOG_ERROR, "ttm-squeeze: saved state not recognised");
   }
   return status;
}

static int32_t create(const quorum_host_t *host, const quorum_param_value_t *params, uint32_t count,
                      const quorum_strategy_t **out_strategy) {
   double period = qps_param(params, count, PARAM_PERIOD, 20);
   double bb_k = qps_param(params, count, PARAM_BB_K, 2.0), kc_k = qps_param(params, count, PARAM_KC_K, 1.5);
   double fade = qps_param(params, count, PARAM_FADE, 2);
   if (period < 5 || period > 500 || period != floor(period) || fade < 1 || fade > 50 || fade != floor(fade) ||
       !(bb_k >= 0.5 && bb_k <= 5) || !(kc_k >= 0.5 && kc_k <= 5)) {
      qps_logf(host, QUORUM_LOG_ERROR,
               "ttm-squeeze: period %g (5..500), bb_k %g, kc_k %g (0.5..5), fade_bars %g (1..50) out of range",
               period, bb_k, kc_k, fade);
      return QUORUM_ERR_INVALID_ARGUMENT;
   }
   ttm_squeeze_t *self = calloc(1, sizeof *self + 2 * (size_t)period * sizeof(int64_t));
   if (!self) return QUORUM_ERR_NO_MEMORY;
   qps_strategy_table(&self->api, &ttm_descriptor, self);
   self->api.activate = activate;
   self->api.deactivate = deactivate;
   self->api.on_bar = on_bar;
   self->api.save_state = save_state;
   self->api.load_state = load_state;
   self->host = host;
   self->period = (uint32_t)period;
   self->fade_bars = (uint32_t)fade;
   self->bb_k = bb_k;
   self->kc_k = kc_k;
   self->allow_short = qps_param(params, count, PARAM_ALLOW_SHORT, 1) != 0;
   reset_run(self);
   *out_strategy = &self->api;
   return QUORUM_OK;
}

QPS_DEFINE_SINGLE_STRATEGY_PLUGIN(ttm_descriptor, create, QUORUM_BUILD_TAG_C)
