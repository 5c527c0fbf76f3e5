/*
 * quorum_plugin.h — the Quorum strategy plugin ABI, version 1.0.
 *
 * This header is the whole contract between the Quorum host and a strategy plugin. A plugin author needs
 * nothing else (plus one example from Plugins/ in the Quorum repository).
 *
 * ---------------------------------------------------------------------------------------------------------
 * Overview
 * ---------------------------------------------------------------------------------------------------------
 * A plugin is a shared library (`.so`) that exports exactly one symbol, `quorum_plugin_entry`, a function that
 * receives the host's ABI version and returns a constant entry table. Everything else in the library should be
 * hidden: in C and C++ `-fvisibility=hidden` (QUORUM_EXPORT marks the entry); in Swift a linker version script,
 * the repository's PluginAPI/exports.map (the Makefile that `quorum new strategy NAME --lang swift` writes links
 * with `$(QUORUM_SDK)/PluginAPI/exports.map`); a Rust `cdylib` exports only its `#[no_mangle]` functions already.
 * From the entry table the host obtains a strategy factory, which lists the strategies the library provides (one
 * library may provide several) and creates instances of them.
 *
 * Life of a plugin, as the host drives it:
 *
 *   quorum_plugin_entry(&host_version)   -> entry table (or NULL: "I cannot work with this host")
 *   entry->init(plugin_path)             -> ref-counted; may be called again, each call paired with deinit()
 *   entry->get_factory(QUORUM_STRATEGY_FACTORY_ID)
 *   factory->count() / factory->descriptor(i)
 *   factory->create(factory, host, id, params, n) -> instance
 *     instance->activate(instance, &activation)
 *     instance->on_bar(instance, &event, &output)   ... once per bar of a subscribed symbol
 *     instance->save_state / load_state             (any time between activate and deactivate)
 *     instance->deactivate(instance)
 *   instance->destroy(instance)
 *   entry->deinit()                      once per successful init, when the host releases the library: after
 *                                        every instance created through that init was destroyed
 *
 * The host never unloads a plugin's code (it never calls dlclose), so static data of a plugin stays valid for
 * the life of the process.
 *
 * What a plugin implements, in any language (`quorum new strategy NAME --lang c` writes all of it in one C
 * file using nothing but this header; translate that file for another language):
 *   - `quorum_plugin_entry`: return a pointer to a static quorum_plugin_entry_t when host_version->major is
 *     QUORUM_ABI_VERSION_MAJOR, else NULL; nothing else.
 *   - init / deinit: count the calls (init +1 and QUORUM_OK, deinit -1; both on the host's main thread);
 *     set up and free library-wide resources at the first init and the last deinit, if there are any.
 *   - get_factory: for QUORUM_STRATEGY_FACTORY_ID (compare the strings), a pointer to a static
 *     quorum_strategy_factory_t; NULL for any other id. The host asks only after a successful init.
 *   - the factory: count(), descriptor(i) (static descriptors and parameter schemas), and create(), which
 *     allocates an instance whose quorum_strategy_t has every field set: struct_size, abi_major, abi_minor,
 *     reserved = 0, desc, plugin_data (yours: usually the instance's own state), and every function pointer
 *     (get_extension alone may be NULL). Keep the quorum_strategy_t at a fixed address until destroy().
 *   - the instance functions: activate, deactivate, on_bar, save_state, load_state, destroy.
 * In Rust: `crate-type = ["cdylib"]`, `panic = "abort"` in the release profile (a panic must never unwind
 * into the host), `#[no_mangle] pub extern "C" fn quorum_plugin_entry`, `#[repr(C)]` structs that mirror the
 * ones below field for field, and the build tag "rust".
 *
 * ---------------------------------------------------------------------------------------------------------
 * Rules that hold everywhere
 * ---------------------------------------------------------------------------------------------------------
 * Versions.  Every top-level struct starts with `struct_size` and the ABI version it was written for. Versions
 *   are negotiated both ways: the host passes its version to `quorum_plugin_entry`, and the plugin stamps its
 *   own version into every struct it returns. Same major = compatible. A reader never reads past the
 *   `struct_size` the writer declared: fields appended in a later minor version are absent for older peers.
 * Append-only.  Structs and function tables only ever grow at their end. New capabilities arrive as new
 *   interfaces looked up by a string id of the form "name/rev" (see get_factory and get_extension).
 * Strategies are advisory.  A signal may depend only on market data, the strategy's parameters and its own
 *   state — never on the portfolio, orders, other strategies or wall-clock time. Position management (stops,
 *   sizing, limits) belongs to the host. This is what lets the host run instances ahead of its judge in
 *   parallel during a backtest, and what makes a run reproducible.
 * Threads.  "main thread" below means the host's control thread (loading, configuration, lifecycle). The
 *   "engine thread" is any of the host's worker threads. Calls on one instance never overlap; different
 *   instances (even of the same strategy, from the same library) may run at the same time on different
 *   threads, so plugin-global mutable state must be protected by the plugin — better, avoid it.
 * Ownership.  Every pointer the host passes in is owned by the host and valid only for the duration of the
 *   call, unless the documentation of that parameter says otherwise. Every pointer the plugin returns is owned
 *   by the plugin and must stay valid for as long as the documentation says (usually: until the object it
 *   belongs to is destroyed, or forever for descriptors).
 * Errors.  Nothing unwinds across this boundary: no C++ exception, no Swift error, no Rust panic, no longjmp.
 *   Functions return QUORUM_OK (0) on success and a negative QUORUM_ERR_* code on failure. Human-readable
 *   detail goes through host->log() before returning the code.
 * Types.  Only fixed-width integer types, double and pointers appear in structs; enumerations are integer
 *   constants, never C `enum` types, and every struct is laid out without implicit padding.
 * Strings.  All strings are NUL-terminated UTF-8.
 * Time.  Timestamps are int64 nanoseconds since 1970-01-01T00:00:00 in the data's own clock (the bundled
 *   data carries no UTC offset; the host does not invent one).
 */
