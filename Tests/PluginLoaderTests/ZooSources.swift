/// C sources of the plugin zoo: one template whose knobs (macros) each zoo member sets to break one rule.
enum ZooSource {
    /// A plugin built from the template with `defines` prepended (e.g. `ZOO_ABI_MAJOR 2`).
    static func plugin(_ defines: [String: String] = [:]) -> String {
        defines.sorted { $0.key < $1.key }.map { "#define \($0.key) \($0.value)\n" }.joined() + template
    }

    /// Defaults: a good library with two strategies, org.zoo.good-a and org.zoo.good-b, through one factory.
    static let template = #"""
    #include <quorum_plugin.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>

    #ifndef ZOO_ABI_MAJOR
    #define ZOO_ABI_MAJOR QUORUM_ABI_VERSION_MAJOR
    #endif
    #ifndef ZOO_ENTRY_SIZE
    #define ZOO_ENTRY_SIZE sizeof(quorum_plugin_entry_t)
    #endif
    #ifndef ZOO_BUILD_TAG
    #define ZOO_BUILD_TAG QUORUM_BUILD_TAG_C
    #endif
    #ifndef ZOO_INIT_STATUS
    #define ZOO_INIT_STATUS QUORUM_OK
    #endif
    #ifndef ZOO_ID_A
    #define ZOO_ID_A "org.zoo.good-a"
    #endif
    #ifndef ZOO_ID_B
    #define ZOO_ID_B "org.zoo.good-b"
    #endif
    #ifndef ZOO_HISTORY
    #define ZOO_HISTORY 1
    #endif
    #ifndef ZOO_ENTRY_NAME
    #define ZOO_ENTRY_NAME quorum_plugin_entry
    #endif

    /* With ZOO_TRACE "path": init, deinit and destroy append their name to that file, one a line. */
    static void zoo_trace(const char *what) {
    #ifdef ZOO_TRACE
       FILE *trace = fopen(ZOO_TRACE, "a");
       if (trace) { fputs(what, trace); fputc('\n', trace); fclose(trace); }
    #else
       (void)what;
    #endif
    }

    #ifdef ZOO_PARAM
    static const quorum_param_info_t zoo_params[] = {ZOO_PARAM};
    #define ZOO_PARAM_COUNT 1
    #define ZOO_PARAMS zoo_params
    #else
    #define ZOO_PARAM_COUNT 0
    #define ZOO_PARAMS NULL
    #endif

