/// A C plugin doing the same work as the Swift Momentum plugin (ROC update, thresholds, emit on change), built
/// at bench time with the indicators' C sources compiled in.
let cMomentumSource = #"""
#include <quorum_plugin.h>
#include <quorum_indicators.h>
#include <stdlib.h>
#include <string.h>

static const quorum_strategy_descriptor_t descriptor = {
   sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 1,
   "org.bench.c-momentum", "C momentum", "Bench", "1.0.0", "ROC thresholds", 0, 1, 1, 0, 0, NULL};

typedef struct inst {
   quorum_strategy_t table;
   qi_roc_t roc;
   double storage[21];
   int32_t stance;
   uint32_t reserved;
} inst_t;

static int32_t activate(const quorum_strategy_t *s, const quorum_activation_t *a) {
   (void)a; inst_t *z = s->plugin_data; qi_roc_init(&z->roc, 20, z->storage); z->stance = 0; return QUORUM_OK;
}
static void deactivate(const quorum_strategy_t *s) { (void)s; }
static int32_t on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
   inst_t *z = s->plugin_data;
   if (!qi_roc_update(&z->roc, e->bars.close[e->bars.count - 1])) return QUORUM_OK;
   double change = z->roc.value / 100, size = change < 0 ? -change : change;
   int32_t wanted = z->stance;
   if (change > 0.05) wanted = 1; else if (change < -0.05) wanted = -1; else if (size < 0.01) wanted = 0;
   if (wanted == z->stance || o->count >= o->capacity) return QUORUM_OK;
   z->stance = wanted;
   quorum_signal_t *sig = &o->signals[o->count++];
   memset(sig, 0, sizeof *sig);
   sig->symbol_index = e->symbol_index;
   sig->direction = wanted;
   sig->confidence = size / 0.1 < 1 ? size / 0.1 : 1;
   return QUORUM_OK;
}
static int32_t save(const quorum_strategy_t *s, const quorum_ostream_t *out) { (void)s; (void)out; return QUORUM_OK; }
static int32_t load(const quorum_strategy_t *s, const quorum_istream_t *in) { (void)s; (void)in; return QUORUM_OK; }
static void destroy(const quorum_strategy_t *s) { free(s->plugin_data); }
static const void *extension(const quorum_strategy_t *s, const char *id) { (void)s; (void)id; return NULL; }

static uint32_t count(const quorum_strategy_factory_t *f) { (void)f; return 1; }
static const quorum_strategy_descriptor_t *describe(const quorum_strategy_factory_t *f, uint32_t i) {
   (void)f; return i == 0 ? &descriptor : NULL;
}
static int32_t create(const quorum_strategy_factory_t *f, const quorum_host_t *host, const char *id,
                      const quorum_param_value_t *params, uint32_t n, const quorum_strategy_t **out) {
   (void)f; (void)host; (void)params; (void)n; (void)id;
   inst_t *z = calloc(1, sizeof *z);
   if (!z) return QUORUM_ERR_NO_MEMORY;
   z->table = (quorum_strategy_t){sizeof(quorum_strategy_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 0,
      &descriptor, z, activate, deactivate, on_bar, save, load, destroy, extension};
   *out = &z->table;
   return QUORUM_OK;
}
static const quorum_strategy_factory_t factory = {
   sizeof(quorum_strategy_factory_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 0, count, describe, create};
static int32_t init(const char *path) { (void)path; return QUORUM_OK; }
static void deinit(void) {}
static const void *get_factory(const char *id) { return strcmp(id, QUORUM_STRATEGY_FACTORY_ID) ? NULL : &factory; }
static const quorum_plugin_entry_t entry = {
   sizeof(quorum_plugin_entry_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 0, QUORUM_BUILD_TAG_C,
   init, deinit, get_factory};
QUORUM_EXPORT const quorum_plugin_entry_t *quorum_plugin_entry(const quorum_version_t *v) { (void)v; return &entry; }
"""#