#ifndef QUORUM_PLUGIN_H
#define QUORUM_PLUGIN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================================================= */
/* Versions, export macro, status codes                                                                    */
/* ======================================================================================================= */

#define QUORUM_ABI_VERSION_MAJOR 1u
#define QUORUM_ABI_VERSION_MINOR 0u

/* Marks the one symbol a plugin exports. Build the rest of the library with hidden visibility. */
#if defined(_WIN32)
#define QUORUM_EXPORT __declspec(dllexport)
#else
#define QUORUM_EXPORT __attribute__((visibility("default")))
#endif

/* An ABI version. Compatible when `major` is equal; `minor` only adds (fields at the end, new interfaces). */
typedef struct quorum_version {
   uint32_t major;
   uint32_t minor;
} quorum_version_t;

/* Status codes. QUORUM_OK is success; every failure is negative. Unknown negative values are failures too. */
#define QUORUM_OK                    0
#define QUORUM_ERR_GENERIC          -1 /* any failure not covered below; details were logged */
#define QUORUM_ERR_INVALID_ARGUMENT -2 /* a pointer was NULL, an index out of range, a value invalid */
#define QUORUM_ERR_UNSUPPORTED      -3 /* the request is valid but this implementation does not offer it */
#define QUORUM_ERR_NO_MEMORY        -4 /* an allocation failed */
#define QUORUM_ERR_STATE            -5 /* the call is not allowed in the object's current lifecycle stage */
#define QUORUM_ERR_NOT_FOUND        -6 /* an id, symbol or key does not exist */
#define QUORUM_ERR_BUFFER_TOO_SMALL -7 /* the caller's buffer or struct is smaller than needed */
#define QUORUM_ERR_CORRUPT_STATE    -8 /* load_state: the bytes are not a state this strategy wrote */

/* Log levels for quorum_host_t.log. */
#define QUORUM_LOG_TRACE   0
#define QUORUM_LOG_DEBUG   1
#define QUORUM_LOG_INFO    2
#define QUORUM_LOG_WARNING 3
#define QUORUM_LOG_ERROR   4

