/* Quorum host: naming the strategy a thread was running when the process dies of a fatal signal.
 *
 * Plugins run inside the quorum process: a plugin that dereferences a bad pointer, traps or aborts ends the
 * process. What the host can do is say which strategy it was — the backtrace names only the private copy of
 * the library (a file named by its hash). A thread sets its note (a line of text) around the plugin calls it
 * makes; the handler writes the note of the thread that received the signal to stderr (not for a signal another
 * process sent). A fault then goes to the handler that was there before (the Swift runtime's backtracer); a
 * signal that was sent, not caused (raise, abort, kill), ends the process at once with its default action.
 */
#ifndef QUORUM_CRASH_NOTE_H
#define QUORUM_CRASH_NOTE_H

#ifdef __cplusplus
extern "C" {
#endif

/* Installs the handler for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT, keeping the handlers installed before
 * (run by it). Thread: any, once, before plugin code runs; a second call does nothing. For the process's owner
 * (the command-line tool), not for a library. */
void quorum_crash_note_install(void);

/* Sets the calling thread's note and returns the note it replaces (NULL for none). `note` is a NUL-terminated
 * line, or NULL; it is not copied: it must stay valid until it is replaced. Thread: the calling thread's own
 * note; async-signal-safe to read. A thread's first call gives it an alternate signal stack (1 MB) when it has
 * none, so that a stack overflow is reported too. */
const char *quorum_crash_note_swap(const char *note);

#ifdef __cplusplus
}
#endif

#endif
