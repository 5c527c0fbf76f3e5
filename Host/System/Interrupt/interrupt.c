/* See quorum_interrupt.h. The signal received is the one piece of process-wide state a handler can write. */
#define _POSIX_C_SOURCE 200809L
#include "quorum_interrupt.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static atomic_int pending_signal;

static const int interrupting_signals[] = {SIGINT, SIGTERM};
enum { interrupting_signal_count = sizeof interrupting_signals / sizeof interrupting_signals[0] };
/* Whether the handler was installed for each (not for one the process was started with ignored); written
 * before the handler can run. */
static int handled[interrupting_signal_count];

/* Puts `signal_number`'s default action back (sigaction is async-signal-safe). */
static void restore_default(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal_number, &action, NULL);
}

static void on_interrupt(int signal_number) {
    int none = 0;
    atomic_compare_exchange_strong(&pending_signal, &none, signal_number);
    /* The next SIGINT or SIGTERM, of either kind, ends the process at once (one started ignored stays so). */
    for (int k = 0; k < interrupting_signal_count; k++) {
        if (handled[k]) restore_default(interrupting_signals[k]);
    }
}

void quorum_interrupt_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    for (int k = 0; k < interrupting_signal_count; k++) sigaddset(&action.sa_mask, interrupting_signals[k]);
    /* SA_RESTART: reads and writes in progress (the journal's, the CSV reader's) go on rather than fail with
     * EINTR. */
    action.sa_flags = SA_RESTART;
    for (int k = 0; k < interrupting_signal_count; k++) {
        struct sigaction current;
        /* A signal the process was started with ignored stays ignored (`command &` in a script: Ctrl-C on the
         * script's terminal is not for it). */
        if (sigaction(interrupting_signals[k], NULL, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        handled[k] = 1;
        sigaction(interrupting_signals[k], &action, NULL);
    }
}

int quorum_interrupt_pending(void) { return atomic_load(&pending_signal); }

void quorum_interrupt_end_by(int signal_number) {
    restore_default(signal_number);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal_number);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(signal_number);
    _exit(128 + signal_number);
}