/* ======================================================================================================= */
/* Market data views                                                                                      */
/* ======================================================================================================= */

/*
 * A read-only columnar view of one symbol's bar history, oldest first and newest last: element [count - 1]
 * is the current bar. Each column points at `count` contiguous elements.
 *
 * Ownership: host. Lifetime: the duration of the call that handed it out (on_bar, or get_bars within an
 * on_bar). Never write through these pointers and never keep them after the call returns.
 * `count` is at least 1 and at most the history the strategy declared it needs (descriptor.history_bars),
 * fewer at the start of the data.
 */
typedef struct quorum_series {
   uint32_t struct_size;    /* sizeof(quorum_series_t) as the host wrote it */
   uint32_t count;          /* number of bars in every column */
   const int64_t *time;     /* bar open time, ns since 1970-01-01, strictly increasing. In a run that mixes
                             * daily data (a file of dates) with intraday data, a daily bar is stamped when its
                             * day ends (its date's 23:59:59.999999999), so bars come in the order their data
                             * is known. */
   const double *open;
   const double *high;
   const double *low;
   const double *close;
   const double *volume;
} quorum_series_t;

/* ======================================================================================================= */
/* Signals: what a strategy says                                                                          */
/* ======================================================================================================= */

/* Directions of a signal. Stored in int32_t fields. */
#define QUORUM_DIRECTION_SHORT -1
#define QUORUM_DIRECTION_FLAT   0
#define QUORUM_DIRECTION_LONG   1

/* Bits of quorum_signal_t.flags saying which optional fields carry a value. */
#define QUORUM_SIGNAL_HAS_TARGET_WEIGHT (1u << 0)
#define QUORUM_SIGNAL_HAS_STOP_LOSS     (1u << 1)
#define QUORUM_SIGNAL_HAS_TAKE_PROFIT   (1u << 2)
#define QUORUM_SIGNAL_HAS_EXPIRY        (1u << 3)

/*
 * One signal: the strategy's stance on one symbol. A stance stands until the same instance emits a new one for
 * that symbol, or until `expiry_bars` further bars of that symbol have passed (when HAS_EXPIRY is set): bars
 * later than the bar the signal was made on (a signal for another symbol than the bar's is not counted down
 * by that symbol's own bar of the same time).
 *
 * The host validates every field; an invalid signal (direction out of range, confidence NaN or outside
 * [0, 1], a stop on the wrong side is allowed but a non-finite or non-positive price is not (prices are kept
 * in units of 1e-8: one that rounds to 0 there is non-positive), a symbol index
 * out of range, two signals for one symbol in one call) is discarded, journaled with its cause, and counts
 * as a fault of the instance.
 */
typedef struct quorum_signal {
   uint32_t symbol_index;   /* index into quorum_activation_t.symbols; which symbol this stance is about */
   int32_t direction;       /* QUORUM_DIRECTION_* */
   uint32_t flags;          /* QUORUM_SIGNAL_HAS_* bits for the optional fields below */
   uint32_t expiry_bars;    /* with HAS_EXPIRY: the stance lapses after this many further bars (>= 1) */
   double confidence;       /* in [0, 1] */
   double target_weight;    /* with HAS_TARGET_WEIGHT: suggested fraction of equity in [0, 1] */
   double stop_loss;        /* with HAS_STOP_LOSS: suggested stop price, > 0 */
   double take_profit;      /* with HAS_TAKE_PROFIT: suggested target price, > 0 */
   const char *reason;      /* optional short reason, or NULL. Plugin-owned: a static string or a buffer the
                               instance owns (never the stack of on_bar), valid and unchanged until the next
                               call into this instance (or its destroy). The host reads the output after
                               on_bar returns and copies at most QUORUM_REASON_MAX bytes of the reason before
                               it calls into the instance again; a longer reason is cut there, back to the
                               start of a UTF-8 character, without a fault. */
} quorum_signal_t;

#define QUORUM_REASON_MAX 128u

