/* QMP client: one connection to a QEMU's monitor socket.
 *
 * Threads: a reader thread per monitor parses what QEMU sends. Replies are
 * handed to the command waiting for them (matched by "id"); events and EOF
 * go to the callbacks, on that reader thread. Commands may be sent from any
 * other thread; they are serialized per monitor. */
#pragma once

#include "internal.h"
#include <json-c/json.h>

/* g_autoptr(json_object) for every user of QMP replies. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(json_object, json_object_put);

typedef struct _qemuMonitor qemuMonitor;

/* Both callbacks run on the monitor's reader thread. While one runs, no
 * reply can be read, so a callback must never send a command on this monitor
 * (qemuMonitorCommand refuses, reporting an error) nor wait for another
 * thread that does: queue the work instead. */
typedef struct {
    /* QEMU closed the monitor (it exited or crashed). Called at most once,
     * and not at all once qemuMonitorClose has started. */
    void (*eof)(qemuMonitor *mon, void *opaque);
    /* An asynchronous QMP event ("SHUTDOWN", "STOP", "RESUME", "RESET", ...).
     * data (may be NULL) is borrowed for the duration of the call.
     * seconds/micros are the event's timestamp. */
    void (*event)(qemuMonitor *mon, const char *name, struct json_object *data,
                  long long seconds, unsigned int micros, void *opaque);
} qemuMonitorCallbacks;

/* Connects to the QMP UNIX socket at path, retrying for up to timeoutMs while
 * it does not exist yet or refuses connections; reads the greeting,
 * negotiates qmp_capabilities and starts the reader thread. cb (kept, not
 * copied) may be NULL. NULL with an error reported. */
qemuMonitor *qemuMonitorOpen(const char *path, int timeoutMs, pid_t pid,
                             const qemuMonitorCallbacks *cb, void *opaque);

/* Sends one command and waits for its reply. args (a JSON object) is stolen
 * and may be NULL. On success *reply (when reply is not NULL) gets the
 * "return" value, owned by the caller. On a QMP error reports
 * VIR_ERR_INTERNAL_ERROR "unable to execute QEMU command 'cmd': desc"; when
 * the monitor closes first, VIR_ERR_OPERATION_FAILED. Returns 0 or -1. */
int qemuMonitorCommand(qemuMonitor *mon, const char *cmd,
                       struct json_object *args, struct json_object **reply);

/* A QMP command written by a user (qemu-monitor-command): json must be an
 * object with "execute". Returns QEMU's whole answer as JSON text (a QMP
 * error included: that is the answer, not a failure), or NULL with an
 * error reported when the text is not a command or the monitor fails. */
char *qemuMonitorCommandPassthrough(qemuMonitor *mon, const char *json);

/* Wrappers for single commands; 0 or -1 with an error reported. */
int qemuMonitorCont(qemuMonitor *mon);
int qemuMonitorStop(qemuMonitor *mon);
int qemuMonitorSystemPowerdown(qemuMonitor *mon);
int qemuMonitorSystemReset(qemuMonitor *mon);
/* QEMU may close the socket before replying to "quit": that counts as
 * success. */
int qemuMonitorQuit(qemuMonitor *mon);
/* Writes the guest's memory as an ELF core file to path (synchronously). */
int qemuMonitorDumpGuestMemory(qemuMonitor *mon, const char *path);

/* query-status: whether vCPUs run, and QEMU's RunState name ("running",
 * "paused", "shutdown", ...) in *status (caller frees; status may be NULL). */
int qemuMonitorGetStatus(qemuMonitor *mon, bool *running, char **status);

/* query-chardev: a new table mapping each pty chardev's label
 * ("charserial0") to its device path ("/dev/pts/3"). Keys and values are
 * owned by the table (g_hash_table_unref). */
int qemuMonitorGetChardevPtys(qemuMonitor *mon, GHashTable **ptys);

/* human-monitor-command: the HMP output (caller frees), or NULL with an
 * error reported. */
char *qemuMonitorHumanCommand(qemuMonitor *mon, const char *hmp);

/* Stops the reader thread, closes the socket and frees the monitor; no
 * callback runs after this returns, and a command still waiting fails with
 * VIR_ERR_OPERATION_FAILED. No other thread may start a command once Close
 * has been called. Called from inside a callback of this monitor, it cannot
 * wait for its own thread: it only marks the monitor closed, and the reader
 * thread frees it as soon as the callback returns (no further callbacks).
 * NULL is accepted. */
void qemuMonitorClose(qemuMonitor *mon);
