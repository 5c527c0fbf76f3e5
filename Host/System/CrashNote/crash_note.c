#define _GNU_SOURCE
#include "quorum_crash_note.h"

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

static _Thread_local const char *current_note;
static _Thread_local int has_alternate_stack;
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
enum { fatal_signal_count = sizeof fatal_signals / sizeof fatal_signals[0] };
static struct sigaction previous[fatal_signal_count];
static volatile sig_atomic_t installed;

/* The alternate stack a thread's handler runs on, so that a stack overflow can be reported too. */
enum { alternate_stack_size = 1024 * 1024 };   /* pages are committed only when touched */

const char *quorum_crash_note_swap(const char *note) {
    const char *before = current_note;
    current_note = note;
    if (!has_alternate_stack) {
        has_alternate_stack = 1;
        stack_t existing;
        if (sigaltstack(NULL, &existing) == 0 && (existing.ss_flags & SS_DISABLE)) {
            void *memory = mmap(NULL, alternate_stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                                -1, 0);
            if (memory != MAP_FAILED) {
                stack_t stack = {.ss_sp = memory, .ss_size = alternate_stack_size, .ss_flags = 0};
                if (sigaltstack(&stack, NULL) != 0) munmap(memory, alternate_stack_size);
            }
        }
    }
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

/* Writes the thread's note (unless another process sent the signal: no strategy caused that). A fault then goes
 * to the handler that was there before (Swift's backtracer: it is put back, and the fault happens again when
 * this returns); a signal that was sent, not caused (`raise`, `abort`, `kill`), ends the process at once with
 * its default action (the backtracer returns from those, and the run went on). */
static void on_fatal_signal(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    int sent = info == NULL || info->si_code <= 0;
    int from_outside = sent && info != NULL && info->si_pid != getpid();
    const char *note = current_note;
    if (note != NULL && !from_outside) write_all(note);
    struct sigaction next;
    next.sa_handler = SIG_DFL;
    sigemptyset(&next.sa_mask);
    next.sa_flags = 0;
    if (!sent) {
        for (int k = 0; k < fatal_signal_count; k++) {
            if (fatal_signals[k] == signal_number) next = previous[k];
        }
    }
    sigaction(signal_number, &next, NULL);
    if (sent) raise(signal_number);   /* delivered with the default action when this returns */
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