/*
 * Where on_bar writes its signals. Host-owned; valid for the duration of on_bar. The host reads it after
 * on_bar returns, before its next call into the instance; pointers the plugin stores in it (reason) must stay
 * valid until then.
 * `signals` has room for `capacity` entries (one per subscribed symbol); on entry `count` is 0 and every
 * entry is zeroed, so optional fields you do not set stay absent. To emit a signal, fill signals[count] and
 * increment count. At most one signal per symbol per call: a second valid one for the same symbol is a fault
 * and dropped (the first stands). The host reads only the first `count` entries and
 * ignores changes to `capacity`. A `count` above `capacity` on return is invalid output: the host takes no
 * signal of that call, journals the fault ("wrote N signals, capacity M") and counts it as a fault of the
 * instance, as for a failed call.
 * Emitting nothing means "no new stance": the previous stances stand.
 */
typedef struct quorum_signal_output {
   uint32_t struct_size;    /* sizeof(quorum_signal_output_t) as the host wrote it */
   uint32_t capacity;       /* entries available in `signals` */
   uint32_t count;          /* entries written by the plugin; starts at 0 */
   uint32_t signal_size;    /* sizeof(quorum_signal_t) as the host knows it; step through `signals` with it
                               if you were built against a newer minor version */
   quorum_signal_t *signals;
} quorum_signal_output_t;

/* ======================================================================================================= */
/* Parameters                                                                                             */
/* ======================================================================================================= */

/* Types of a parameter. Every value crosses the ABI as a double; INT and BOOL values are whole numbers, BOOL
 * ones 0 (false) or 1 (true): a BOOL's default_value, min_value and max_value must each be 0 or 1 (min = max
 * pins it), or the host refuses the library (invalid descriptor). */
#define QUORUM_PARAM_FLOAT 0u
#define QUORUM_PARAM_INT   1u
#define QUORUM_PARAM_BOOL  2u

/*
 * One entry of a strategy's parameter schema. Plugin-owned, static: valid for the life of the process.
 * `id` is a stable number that never changes meaning across versions of the strategy (saved states and
 * journals refer to it); `key` is the name users write in strategies.yaml ([a-z][a-z0-9_]*).
 * The host refuses a configuration whose value is outside [min_value, max_value] or of the wrong type
 * before it ever calls create().
 */
typedef struct quorum_param_info {
   uint32_t id;
   uint32_t type;           /* QUORUM_PARAM_* */
   const char *key;
   const char *description;
   double default_value;
   double min_value;
   double max_value;
} quorum_param_info_t;

/* A parameter value handed to create(): `id` from the schema, `value` already validated against it. */
typedef struct quorum_param_value {
   uint32_t id;
   uint32_t reserved;       /* 0 */
   double value;
} quorum_param_value_t;

/* ======================================================================================================= */
/* Strategy descriptor                                                                                    */
/* ======================================================================================================= */

/* The most history a descriptor may ask for (quorum_strategy_descriptor_t.history_bars): the host keeps that
 * many bars of every column per symbol, ~56 MB at this bound. */
#define QUORUM_HISTORY_BARS_MAX 1000000u

/* Bits of quorum_strategy_descriptor_t.features. */
#define QUORUM_FEATURE_MULTI_SYMBOL (1ull << 0) /* reads other symbols through host->get_bars */
#define QUORUM_FEATURE_STATEFUL     (1ull << 1) /* implements save_state/load_state meaningfully */

/*
 * Describes one strategy. Plugin-owned and static: valid and unchanged for the life of the process.
 * The host validates it when loading; an invalid descriptor refuses the whole library.
 */