    static const quorum_strategy_descriptor_t descriptors[2] = {
       {sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, ZOO_HISTORY,
        ZOO_ID_A, "Zoo A", "Zoo", "1.0.0", "always long", 0, 1, 1, ZOO_PARAM_COUNT, 0, ZOO_PARAMS},
       {sizeof(quorum_strategy_descriptor_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 1,
        ZOO_ID_B, "Zoo B", "Zoo", "1.0.0", "always flat", 0, 1, 1, 0, 0, NULL},
    };

    typedef struct zoo_instance {
       quorum_strategy_t table;
       int32_t direction;
       uint32_t bars;
       const quorum_host_t *host;
    } zoo_instance_t;

    static int32_t zoo_activate(const quorum_strategy_t *s, const quorum_activation_t *a) {
       zoo_instance_t *z = (zoo_instance_t *)s->plugin_data;
       (void)a; (void)z;
    #ifdef ZOO_ACTIVATE_HOOK
       ZOO_ACTIVATE_HOOK
    #endif
       z->bars = 0; return QUORUM_OK;
    }
    static void zoo_deactivate(const quorum_strategy_t *s) { (void)s; }
    static int32_t zoo_on_bar(const quorum_strategy_t *s, const quorum_bar_event_t *e, quorum_signal_output_t *o) {
       zoo_instance_t *z = (zoo_instance_t *)s->plugin_data;
       z->bars++;
    #ifdef ZOO_ON_BAR_HOOK
       ZOO_ON_BAR_HOOK
    #endif
       if (o->count >= o->capacity) return QUORUM_OK;
       quorum_signal_t *sig = (quorum_signal_t *)((char *)o->signals + (size_t)o->count * o->signal_size);
       memset(sig, 0, o->signal_size < sizeof *sig ? o->signal_size : sizeof *sig);
       sig->symbol_index = e->symbol_index;
       sig->direction = z->direction;
       sig->confidence = 0.5;
       o->count++;
    #ifdef ZOO_COUNT
       o->count = ZOO_COUNT;
    #endif
       return QUORUM_OK;
    }
    static int32_t zoo_save(const quorum_strategy_t *s, const quorum_ostream_t *out) {
       zoo_instance_t *z = (zoo_instance_t *)s->plugin_data;
    #ifdef ZOO_SAVE_HOOK
       ZOO_SAVE_HOOK
    #endif
       return out->write(out, &z->bars, sizeof z->bars);
    }
    static int32_t zoo_load(const quorum_strategy_t *s, const quorum_istream_t *in) {
       zoo_instance_t *z = (zoo_instance_t *)s->plugin_data;
       return in->read(in, &z->bars, sizeof z->bars) == (int64_t)sizeof z->bars ? QUORUM_OK : QUORUM_ERR_CORRUPT_STATE;
    }
    static void zoo_destroy(const quorum_strategy_t *s) { zoo_trace("destroy"); free(s->plugin_data); }
    static const void *zoo_instance_extension(const quorum_strategy_t *s, const char *id) {
       (void)s; (void)id; return NULL;
    }

    static uint32_t zoo_count(const quorum_strategy_factory_t *f) { (void)f; return 2; }
    static const quorum_strategy_descriptor_t *zoo_descriptor(const quorum_strategy_factory_t *f, uint32_t i) {
       (void)f;
    #ifdef ZOO_NULL_DESCRIPTOR
       (void)i; return NULL;
    #else
       return i < 2 ? &descriptors[i] : NULL;
    #endif
    }
    static int32_t zoo_create(const quorum_strategy_factory_t *f, const quorum_host_t *host, const char *id,
                              const quorum_param_value_t *params, uint32_t n, const quorum_strategy_t **out) {
       (void)f; (void)params; (void)n;
       *out = NULL;
       int which = strcmp(id, descriptors[0].id) == 0 ? 0 : strcmp(id, descriptors[1].id) == 0 ? 1 : -1;
       if (which < 0) return QUORUM_ERR_NOT_FOUND;
       zoo_instance_t *z = calloc(1, sizeof *z);
       if (!z) return QUORUM_ERR_NO_MEMORY;
    #ifdef ZOO_INSTANCE_SIZE
       z->table.struct_size = ZOO_INSTANCE_SIZE;
    #else
       z->table.struct_size = sizeof(quorum_strategy_t);
    #endif
    #ifdef ZOO_INSTANCE_MAJOR
       z->table.abi_major = ZOO_INSTANCE_MAJOR;
    #else
       z->table.abi_major = QUORUM_ABI_VERSION_MAJOR;
    #endif
       z->table.abi_minor = QUORUM_ABI_VERSION_MINOR;
       z->table.desc = &descriptors[which];
       z->table.plugin_data = z;
       z->host = host;
       z->table.activate = zoo_activate;
       z->table.deactivate = zoo_deactivate;
       z->table.on_bar = zoo_on_bar;
       z->table.save_state = zoo_save;
       z->table.load_state = zoo_load;
       z->table.destroy = zoo_destroy;
       z->table.get_extension = zoo_instance_extension;
       z->direction = which == 0 ? QUORUM_DIRECTION_LONG : QUORUM_DIRECTION_FLAT;
       *out = &z->table;
       return QUORUM_OK;
    }
    static const quorum_strategy_factory_t factory = {
       sizeof(quorum_strategy_factory_t), QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 0,
       zoo_count, zoo_descriptor, zoo_create};

    static int32_t zoo_init(const char *path) { (void)path; zoo_trace("init"); return ZOO_INIT_STATUS; }
    static void zoo_deinit(void) { zoo_trace("deinit"); }
    static const void *zoo_get_factory(const char *id) {
       return strcmp(id, QUORUM_STRATEGY_FACTORY_ID) == 0 ? &factory : NULL;
    }
    static const quorum_plugin_entry_t entry = {
       ZOO_ENTRY_SIZE, ZOO_ABI_MAJOR, QUORUM_ABI_VERSION_MINOR, 0, ZOO_BUILD_TAG, zoo_init, zoo_deinit,
       zoo_get_factory};

    QUORUM_EXPORT const quorum_plugin_entry_t *ZOO_ENTRY_NAME(const quorum_version_t *host_version) {
       (void)host_version;
       return &entry;
    }
    """#
}
