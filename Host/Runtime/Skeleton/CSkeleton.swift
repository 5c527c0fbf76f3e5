extension StrategySkeleton {
    var cMakefile: String {
        """
        QUORUM_SDK ?= \(sdk)
        CFLAGS ?= -std=c11 -O2 -Wall -Wextra -Werror

        \(libraryName): \(cIdentifier).c
        \tcc $(CFLAGS) -fPIC -shared -fvisibility=hidden -I$(QUORUM_SDK)/PluginAPI/include -o $@ $< -lm

        clean:
        \trm -f \(libraryName)

        .PHONY: clean

        """
    }

    var cSource: String {
        """
        /* \(name): a Quorum strategy plugin. LONG above SMA(period), FLAT below. See quorum_plugin.h. */
        #include "quorum_plugin.h"
        #include <math.h>
        #include <stdlib.h>
        #include <string.h>

        #define PARAM_PERIOD 1u
        static const quorum_param_info_t params[] = {
            {PARAM_PERIOD, QUORUM_PARAM_INT, "period", "bars in the moving average", 20, 2, 1000},
        };
        static const quorum_strategy_descriptor_t descriptor = {
            sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 1,
            "org.example.\(idLabel)", "\(name)", "Example", "0.1.0",
            "LONG when the close is above SMA(period), FLAT below.",
            0, 1, 1, 1, 0, params,
        };

        /* One instance. Closes are kept as exact integers of 1e-8 so the average never drifts; their sum is
         * 128-bit, so it cannot overflow at any price the host sends (up to ~92 billion, the end of its range). */
        typedef struct {
            quorum_strategy_t table;
            const quorum_host_t *host;
            uint32_t period, filled, next;
            int64_t *window;
            __int128 sum;
            int32_t stance; /* last emitted direction, or 2 = none yet */
        } instance_t;

        static instance_t *self_of(const quorum_strategy_t *s) { return (instance_t *)s->plugin_data; }

        static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *a) {
            instance_t *self = self_of(s);
            (void)a;
            self->window = calloc(self->period, sizeof *self->window);
            if (!self->window) return QUORUM_ERR_NO_MEMORY;
            self->filled = self->next = 0;
            self->sum = 0;
            self->stance = 2;
            return QUORUM_OK;
        }

        static void deactivate(const quorum_strategy_t *s) {
            instance_t *self = self_of(s);
            free(self->window);
            self->window = NULL;
        }

        static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *out) {
            instance_t *self = self_of(s);
            double close = e->bars.close[e->bars.count - 1];
            /* In units of 1e-8; prices beyond the range of int64 units (~92 billion) count as its end. */
            int64_t units = close * 1e8 < 9.2e18 ? llround(close * 1e8) : INT64_MAX;
            if (self->filled == self->period) self->sum -= self->window[self->next];
            else self->filled++;
            self->window[self->next] = units;
            self->sum += units;
            self->next = (self->next + 1) % self->period;
            if (self->filled < self->period) return QUORUM_OK;
            /* close > sum / period, compared exactly */
            int32_t direction = (__int128)units * self->period > self->sum ? QUORUM_DIRECTION_LONG : QUORUM_DIRECTION_FLAT;
            if (direction == self->stance) return QUORUM_OK;
            self->stance = direction;
            quorum_signal_t *signal = &out->signals[out->count++];
            signal->symbol_index = e->symbol_index;
            signal->direction = direction;
            signal->confidence = 1.0;
            signal->reason = direction == QUORUM_DIRECTION_LONG ? "close above its average" : "close below its average";
            return QUORUM_OK;
        }

        /* State: version byte, then period, filled, next, sum, stance and the window. */
        static int32_t save_state(const quorum_strategy_t *s, const quorum_ostream_t *stream) {
            instance_t *self = self_of(s);
            uint8_t version = 1;
            int32_t status = stream->write(stream, &version, 1);
            if (status == QUORUM_OK) status = stream->write(stream, &self->period, sizeof self->period);
            if (status == QUORUM_OK) status = stream->write(stream, &self->filled, sizeof self->filled);
            if (status == QUORUM_OK) status = stream->write(stream, &self->next, sizeof self->next);
            if (status == QUORUM_OK) status = stream->write(stream, &self->sum, sizeof self->sum);
            if (status == QUORUM_OK) status = stream->write(stream, &self->stance, sizeof self->stance);
            if (status == QUORUM_OK) status = stream->write(stream, self->window, sizeof *self->window * self->period);
            return status;
        }

        static int read_all(const quorum_istream_t *stream, void *buffer, uint64_t size) {
            uint64_t done = 0;
            while (done < size) {
                int64_t n = stream->read(stream, (char *)buffer + done, size - done);
                if (n <= 0) return 0;
                done += (uint64_t)n;
            }
            return 1;
        }

        static int32_t load_state(const quorum_strategy_t *s, const quorum_istream_t *stream) {
            instance_t *self = self_of(s);
            instance_t copy = *self;
            uint8_t version = 0;
            if (!read_all(stream, &version, 1) || version != 1) return QUORUM_ERR_CORRUPT_STATE;
            if (!read_all(stream, &copy.period, sizeof copy.period) || copy.period != self->period ||
                !read_all(stream, &copy.filled, sizeof copy.filled) || copy.filled > copy.period ||
                !read_all(stream, &copy.next, sizeof copy.next) || copy.next >= copy.period ||
                !read_all(stream, &copy.sum, sizeof copy.sum) ||
                !read_all(stream, &copy.stance, sizeof copy.stance))
                return QUORUM_ERR_CORRUPT_STATE;
            int64_t *window = calloc(copy.period, sizeof *window);
            if (!window) return QUORUM_ERR_NO_MEMORY;
            if (!read_all(stream, window, sizeof *window * copy.period)) { free(window); return QUORUM_ERR_CORRUPT_STATE; }
            free(self->window);
            copy.window = window;
            *self = copy;
            return QUORUM_OK;
        }

        static void destroy(const quorum_strategy_t *s) {
            instance_t *self = self_of(s);
            free(self->window);
            free(self);
        }

        static const void *get_extension(const quorum_strategy_t *s, const char *id) { (void)s; (void)id; return NULL; }

        static uint32_t count(const quorum_strategy_factory_t *f) { (void)f; return 1; }

        static const quorum_strategy_descriptor_t *describe(const quorum_strategy_factory_t *f, uint32_t index) {
            (void)f;
            return index == 0 ? &descriptor : NULL;
        }

        static int32_t create(const quorum_strategy_factory_t *f, const quorum_host_t *host, const char *id,
                              const quorum_param_value_t *values, uint32_t count_, const quorum_strategy_t **out) {
            (void)f;
            *out = NULL;
            if (strcmp(id, descriptor.id) != 0) {
                host->log(host, QUORUM_LOG_ERROR, "unknown strategy id");
                return QUORUM_ERR_NOT_FOUND;
            }
            instance_t *self = calloc(1, sizeof *self);
            if (!self) return QUORUM_ERR_NO_MEMORY;
            self->host = host;
            self->period = 20;
            for (uint32_t i = 0; i < count_; i++)
                if (values[i].id == PARAM_PERIOD) self->period = (uint32_t)values[i].value;
            self->table = (quorum_strategy_t){
                sizeof(quorum_strategy_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 0, &descriptor, self,
                activate, deactivate, on_bar, save_state, load_state, destroy, get_extension,
            };
            *out = &self->table;
            return QUORUM_OK;
        }

        static const quorum_strategy_factory_t factory = {
            sizeof(quorum_strategy_factory_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 0,
            count, describe, create,
        };

        static int init_count; /* init/deinit run on the host's main thread only */
        static int32_t init(const char *path) { (void)path; init_count++; return QUORUM_OK; }
        static void deinit(void) { if (init_count > 0) init_count--; }
        static const void *get_factory(const char *id) {
            return strcmp(id, QUORUM_STRATEGY_FACTORY_ID) == 0 ? &factory : NULL;
        }

        static const quorum_plugin_entry_t entry = {
            sizeof(quorum_plugin_entry_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 0,
            QUORUM_BUILD_TAG_C, init, deinit, get_factory,
        };

        QUORUM_EXPORT const quorum_plugin_entry_t *quorum_plugin_entry(const quorum_version_t *host_version) {
            return host_version && host_version->major == QUORUM_ABI_VERSION_MAJOR ? &entry : NULL;
        }

        """
    }
}