typedef struct quorum_strategy_descriptor {
   uint32_t struct_size;        /* sizeof(quorum_strategy_descriptor_t) */
   uint32_t abi_major;          /* QUORUM_ABI_VERSION_MAJOR the plugin was built with */
   uint32_t abi_minor;          /* QUORUM_ABI_VERSION_MINOR the plugin was built with */
   uint32_t history_bars;       /* bars of history on_bar needs to see, in [1, QUORUM_HISTORY_BARS_MAX]; the
                                   host keeps this many per subscribed symbol. A larger value refuses the
                                   library (invalid descriptor). The descriptor is fixed before any parameter
                                   is known: declare what the largest allowed parameter values need (a window
                                   of `period` bars plus the bar before it: the schema's max period + 1). The
                                   history on_bar sees counts the current bar (quorum_series_t.count). */

   const char *id;              /* reverse-DNS, unique worldwide, e.g. "org.quorum.sma-cross";
                                   [a-z0-9] labels joined by '.', '-' allowed inside labels, >= 2 labels */
   const char *name;            /* human-readable, e.g. "SMA crossover" */
   const char *vendor;          /* e.g. "Quorum" */
   const char *version;         /* the strategy's own version, e.g. "1.0.0" */
   const char *description;     /* one paragraph: rules, intended markets */

   uint64_t features;           /* QUORUM_FEATURE_* bits */
   uint32_t min_symbols;        /* symbols an instance must subscribe to, at least (>= 1) */
   uint32_t max_symbols;        /* and at most (>= min_symbols) */

   uint32_t param_count;        /* entries in `params` */
   uint32_t reserved;           /* 0 */
   const quorum_param_info_t *params;
} quorum_strategy_descriptor_t;

/* ======================================================================================================= */
/* Host services                                                                                          */
/* ======================================================================================================= */

/*
 * The host's services, handed to each strategy instance at create(). Host-owned; the pointer stays valid
 * until the instance's destroy() returns. `host_data` identifies the instance to the host: pass the
 * quorum_host_t pointer back unchanged to every call. A plugin never links against host symbols: this table
 * is the only way in.
 */
typedef struct quorum_host {
   uint32_t struct_size;        /* sizeof(quorum_host_t) as the host wrote it */
   uint32_t abi_major;          /* the host's ABI version */
   uint32_t abi_minor;
   uint32_t reserved;           /* 0 */

   void *host_data;             /* opaque, reserved to the host */
   const char *name;            /* "quorum" */
   const char *version;         /* host version, e.g. "0.1.0" */

   /* Writes one message to the host's log, attributed to the instance. Copies the message.
    * [thread-safe; any thread, including inside on_bar] Never fails; too-long messages are truncated. An
    * instance writes at most 100 messages a run (of the levels the host's log shows): later ones are dropped,
    * with one line saying so. */
   void (*log)(const struct quorum_host *host, int32_t level, const char *message);

   /* The time of the event being processed, in ns since 1970-01-01 (simulated time in a backtest).
    * [thread-safe] Before the first event, returns the earliest time of the data or 0. */
   int64_t (*clock_now)(const struct quorum_host *host);

   /* Reads the instance's configured value of parameter `param_id` into *out_value.
    * [thread-safe] Returns QUORUM_ERR_NOT_FOUND for an id not in the descriptor's schema,
    * QUORUM_ERR_INVALID_ARGUMENT for a NULL pointer. */
   int32_t (*get_param)(const struct quorum_host *host, uint32_t param_id, double *out_value);

   /* Fills *out_series with the history of subscribed symbol `symbol_index` (an index into
    * quorum_activation_t.symbols), as of the event being processed: bars after it are never visible.
    * `out_series->struct_size` must be set by the caller. The view is valid until the current on_bar
    * returns. [engine thread, only from inside on_bar of this instance]
    * Returns QUORUM_OK, or the first of these that applies, checked in this order:
    * QUORUM_ERR_INVALID_ARGUMENT for a NULL `host` or `out_series`; QUORUM_ERR_BUFFER_TOO_SMALL when
    * `out_series->struct_size` is smaller than the host's quorum_series_t; QUORUM_ERR_STATE outside on_bar;
    * QUORUM_ERR_INVALID_ARGUMENT for an index out of range; QUORUM_ERR_NOT_FOUND when that symbol has no bar
    * yet. On success the host writes its own struct_size into *out_series; on failure *out_series is
    * unchanged. */
   int32_t (*get_bars)(const struct quorum_host *host, uint32_t symbol_index, quorum_series_t *out_series);

   /* Looks up a host extension by id ("name/rev"); NULL when the host has none. [thread-safe] */
   const void *(*get_extension)(const struct quorum_host *host, const char *extension_id);
} quorum_host_t;

