/* See quorum_interrupt.h. The signal received is the one piece of process-wide state a handler can write. */
#define _POSIX_C_SOURCE 200809L
#include "quorum_interrupt.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static atomic_int pending_signal;

static void on_interrupt(int signal_number) {
    int none = 0;
    atomic_compare_exchange_strong(&pending_signal, &none, signal_number);
}

void quorum_interrupt_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    /* SA_RESETHAND: the default action is back for the next one. SA_RESTART: reads and writes in progress
     * (the journal's, the CSV reader's) go on rather than fail with EINTR. */
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

int quorum_interrupt_pending(void) { return atomic_load(&pending_signal); }

void quorum_interrupt_end_by(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal_number, &action, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal_number);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(signal_number);
    _exit(128 + signal_number);
}
