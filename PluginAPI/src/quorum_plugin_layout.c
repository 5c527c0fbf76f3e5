/*
 * Compile-time checks of the ABI layout for LP64 targets (x86_64, aarch64): a change that moves a field breaks
 * the build here before it breaks a plugin in the field. Defines no symbols.
 */
#include "quorum_plugin.h"
#include <stddef.h>

#if UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu
_Static_assert(sizeof(quorum_version_t) == 8, "quorum_version_t layout");
_Static_assert(sizeof(quorum_series_t) == 56, "quorum_series_t layout");
_Static_assert(offsetof(quorum_series_t, time) == 8, "quorum_series_t.time offset");
_Static_assert(sizeof(quorum_signal_t) == 56, "quorum_signal_t layout");
_Static_assert(offsetof(quorum_signal_t, confidence) == 16, "quorum_signal_t.confidence offset");
_Static_assert(offsetof(quorum_signal_t, reason) == 48, "quorum_signal_t.reason offset");
_Static_assert(sizeof(quorum_signal_output_t) == 24, "quorum_signal_output_t layout");
_Static_assert(sizeof(quorum_param_info_t) == 48, "quorum_param_info_t layout");
_Static_assert(sizeof(quorum_param_value_t) == 16, "quorum_param_value_t layout");
_Static_assert(sizeof(quorum_strategy_descriptor_t) == 88, "quorum_strategy_descriptor_t layout");
_Static_assert(offsetof(quorum_strategy_descriptor_t, params) == 80, "descriptor.params offset");
_Static_assert(sizeof(quorum_host_t) == 80, "quorum_host_t layout");
_Static_assert(sizeof(quorum_activation_t) == 24, "quorum_activation_t layout");
_Static_assert(sizeof(quorum_bar_event_t) == 72, "quorum_bar_event_t layout");
_Static_assert(sizeof(quorum_strategy_t) == 88, "quorum_strategy_t layout");
_Static_assert(sizeof(quorum_strategy_factory_t) == 40, "quorum_strategy_factory_t layout");
_Static_assert(sizeof(quorum_plugin_entry_t) == 48, "quorum_plugin_entry_t layout");
#endif