/* ======================================================================================================= */
/* State streams (save/restore through the host)                                                          */
/* ======================================================================================================= */

/* The most bytes one saved state may hold (64 MiB). */
#define QUORUM_STATE_MAX_BYTES 67108864u

/* A host-owned sink for save_state. Valid during save_state only. */
typedef struct quorum_ostream {
   void *ctx;               /* reserved to the host */
   /* Appends `size` bytes from `data` (plugin-owned, read during the call only). Returns QUORUM_OK, or a
    * negative code (then stop and return it): QUORUM_ERR_NO_MEMORY when the state would grow beyond
    * QUORUM_STATE_MAX_BYTES (any `size`, up to UINT64_MAX, is answered, nothing of it is kept),
    * QUORUM_ERR_INVALID_ARGUMENT for a NULL `data` with a non-zero `size`. [same thread] */
   int32_t (*write)(const struct quorum_ostream *stream, const void *data, uint64_t size);
} quorum_ostream_t;

/* A host-owned source for load_state. Valid during load_state only. */
typedef struct quorum_istream {
   void *ctx;               /* reserved to the host */
   /* Reads up to `size` bytes (any value, up to UINT64_MAX) into `buffer`; returns the number read, 0 at the
    * end (or for a `size` of 0), QUORUM_ERR_INVALID_ARGUMENT for a NULL `buffer` when bytes remain.
    * [same thread] */
   int64_t (*read)(const struct quorum_istream *stream, void *buffer, uint64_t size);
} quorum_istream_t;

/* ======================================================================================================= */
/* Strategy instance                                                                                      */
/* ======================================================================================================= */

/*
 * What the host tells an instance when it activates it. Host-owned; valid until deactivate() returns, so
 * the plugin may keep the pointers (not the struct itself) while active.
 */
typedef struct quorum_activation {
   uint32_t struct_size;    /* sizeof(quorum_activation_t) as the host wrote it */
   uint32_t symbol_count;   /* within [descriptor.min_symbols, descriptor.max_symbols] */
   const char *const *symbols; /* the subscribed symbols, in the order the configuration lists them */
   uint32_t history_bars;   /* the most history the host will show on any symbol, on_bar and get_bars alike
                               (>= descriptor.history_bars; this host: equal) */
   uint32_t reserved;       /* 0 */
} quorum_activation_t;

/* One market event delivered to on_bar: a new bar of one subscribed symbol. Host-owned, valid during the call. */
typedef struct quorum_bar_event {
   uint32_t struct_size;    /* sizeof(quorum_bar_event_t) as the host wrote it */
   uint32_t symbol_index;   /* which subscribed symbol this bar belongs to */
   const char *symbol;      /* its name (same pointer as activation.symbols[symbol_index]) */
   quorum_series_t bars;    /* that symbol's history, newest last: bars.close[bars.count - 1] is this bar */
} quorum_bar_event_t;

/*
 * A strategy instance, created by the factory. Plugin-owned; valid until destroy() returns.
 * Calls on one instance never overlap. Unless a function says otherwise it is called on the main thread.
 * An instance whose `struct_size` is smaller than this struct, or whose `abi_major` differs from the host's,
 * fails creation: the host reads nothing else of it and, unable to find its destroy() safely, leaks it (no
 * function of it is ever called). An instance with a NULL function (other than get_extension) fails creation
 * too; it is destroyed when its destroy is not NULL.
 */
