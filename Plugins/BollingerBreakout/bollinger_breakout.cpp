// bollinger_breakout.cpp — org.quorum.bollinger-breakout: trade closes outside Bollinger bands (C++17).
//
// Every function the host calls is noexcept and catches everything, so no exception can cross the ABI; the
// code itself uses no throwing facility (no STL containers, allocation through malloc).
#include "quorum_indicators.h"
#include "quorum_plugin.h"
#include "quorum_plugin_support.h"
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace {

constexpr uint32_t kParamPeriod = 1, kParamK = 2, kParamAllowShort = 3;
constexpr uint8_t kStateVersion = 1;
constexpr int32_t kNoChange = 2;

const quorum_param_info_t kParams[] = {
    {kParamPeriod, QUORUM_PARAM_INT, "period", "Bollinger SMA/stddev period (bars)", 20, 2, 1000},
    {kParamK, QUORUM_PARAM_FLOAT, "k", "band width in population standard deviations", 2.0, 0.1, 10},
    {kParamAllowShort, QUORUM_PARAM_BOOL, "allow_short", "1: closes below the lower band go SHORT", 1, 0, 1},
};

const quorum_strategy_descriptor_t kDescriptor = {
    sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 1,
    "org.quorum.bollinger-breakout", "Bollinger breakout", "Quorum", "1.0.0",
    "Bollinger(period 20, k 2.0; SMA +/- k population stddev) breakout: close above the upper band -> LONG, below "
    "the lower band -> SHORT (allow_short 1), back inside through the middle band (close below it for a long, "
    "above it for a short) -> FLAT. Entry confidence 0.5 + 0.5 * excess beyond the band / band half-width.",
    QUORUM_FEATURE_STATEFUL, 1, 1, 3, 0, kParams};

struct BollingerBreakout {
    quorum_strategy_t api;
    const quorum_host_t *host;
    uint32_t period;
    int32_t allow_short;
    double k;
    qi_bbands_t bands;
    int32_t position;      // last emitted direction
    int32_t reserved;
    int64_t storage[1];    // period elements really (allocated with the struct)
};

struct StateHeader {
    uint8_t version;
    uint8_t reserved[3];
    int32_t position;
    uint32_t period;
    uint32_t bands_size;
};

BollingerBreakout *self_of(const quorum_strategy_t *s) noexcept { return static_cast<BollingerBreakout *>(s->plugin_data); }

void reset_run(BollingerBreakout *self) noexcept {
    qi_bbands_init(&self->bands, self->period, self->k, self->storage);
    self->position = QUORUM_DIRECTION_FLAT;
}

// The direction the rules want after this close, or kNoChange.
int32_t decide(const BollingerBreakout *self, double close, double *confidence) noexcept {
    const qi_bbands_t &b = self->bands;
    double half_width = b.upper - b.middle;
    if (close > b.upper && self->position != QUORUM_DIRECTION_LONG) {
        *confidence = half_width > 0 ? 0.5 + 0.5 * (close - b.upper) / half_width : 1.0;
        return QUORUM_DIRECTION_LONG;
    }
    if (self->allow_short && close < b.lower && self->position != QUORUM_DIRECTION_SHORT) {
        *confidence = half_width > 0 ? 0.5 + 0.5 * (b.lower - close) / half_width : 1.0;
        return QUORUM_DIRECTION_SHORT;
    }
    *confidence = 1.0;
    if (self->position == QUORUM_DIRECTION_LONG && close < b.middle) return QUORUM_DIRECTION_FLAT;
    if (self->position == QUORUM_DIRECTION_SHORT && close > b.middle) return QUORUM_DIRECTION_FLAT;
    return kNoChange;
}

int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *activation) noexcept {
    try {
        if (!activation || activation->symbol_count != 1) return QUORUM_ERR_INVALID_ARGUMENT;
        reset_run(self_of(s));
        return QUORUM_OK;
    } catch (...) {
        return QUORUM_ERR_GENERIC;
    }
}

void deactivate(const quorum_strategy_t *) noexcept {}

