#define _GNU_SOURCE
#include "quorum_crash_note.h"

#include <signal.h>
#include <stddef.h>
#include <unistd.h>

static _Thread_local const char *current_note;
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
enum { fatal_signal_count = sizeof fatal_signals / sizeof fatal_signals[0] };
static struct sigaction previous[fatal_signal_count];
static volatile sig_atomic_t installed;

const char *quorum_crash_note_swap(const char *note) {
    const char *before = current_note;
    current_note = note;
    return before;
}

static void write_all(const char *text) {
    size_t length = 0;
    while (text[length] != '\0') length++;
    while (length > 0) {
        ssize_t written = write(STDERR_FILENO, text, length);
        if (written <= 0) return;
        text += written;
        length -= (size_t)written;
    }
}

/* Writes the note, puts the previous handler back and lets it act: a fault happens again when the handler
 * returns (the faulting instruction runs again); a signal that was sent, not caused, is raised again. */
static void on_fatal_signal(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    const char *note = current_note;
    if (note != NULL) write_all(note);
    for (int k = 0; k < fatal_signal_count; k++) {
        if (fatal_signals[k] == signal_number) sigaction(signal_number, &previous[k], NULL);
    }
    if (info == NULL || info->si_code <= 0 || signal_number == SIGABRT) raise(signal_number);
}

void quorum_crash_note_install(void) {
    if (installed) return;
    installed = 1;
    struct sigaction action;
    action.sa_sigaction = on_fatal_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    for (int k = 0; k < fatal_signal_count; k++) sigaction(fatal_signals[k], &action, &previous[k]);
}