typedef struct quorum_strategy {
   uint32_t struct_size;    /* sizeof(quorum_strategy_t) as the plugin wrote it */
   uint32_t abi_major;      /* the ABI version the plugin was built with */
   uint32_t abi_minor;
   uint32_t reserved;       /* 0 */

   const quorum_strategy_descriptor_t *desc; /* the descriptor this instance was created from */
   void *plugin_data;       /* reserved to the plugin */

   /* Prepares for a run on the given symbols. Allocate here, never in on_bar.
    * [main thread] Returns QUORUM_OK, or a negative code after logging why (the instance is then destroyed
    * without deactivate). Called once per activation; activate/deactivate may cycle. */
   int32_t (*activate)(const struct quorum_strategy *strategy, const quorum_activation_t *activation);

   /* Ends a run. [main thread] Cannot fail. */
   void (*deactivate)(const struct quorum_strategy *strategy);

   /* Handles one new bar of one subscribed symbol, in time order per symbol, and writes zero or more
    * signals into `output` (at most one per symbol). Must not block, sleep, do I/O or allocate: it is the hot
    * path, timed against `judge.deadline_ms` (a backtest reports a slow strategy and still counts its signals;
    * the daemon, not built yet, will run it under that deadline).
    * [engine thread; never concurrently with another call on this instance; only while active]
    * Returns QUORUM_OK (signals in output->count), or a negative code: the call then counts as a failed
    * signal, output is ignored, and repeated failures quarantine the instance (`judge.quarantine_after` calls in
    * a row, default 5, that fail or write invalid output; a call with a valid signal and no invalid one ends the
    * row, one that writes nothing and returns QUORUM_OK neither ends nor extends it). Invalid output (see quorum_signal_t and quorum_signal_output_t) is a fault of the instance too.
    * The call runs inside the host process: a crash here (a bad pointer, a trap, abort) ends the run; the
    * host writes a line naming the strategy and its file to stderr first. */
   int32_t (*on_bar)(const struct quorum_strategy *strategy, const quorum_bar_event_t *event,
                     quorum_signal_output_t *output);

   /* Serialises the instance's state (indicator windows, counters) into `stream`, so that load_state on a new
    * instance — possibly from a newer build of the library, after a hot replacement or a restart —
    * continues exactly where this one stopped. Put a format version in the first bytes.
    * [main thread, between bars, while active] Returns QUORUM_OK or a negative code. */
   int32_t (*save_state)(const struct quorum_strategy *strategy, const quorum_ostream_t *stream);

   /* Restores what save_state wrote. [main thread, after activate, before the first on_bar]
    * Returns QUORUM_OK, QUORUM_ERR_CORRUPT_STATE for bytes it does not recognise (the instance must then be
    * left as freshly activated), or another negative code. */
   int32_t (*load_state)(const struct quorum_strategy *strategy, const quorum_istream_t *stream);

   /* Frees the instance. [main thread] Called after deactivate (or instead of it when never activated).
    * `strategy` is invalid afterwards. */
   void (*destroy)(const struct quorum_strategy *strategy);

   /* Looks up an instance extension by id ("name/rev"); NULL when unsupported. [any thread]
    * The returned table is plugin-owned and valid until destroy(). */
   const void *(*get_extension)(const struct quorum_strategy *strategy, const char *extension_id);
} quorum_strategy_t;

/* ======================================================================================================= */
/* Factory                                                                                                */
/* ======================================================================================================= */

#define QUORUM_STRATEGY_FACTORY_ID "quorum.strategy-factory/1"

/*
 * Lists and creates the strategies a library provides. Plugin-owned and static: valid for the life of the
 * process. Every function is thread-safe.
 */
