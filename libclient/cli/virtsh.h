/* virtsh: the shell's state, shared by every command file.
 *
 * virtsh talks to the daemons only through libvirt's public API, so this
 * header includes nothing from our tree but the public headers. */
#pragma once

#include <stdbool.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "virtsh-command.h"

#define VIRTSH_PROGRAM "virtsh"

/* The keepalive the library gets unless -k/-K ask otherwise. */
#define VIRTSH_KEEPALIVE_INTERVAL 5
#define VIRTSH_KEEPALIVE_COUNT 6

/* Largest XML file define/create read. */
#define VIRTSH_MAX_XML_FILE (10 * 1024 * 1024)

/* How virtshEventWait() ended. */
typedef enum {
    VIRTSH_EVENT_DONE,       /* a callback called virtshEventDone() */
    VIRTSH_EVENT_TIMEOUT,
    VIRTSH_EVENT_INTERRUPT,  /* SIGINT */
    VIRTSH_EVENT_ERROR,
} virtshEventResult;

/* Debug levels of -d, lowest is most verbose. */
typedef enum {
    VIRTSH_DEBUG_DEBUG,
    VIRTSH_DEBUG_INFO,
    VIRTSH_DEBUG_NOTICE,
    VIRTSH_DEBUG_WARNING,
    VIRTSH_DEBUG_ERROR,
    VIRTSH_DEBUG_LAST
} virtshDebugLevel;

struct _virtshControl {
    virConnectPtr conn;
    char *connname;         /* -c or 'connect' URI; NULL: the library default */
    char *conn_uri;         /* what the open connection calls itself */
    bool readonly;
    bool quiet;
    bool timing;
    int debug;              /* a virtshDebugLevel, or -1 for none */
    bool imode;             /* interactive shell */
    char *escape;           /* console escape as typed: "^]" or one char */
    int keepalive_interval; /* -1: not forced by the user */
    int keepalive_count;    /* -1: not forced by the user */
    virtshCmd *cmds;        /* parsed from the command line */
    bool istty;

    /* A connection failure seen by a command or by the close callback
     * (which runs on the event thread): the next command reconnects. */
    gint disconnected;

    /* The libvirt error a failing call left behind, kept until the
     * failing command reports it (libvirt reports from any thread). */
    GMutex error_lock;
    virErrorPtr last_error;

    /* The default event loop runs on its own thread for the whole
     * session: keepalives, close callbacks, events and consoles need it. */
    GThread *event_thread;
    gint event_quit;

    /* One wait at a time (event, console): a pipe that callbacks, signal
     * handlers and timers write one byte into. */
    int wait_pipe[2];
    int wait_deadline_ms;   /* -1: none */
};

/* Output. virtshPrintExtra() is silenced by -q; errors go to stderr
 * after stdout is flushed so that a terminal shows them in order. */
void virtshPrint(virtshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void virtshPrintExtra(virtshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void virtshError(virtshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void virtshDebug(virtshControl *ctl, int level, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* libvirt's last error: reported once when a command fails, or dropped
 * on a path that recovers from it. */
void virtshReportError(virtshControl *ctl);
void virtshResetLibvirtError(virtshControl *ctl);
/* The code of the kept error, VIR_ERR_OK if none. */
int virtshLastErrorCode(virtshControl *ctl);

/* The connection, (re)opened if needed; NULL with an error printed. */
virConnectPtr virtshConnection(virtshControl *ctl);
int virtshReconnect(virtshControl *ctl, const char *name, bool readonly, bool force);

/* Waiting on the event thread. Start, register callbacks, wait, clean up.
 * timeout_ms 0 waits forever. */
int virtshEventStart(virtshControl *ctl, int timeout_ms);
void virtshEventDone(virtshControl *ctl);
virtshEventResult virtshEventWait(virtshControl *ctl);
void virtshEventCleanup(virtshControl *ctl);

/* Domain lookup from the command's --domain value, by the ways in flags
 * (id, then UUID, then name). name, if given, gets the value as typed. */
enum {
    VIRTSH_BYID   = 1 << 0,
    VIRTSH_BYUUID = 1 << 1,
    VIRTSH_BYNAME = 1 << 2,
    VIRTSH_BYANY  = VIRTSH_BYID | VIRTSH_BYUUID | VIRTSH_BYNAME,
};
virDomainPtr virtshCommandOptDomainBy(virtshControl *ctl, const virtshCmd *cmd,
                                      const char **name, unsigned int flags);
#define virtshCommandOptDomain(ctl, cmd, name) \
    virtshCommandOptDomainBy(ctl, cmd, name, VIRTSH_BYANY)

/* Owned libvirt objects, freed with the scope. */
typedef virDomain virtshDomain;
void virtshDomainFree(virtshDomain *dom);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshDomain, virtshDomainFree);
typedef virSecret virtshSecret;
void virtshSecretFree(virtshSecret *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshSecret, virtshSecretFree);
typedef virNetwork virtshNetwork;
void virtshNetworkFree(virtshNetwork *net);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshNetwork, virtshNetworkFree);
typedef virNetworkPort virtshNetworkPort;
void virtshNetworkPortFree(virtshNetworkPort *port);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshNetworkPort, virtshNetworkPortFree);

/* State names as virsh prints them. */
const char *virtshDomainStateToString(int state);
const char *virtshDomainStateReasonToString(int state, int reason);
/* The domain's state (and reason), or -1 with libvirt's error kept. */
int virtshDomainState(virtshControl *ctl, virDomainPtr dom, int *reason);

/* Reads a whole XML file; NULL with an error printed. */
char *virtshReadFile(virtshControl *ctl, const char *path);

/* console: runs until the escape character, the guest's end or a signal. */
bool virtshRunConsole(virtshControl *ctl, virDomainPtr dom, const char *devname,
                      unsigned int flags);
/* The byte an escape string ("^]", "x") stands for; -1 if it is not one. */
int virtshEscapeChar(const char *str);

/* Interactive line editing (readline when built with it). */
void virtshReadlineInit(virtshControl *ctl);
void virtshReadlineDeinit(virtshControl *ctl);
char *virtshReadline(virtshControl *ctl, const char *prompt);
void virtshReadlineHistoryAdd(const char *line);
/* Completions for the word ending at `point` in `line` (NULL-terminated,
 * sorted, caller frees). */
char **virtshComplete(virtshControl *ctl, const char *line, size_t point);

/* Command groups, defined beside their handlers. */
extern const virtshCmdDef virtshDomainManagementCmds[];
extern const virtshCmdDef virtshDomainMonitorCmds[];
extern const virtshCmdDef virtshDomainEventCmds[];
extern const virtshCmdDef virtshHostCmds[];
extern const virtshCmdDef virtshNetworkCmds[];
extern const virtshCmdDef virtshSecretCmds[];
extern const virtshCmdDef virtshStoragePoolCmds[];
extern const virtshCmdDef virtshStorageVolCmds[];
extern const virtshCmdDef virtshShellCmds[];

/* Names of the event types 'event' knows, in libvirt's ID order. */
const char *virtshEventTypeName(size_t i);
