/*
 * quorum_plugin_support.h — header-only helpers shared by the C/C++ reference strategies: the boilerplate of
 * a one-strategy library (entry table, ref-counted init, factory), parameter lookup, logging, signal output
 * and state streams. Everything here is `static`, so each plugin gets its own hidden copy; only
 * `quorum_plugin_entry` is exported. Compiles as C11 and as C++17.
 */
#ifndef QUORUM_PLUGIN_SUPPORT_H
#define QUORUM_PLUGIN_SUPPORT_H

#include "quorum_plugin.h"
#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
#define QPS_NOEXCEPT noexcept
#else
#define QPS_NOEXCEPT
#endif

/* True when the host table is large enough to hold `field` (it may come from an older minor version). */
#define QPS_HOST_HAS(host, field) \
   ((host)->struct_size >= offsetof(quorum_host_t, field) + sizeof((host)->field) && (host)->field != NULL)

/* Logs a printf-style message through the host (truncated to 255 bytes). Never call it in on_bar. */
static inline void qps_logf(const quorum_host_t *host, int32_t level, const char *format, ...) QPS_NOEXCEPT {
   char message[256];
   va_list args;
   if (!host || !QPS_HOST_HAS(host, log)) return;
   va_start(args, format);
   vsnprintf(message, sizeof message, format, args);
   va_end(args);
   host->log(host, level, message);
}

/* The value of parameter `id` among the values handed to create(), or `fallback` when absent. */
static inline double qps_param(const quorum_param_value_t *params, uint32_t count, uint32_t id,
                               double fallback) QPS_NOEXCEPT {
   for (uint32_t i = 0; params && i < count; i++)
      if (params[i].id == id && isfinite(params[i].value)) return params[i].value;
   return fallback;
}

/* Clips x to [0, 1] (NaN becomes 0). */
static inline double qps_unit(double x) QPS_NOEXCEPT { return x > 1.0 ? 1.0 : (x >= 0.0 ? x : 0.0); }

/* Appends one signal to `output`. `reason` must be a static string. Returns QUORUM_OK, or
 * QUORUM_ERR_BUFFER_TOO_SMALL when the host gave no room (which a correct host never does). */
static inline int32_t qps_emit(quorum_signal_output_t *output, uint32_t symbol_index, int32_t direction,
                               double confidence, const char *reason) QPS_NOEXCEPT {
   quorum_signal_t signal;
   size_t stride = output->signal_size, copy;
   if (output->count >= output->capacity || stride < offsetof(quorum_signal_t, target_weight))
      return QUORUM_ERR_BUFFER_TOO_SMALL;
   memset(&signal, 0, sizeof signal);
   signal.symbol_index = symbol_index;
   signal.direction = direction;
   signal.confidence = qps_unit(confidence);
   signal.reason = reason;
   copy = stride < sizeof signal ? stride : sizeof signal;
   memcpy((char *)output->signals + (size_t)output->count * stride, &signal, copy);
   output->count++;
   return QUORUM_OK;
}

/* Writes `size` bytes to a state stream; returns the stream's status. */
static inline int32_t qps_write(const quorum_ostream_t *stream, const void *data, uint64_t size) QPS_NOEXCEPT {
   return stream->write(stream, data, size);
}

/* Reads the whole stream into buffer (room for `capacity` bytes). Returns the byte count, or -1 when the stream
 * fails or holds more than `capacity` bytes. */
static inline int64_t qps_read_all(const quorum_istream_t *stream, void *buffer, uint64_t capacity) QPS_NOEXCEPT {
   uint64_t total = 0;
   for (;;) {
      char probe;
      int64_t n = total < capacity ? stream->read(stream, (char *)buffer + total, capacity - total)
                                   : stream->read(stream, &probe, 1);
      if (n < 0) return -1;
      if (n == 0) return (int64_t)total;
      if (total >= capacity) return -1;
      total += (uint64_t)n;
   }
}

/* No instance extensions. */
static inline const void *qps_no_extension(const quorum_strategy_t *strategy, const char *extension_id) QPS_NOEXCEPT {
   (void)strategy;
   (void)extension_id;
   return NULL;
}

/* Frees an instance allocated as one malloc'ed block that holds its own table (plugin_data == the block). */
static inline void qps_free_instance(const quorum_strategy_t *strategy) QPS_NOEXCEPT { free(strategy->plugin_data); }

/* Fills the function table of a new instance: header, descriptor, plugin_data, and the defaults
 * `destroy` = qps_free_instance and `get_extension` = qps_no_extension (override either after the call). */