typedef struct quorum_strategy_factory {
   uint32_t struct_size;    /* sizeof(quorum_strategy_factory_t) as the plugin wrote it */
   uint32_t abi_major;
   uint32_t abi_minor;
   uint32_t reserved;       /* 0 */

   /* Number of strategies in this library. */
   uint32_t (*count)(const struct quorum_strategy_factory *factory);

   /* Descriptor of strategy `index` in [0, count). Returns NULL for an index out of range.
    * The pointer is plugin-owned, static, valid for the life of the process. */
   const quorum_strategy_descriptor_t *(*descriptor)(const struct quorum_strategy_factory *factory,
                                                      uint32_t index);

   /* Creates an instance of strategy `strategy_id` with the given parameters (every parameter of the
    * schema, in schema order, each already validated against its type and range by the host).
    * `host` is host-owned and valid until the instance's destroy() returns; `params` only during the call.
    * On success writes the instance to *out_strategy and returns QUORUM_OK. On failure returns a negative
    * code (QUORUM_ERR_NOT_FOUND for an unknown id) after logging why through host->log, and leaves
    * *out_strategy NULL. [main thread] */
   int32_t (*create)(const struct quorum_strategy_factory *factory, const quorum_host_t *host,
                     const char *strategy_id, const quorum_param_value_t *params, uint32_t param_count,
                     const quorum_strategy_t **out_strategy);
} quorum_strategy_factory_t;

/* ======================================================================================================= */
/* Entry                                                                                                  */
/* ======================================================================================================= */

/* Build tags of libraries that are not Swift; Swift libraries use "swift-<compiler version>". A library in
 * another language uses the language's lowercase name ("rust", "zig", "go"): the host shows it as the
 * library's language and checks only Swift tags. */
#define QUORUM_BUILD_TAG_C    "c"
#define QUORUM_BUILD_TAG_CXX  "c++"
#define QUORUM_BUILD_TAG_RUST "rust"

/*
 * The library's entry table. Plugin-owned, static: valid for the life of the process.
 */
typedef struct quorum_plugin_entry {
   uint32_t struct_size;    /* sizeof(quorum_plugin_entry_t) as the plugin wrote it */
   uint32_t abi_major;      /* QUORUM_ABI_VERSION_MAJOR the plugin was built with */
   uint32_t abi_minor;      /* QUORUM_ABI_VERSION_MINOR the plugin was built with */
   uint32_t reserved;       /* 0 */

   /* Identifies the toolchain: QUORUM_BUILD_TAG_C, QUORUM_BUILD_TAG_CXX, QUORUM_BUILD_TAG_RUST, another
    * language's lowercase name, or for Swift "swift-X.Y.Z" as the compiler that built the library. A Swift library must come from the host's own Swift toolchain, because
    * both share one Swift runtime in the process; the host refuses a mismatch. Static string. */
   const char *build_tag;

   /* Initialises the library. Ref-counted and idempotent: the host may call it more than once; each
    * successful call is paired with one deinit(). `plugin_path` is the path the host loaded the library
    * from (host-owned, valid during the call). Keep it fast: no market data access, no network.
    * [main thread] Returns QUORUM_OK, or a negative code (the host then refuses the library). */
   int32_t (*init)(const char *plugin_path);

   /* Undoes one init(). The host calls it once for each successful init(): for a library it keeps, when it
    * releases the library, after every instance created from it was destroyed; for a library it refuses after
    * init (a bad factory or descriptor, a duplicate strategy id), at once. A process that ends abruptly (a
    * crash, a signal) may not call it. After the last one no other call is made except init(). [main thread] */
   void (*deinit)(void);

   /* Returns the interface table with id `factory_id` (e.g. QUORUM_STRATEGY_FACTORY_ID), or NULL for an id
    * the library does not implement. Plugin-owned, static. [thread-safe; the host calls it only between a
    * successful init and its deinit] */
   const void *(*get_factory)(const char *factory_id);
} quorum_plugin_entry_t;

/*
 * The one exported symbol. Called by the host first, before init().
 * `host_version`: the host's ABI version (host-owned, valid during the call).
 * Returns the entry table, or NULL when the library cannot work with that host version (for example a
 * different major version). Must have no side effects. [main thread]
 */
#define QUORUM_PLUGIN_ENTRY_SYMBOL "quorum_plugin_entry"
typedef const quorum_plugin_entry_t *(*quorum_plugin_entry_fn)(const quorum_version_t *host_version);

QUORUM_EXPORT const quorum_plugin_entry_t *quorum_plugin_entry(const quorum_version_t *host_version);

#ifdef __cplusplus
}
#endif

#endif /* QUORUM_PLUGIN_H */