int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *event, quorum_signal_output_t *out) noexcept {
    try {
        BollingerBreakout *self = self_of(s);
        if (!event || !out || event->bars.count == 0) return QUORUM_ERR_INVALID_ARGUMENT;
        double close = event->bars.close[event->bars.count - 1];
        if (!std::isfinite(close)) return QUORUM_ERR_INVALID_ARGUMENT;
        if (!qi_bbands_update(&self->bands, close)) return QUORUM_OK;
        double confidence = 0;
        int32_t direction = decide(self, close, &confidence);
        if (direction == kNoChange) return QUORUM_OK;
        static const char *const reasons[] = {"close below lower band", "close back through middle band",
                                              "close above upper band"};
        int32_t status = qps_emit(out, event->symbol_index, direction, confidence, reasons[direction + 1]);
        if (status == QUORUM_OK) self->position = direction;
        return status;
    } catch (...) {
        return QUORUM_ERR_GENERIC;
    }
}

int32_t save_state(const quorum_strategy_t *s, const quorum_ostream_t *stream) noexcept {
    try {
        BollingerBreakout *self = self_of(s);
        if (!stream) return QUORUM_ERR_INVALID_ARGUMENT;
        StateHeader h{};
        h.version = kStateVersion;
        h.position = self->position;
        h.period = self->period;
        h.bands_size = qi_bbands_state_size(&self->bands);
        void *bytes = std::malloc(h.bands_size);
        if (!bytes) return QUORUM_ERR_NO_MEMORY;
        qi_bbands_state_save(&self->bands, bytes);
        int32_t status = qps_write(stream, &h, sizeof h);
        if (status == QUORUM_OK) status = qps_write(stream, bytes, h.bands_size);
        std::free(bytes);
        return status;
    } catch (...) {
        return QUORUM_ERR_GENERIC;
    }
}

int32_t load_state(const quorum_strategy_t *s, const quorum_istream_t *stream) noexcept {
    try {
        BollingerBreakout *self = self_of(s);
        if (!stream) return QUORUM_ERR_INVALID_ARGUMENT;
        uint32_t bands_size = qi_bbands_state_size(&self->bands);
        uint64_t expected = sizeof(StateHeader) + bands_size;
        auto *bytes = static_cast<uint8_t *>(std::malloc(expected));
        if (!bytes) return QUORUM_ERR_NO_MEMORY;
        StateHeader h{};
        int32_t status = QUORUM_ERR_CORRUPT_STATE;
        if (qps_read_all(stream, bytes, expected) == static_cast<int64_t>(expected)) {
            std::memcpy(&h, bytes, sizeof h);
            if (h.version == kStateVersion && h.period == self->period && h.bands_size == bands_size &&
                h.position >= -1 && h.position <= 1 &&
                qi_bbands_state_load(&self->bands, bytes + sizeof h, bands_size) == QI_OK) {
                self->position = h.position;
                status = QUORUM_OK;
            }
        }
        std::free(bytes);
        if (status != QUORUM_OK) {
            reset_run(self);
            qps_logf(self->host, QUORUM_LOG_ERROR, "bollinger-breakout: saved state not recognised");
        }
        return status;
    } catch (...) {
        return QUORUM_ERR_GENERIC;
    }
}



int32_t create(const quorum_host_t *host, const quorum_param_value_t *params, uint32_t count,
               const quorum_strategy_t **out_strategy) noexcept {
    try {
        double period = qps_param(params, count, kParamPeriod, 20);
        double k = qps_param(params, count, kParamK, 2.0);
        double allow_short = qps_param(params, count, kParamAllowShort, 1);
        if (period < 2 || period > 1000 || period != std::floor(period) || !(k >= 0.1 && k <= 10)) {
            qps_logf(host, QUORUM_LOG_ERROR, "bollinger-breakout: period %g (2..1000) or k %g (0.1..10) out of range",
                     period, k);
            return QUORUM_ERR_INVALID_ARGUMENT;
        }
        size_t size = sizeof(BollingerBreakout) + static_cast<size_t>(period) * sizeof(int64_t);
        auto *self = static_cast<BollingerBreakout *>(std::calloc(1, size));
        if (!self) return QUORUM_ERR_NO_MEMORY;
        qps_strategy_table(&self->api, &kDescriptor, self);
        self->api.activate = activate;
        self->api.deactivate = deactivate;
        self->api.on_bar = on_bar;
        self->api.save_state = save_state;
        self->api.load_state = load_state;
        self->host = host;
        self->period = static_cast<uint32_t>(period);
        self->k = k;
        self->allow_short = allow_short != 0;
        reset_run(self);
        *out_strategy = &self->api;
        return QUORUM_OK;
    } catch (...) {
        return QUORUM_ERR_GENERIC;
    }
}

}  // namespace

QPS_DEFINE_SINGLE_STRATEGY_PLUGIN(kDescriptor, create, QUORUM_BUILD_TAG_CXX)