static inline void qps_strategy_table(quorum_strategy_t *api, const quorum_strategy_descriptor_t *desc,
                                      void *plugin_data) QPS_NOEXCEPT {
   memset(api, 0, sizeof *api);
   api->struct_size = sizeof *api;
   api->abi_major = QUORUM_ABI_VERSION_MAJOR;
   api->abi_minor = QUORUM_ABI_VERSION_MINOR;
   api->desc = desc;
   api->plugin_data = plugin_data;
   api->destroy = qps_free_instance;
   api->get_extension = qps_no_extension;
}

/* Signature of a plugin's own create function, called once the id matched. */
typedef int32_t (*qps_create_fn)(const quorum_host_t *host, const quorum_param_value_t *params, uint32_t count,
                                 const quorum_strategy_t **out_strategy);

/*
 * Defines the factory, the ref-counted init/deinit, the entry table and the exported `quorum_plugin_entry` of a
 * library that provides one strategy described by `DESC` (a static quorum_strategy_descriptor_t) and created by
 * `CREATE` (a qps_create_fn). Use once, at file scope.
 */
#define QPS_DEFINE_SINGLE_STRATEGY_PLUGIN(DESC, CREATE, BUILD_TAG)                                              \
   static int32_t qps_refcount = 0;                                                                             \
   static uint32_t qps_count(const quorum_strategy_factory_t *factory) QPS_NOEXCEPT {                           \
      (void)factory;                                                                                            \
      return 1;                                                                                                 \
   }                                                                                                            \
   static const quorum_strategy_descriptor_t *qps_descriptor(const quorum_strategy_factory_t *factory,           \
                                                             uint32_t index) QPS_NOEXCEPT {                     \
      (void)factory;                                                                                            \
      return index == 0 ? &(DESC) : NULL;                                                                       \
   }                                                                                                            \
   static int32_t qps_create(const quorum_strategy_factory_t *factory, const quorum_host_t *host,               \
                             const char *strategy_id, const quorum_param_value_t *params, uint32_t count,       \
                             const quorum_strategy_t **out_strategy) QPS_NOEXCEPT {                             \
      (void)factory;                                                                                            \
      if (!out_strategy) return QUORUM_ERR_INVALID_ARGUMENT;                                                    \
      *out_strategy = NULL;                                                                                     \
      if (!host || !strategy_id) return QUORUM_ERR_INVALID_ARGUMENT;                                            \
      if (strcmp(strategy_id, (DESC).id) != 0) {                                                                \
         qps_logf(host, QUORUM_LOG_ERROR, "unknown strategy id '%s' (this library provides %s)", strategy_id,  \
                  (DESC).id);                                                                                   \
         return QUORUM_ERR_NOT_FOUND;                                                                           \
      }                                                                                                         \
      return CREATE(host, params, count, out_strategy);                                                         \
   }                                                                                                            \
   static const quorum_strategy_factory_t qps_factory = {sizeof(quorum_strategy_factory_t),                    \
                                                         QUORUM_ABI_VERSION_MAJOR, QUORUM_ABI_VERSION_MINOR, 0, \
                                                         qps_count, qps_descriptor, qps_create};                \
   static int32_t qps_init(const char *plugin_path) QPS_NOEXCEPT {                                              \
      (void)plugin_path;                                                                                        \
      __atomic_add_fetch(&qps_refcount, 1, __ATOMIC_ACQ_REL);                                                   \
      return QUORUM_OK;                                                                                         \
   }                                                                                                            \
   static void qps_deinit(void) QPS_NOEXCEPT {                                                                  \
      int32_t seen = __atomic_load_n(&qps_refcount, __ATOMIC_ACQUIRE);                                          \
      while (seen > 0 && !__atomic_compare_exchange_n(&qps_refcount, &seen, seen - 1, 0, __ATOMIC_ACQ_REL,      \
                                                      __ATOMIC_ACQUIRE)) {                                      \
      }                                                                                                         \
   }                                                                                                            \
   static const void *qps_get_factory(const char *factory_id) QPS_NOEXCEPT {                                    \
      if (!factory_id || __atomic_load_n(&qps_refcount, __ATOMIC_ACQUIRE) <= 0) return NULL;                    \
      return strcmp(factory_id, QUORUM_STRATEGY_FACTORY_ID) == 0 ? (const void *)&qps_factory : NULL;           \
   }                                                                                                            \
   static const quorum_plugin_entry_t qps_entry = {sizeof(quorum_plugin_entry_t), QUORUM_ABI_VERSION_MAJOR,    \
                                                   QUORUM_ABI_VERSION_MINOR, 0, BUILD_TAG, qps_init,           \
                                                   qps_deinit, qps_get_factory};                               \
   /* Not marked noexcept: it must match the header's declaration. It cannot throw. */                        \
   QUORUM_EXPORT const quorum_plugin_entry_t *quorum_plugin_entry(const quorum_version_t *host_version) {      \
      return host_version && host_version->major == QUORUM_ABI_VERSION_MAJOR ? &qps_entry : NULL;               \
   }

#endif
