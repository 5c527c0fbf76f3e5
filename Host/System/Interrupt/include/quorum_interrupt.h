/* Quorum host: stopping long work cleanly on SIGINT (Ctrl-C) or SIGTERM (`kill`, a service manager's stop).
 *
 * Without it those signals end the process at once: a backtest's journal keeps its run `running`, as after a
 * crash, and loses the records not yet committed. With it the first such signal is only recorded; the work
 * polls for it, stops at its next safe point, says so, and then ends the process by the same signal (so a
 * shell or a service manager sees an interrupted command). The handler puts both signals back to their default
 * action as it runs, so a second one, of either kind, ends the process at once even when the work does not stop.
 */
#ifndef QUORUM_INTERRUPT_H
#define QUORUM_INTERRUPT_H

#ifdef __cplusplus
extern "C" {
#endif

/* Installs the handlers for SIGINT and SIGTERM, but for a signal the process was started with ignored (a
 * command run in the background by a script), which stays ignored. Thread: the main thread, before the work
 * it may interrupt; once. For the process's owner (the command-line tool), not for a library. */
void quorum_interrupt_install(void);

/* The first SIGINT or SIGTERM received since the handlers were installed, or 0. Thread: any; async-signal-safe
 * (one atomic load). */
int quorum_interrupt_pending(void);

/* Ends the process by `signal_number` with its default action, as if the handler had never been installed.
 * Thread: any. Does not return (it falls back to _exit(128 + signal_number) if the signal is blocked or
 * ignored). */
void quorum_interrupt_end_by(int signal_number) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif
