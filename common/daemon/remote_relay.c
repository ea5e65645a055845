#include "remote_relay.h"
#include "remote_backend.h"
#include "remote_client.h"
#include "remote_dispatch.h"

#include <string.h>

#include "remote_protocol.h"
#include "vircommand.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.relay");

static const char *const familyNames[REMOTE_FAMILY_LAST] = {
    NULL, "secret", "network", "storage", "nodedev", "nwfilter", "interface",
};

const char *
remoteFamilyName(remoteFamily family)
{
    return family > REMOTE_FAMILY_NONE && family < REMOTE_FAMILY_LAST ?
        familyNames[family] : NULL;
}

/* Procedure number -> family, worked out once from libvirt's names. */
static remoteFamily procFamilies[512];
static GOnce familiesOnce = G_ONCE_INIT;

static remoteFamily
remoteFamilyOfName(const char *name)
{
    if (strstr(name, "SECRET"))
        return REMOTE_FAMILY_SECRET;
    if (strstr(name, "NWFILTER"))
        return REMOTE_FAMILY_NWFILTER;
    if (strstr(name, "NETWORK"))
        return REMOTE_FAMILY_NETWORK;
    if (strstr(name, "STORAGE"))
        return REMOTE_FAMILY_STORAGE;
    if (strstr(name, "NODE_DEVICE") || strstr(name, "NODE_NUM_OF_DEVICES") ||
        strstr(name, "NODE_LIST_DEVICES"))
        return REMOTE_FAMILY_NODEDEV;
    /* Host interfaces, not the domain's own interface calls. */
    if ((strstr(name, "INTERFACE") && !g_str_has_prefix(name, "REMOTE_PROC_DOMAIN_")))
        return REMOTE_FAMILY_INTERFACE;
    return REMOTE_FAMILY_NONE;
}

static gpointer
remoteFamiliesCompute(gpointer opaque)
{
    size_t i;

    for (i = 0; i < remoteProgram.nnames; i++) {
        int proc = remoteProgram.names[i].proc;

        if (proc > 0 && proc < (int)G_N_ELEMENTS(procFamilies))
            procFamilies[proc] = remoteFamilyOfName(remoteProgram.names[i].name);
    }
    return NULL;
}

remoteFamily
remoteProcedureFamily(int proc)
{
    g_once(&familiesOnce, remoteFamiliesCompute, NULL);
    if (proc <= 0 || proc >= (int)G_N_ELEMENTS(procFamilies))
        return REMOTE_FAMILY_NONE;
    return procFamilies[proc];
}

/* ------------------------------------------------------------------ */

static unsigned int servedFamilies;
static bool relayPrivileged = true;
static gint relayAutostart;

void
remoteRelaySetAutostart(bool autostart)
{
    g_atomic_int_set(&relayAutostart, autostart);
}

/* Starts a daemon of ours in the same root: the binary next to ours (a
 * build tree, an install), else from PATH. Its --daemon returns once its
 * sockets accept clients. */
static int
remoteRelayStartDaemon(const char *daemon)
{
    g_autofree char *self = g_file_read_link("/proc/self/exe", NULL);
    g_autofree char *dir = self ? g_path_get_dirname(self) : NULL;
    g_autofree char *binary = dir ? g_build_filename(dir, daemon, NULL) : NULL;
    g_autoptr(virCommand) cmd = NULL;

    if (!binary || !g_file_test(binary, G_FILE_TEST_IS_EXECUTABLE)) {
        g_free(binary);
        if (!(binary = g_find_program_in_path(daemon))) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           "cannot start %s: no such program next to this daemon or in PATH",
                           daemon);
            return -1;
        }
    }
    cmd = virCommandNewArgList(binary, "--daemon", NULL);
    if (virFileGetRoot())
        virCommandAddArgPair(cmd, "--root", virFileGetRoot());
    virCommandAddEnvPassCommon(cmd);
    VIR_INFO("starting %s on demand", daemon);
    return virCommandRun(cmd, NULL);
}

void
remoteRelayInit(unsigned int served, bool privileged)
{
    servedFamilies = served;
    relayPrivileged = privileged;
}

/* One client's connection to one secondary daemon. */
typedef struct {
    gint refs;
    GMutex lock;
    virNetServerClient *client;     /* referenced */
    remoteFamily family;
    virNetClient *backend;          /* NULL until open, and after it died */
    bool opening;
    GQueue *pending;                /* messages waiting for the open */
    GHashTable *calls;              /* serials sent, not answered yet */
} remoteRelay;

static GMutex relaysLock;
static GHashTable *relays;          /* virNetServerClient -> remoteRelay *[FAMILY_LAST] */

static remoteRelay *
remoteRelayRef(remoteRelay *r)
{
    g_atomic_int_inc(&r->refs);
    return r;
}

static void
remoteRelayUnref(remoteRelay *r)
{
    if (!r || !g_atomic_int_dec_and_test(&r->refs))
        return;
    if (r->backend) {
        virNetClientClose(r->backend);
        virNetClientUnref(r->backend);
    }
    g_queue_free_full(r->pending, (GDestroyNotify)virNetMessageFree);
    g_hash_table_unref(r->calls);
    virNetServerClientUnref(r->client);
    g_mutex_clear(&r->lock);
    g_free(r);
}

/* Answers the client's call with the error of the moment. */
static void
remoteRelayFailCall(remoteRelay *r, unsigned int serial, int proc, const virErrorInfo *err)
{
    virNetMessageHeader hdr = {
        .prog = REMOTE_PROGRAM, .vers = REMOTE_PROTOCOL_VERSION, .proc = proc,
        .type = VIR_NET_CALL, .serial = serial, .status = VIR_NET_OK,
    };

    virNetServerClientSendError(r->client, &hdr, err);
}

/* Daemon -> client, on the backend's reader thread. */
static void
remoteRelayBackendMessage(virNetClient *backend, virNetMessage *msg, void *opaque)
{
    remoteRelay *r = opaque;

    if (msg->header.type == VIR_NET_REPLY || msg->header.type == VIR_NET_REPLY_WITH_FDS) {
        g_mutex_lock(&r->lock);
        g_hash_table_remove(r->calls, GUINT_TO_POINTER(msg->header.serial));
        g_mutex_unlock(&r->lock);
    }
    msg->bufferOffset = 0;
    virNetServerClientSendMessage(r->client, msg);
}

/* The daemon went away: answer what it left unanswered; the next call
 * opens a new connection (the daemon may be back by then). */
static void
remoteRelayBackendClosed(virNetClient *backend, int reason, void *opaque)
{
    remoteRelay *r = opaque;
    g_autoptr(virErrorInfo) err = NULL;
    GHashTableIter iter;
    gpointer key, value;

    virErrorReportFull(VIR_FROM_REMOTE, VIR_ERR_OPERATION_FAILED,
                       "connection to virt%sd closed while a call was in progress",
                       familyNames[r->family]);
    err = virErrorCopyLast();
    virErrorReset();

    g_mutex_lock(&r->lock);
    g_hash_table_iter_init(&iter, r->calls);
    while (g_hash_table_iter_next(&iter, &key, &value))
        remoteRelayFailCall(r, GPOINTER_TO_UINT(key), GPOINTER_TO_INT(value), err);
    g_hash_table_remove_all(r->calls);
    if (r->backend == backend)
        r->backend = NULL;     /* the reference is dropped by the closer below */
    g_mutex_unlock(&r->lock);
    VIR_INFO("lost the connection to virt%sd for client %llu", familyNames[r->family],
             virNetServerClientGetID(r->client));
    /* Release the backend outside its own reader thread's callback. */
    g_idle_add_full(G_PRIORITY_DEFAULT, (GSourceFunc)(void (*)(void))virNetClientUnref,
                    backend, NULL);
}

/* Sends a message on (with the lock held). */
static void
remoteRelaySendLocked(remoteRelay *r, virNetMessage *msg)
{
    if (msg->header.type == VIR_NET_CALL)
        g_hash_table_insert(r->calls, GUINT_TO_POINTER(msg->header.serial),
                            GINT_TO_POINTER(msg->header.proc));
    msg->bufferOffset = 0;
    if (virNetClientSendRaw(r->backend, msg) < 0) {
        const virErrorInfo *err = virErrorGetLast();

        if (msg->header.type == VIR_NET_CALL) {
            g_hash_table_remove(r->calls, GUINT_TO_POINTER(msg->header.serial));
            remoteRelayFailCall(r, msg->header.serial, msg->header.proc, err);
        }
        virErrorReset();
    }
    virNetMessageFree(msg);
}

static gpointer
remoteRelayOpenThread(gpointer opaque)
{
    remoteRelay *r = opaque;
    const char *fam = familyNames[r->family];
    bool readonly = virNetServerClientIsReadonly(r->client);
    g_autofree char *daemon = g_strdup_printf("virt%sd", fam);
    g_autofree char *sockdir = virFileRootPath("/run/libvirt");
    g_autofree char *path = g_strdup_printf("%s/%s-sock%s", sockdir, daemon,
                                            readonly ? "-ro" : "");
    g_autofree char *uri = g_strdup_printf("%s:///%s", fam,
                                           relayPrivileged ? "system" : "session");
    virNetClient *backend = remoteBackendOpen(r->client, path, daemon, uri, readonly);
    g_autoptr(virErrorInfo) err = NULL;

    if (!backend && !virFileExists(path) && g_atomic_int_get(&relayAutostart)) {
        virErrorReset();
        if (remoteRelayStartDaemon(daemon) == 0)
            backend = remoteBackendOpen(r->client, path, daemon, uri, readonly);
    }
    if (!backend)
        err = virErrorCopyLast();
    virNetMessage *msg;

    virErrorReset();
    g_mutex_lock(&r->lock);
    r->opening = false;
    if (backend) {
        r->backend = backend;
        virNetClientSetRawHandler(backend, remoteRelayBackendMessage, r);
        virNetClientSetCloseHandler(backend, remoteRelayBackendClosed, r);
    }
    while ((msg = g_queue_pop_head(r->pending))) {
        if (r->backend) {
            remoteRelaySendLocked(r, msg);
        } else {
            if (msg->header.type == VIR_NET_CALL)
                remoteRelayFailCall(r, msg->header.serial, msg->header.proc, err);
            virNetMessageFree(msg);
        }
    }
    g_mutex_unlock(&r->lock);
    remoteRelayUnref(r);
    return NULL;
}

static remoteRelay *
remoteRelayLookup(virNetServerClient *client, remoteFamily family)
{
    remoteRelay **set;
    remoteRelay *r;

    g_mutex_lock(&relaysLock);
    if (!relays)
        relays = g_hash_table_new(NULL, NULL);
    if (!(set = g_hash_table_lookup(relays, client))) {
        set = g_new0(remoteRelay *, REMOTE_FAMILY_LAST);
        g_hash_table_insert(relays, client, set);
    }
    if (!(r = set[family])) {
        r = g_new0(remoteRelay, 1);
        r->refs = 1;
        g_mutex_init(&r->lock);
        r->client = virNetServerClientRef(client);
        r->family = family;
        r->pending = g_queue_new();
        r->calls = g_hash_table_new(NULL, NULL);
        set[family] = r;
    }
    remoteRelayRef(r);
    g_mutex_unlock(&relaysLock);
    return r;
}

bool
remoteRelaySecondary(virNetServer *srv, virNetServerClient *client, virNetMessage *msg)
{
    remoteFamily family = remoteProcedureFamily(msg->header.proc);
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    remoteRelay *r;
    bool opened;

    if (family == REMOTE_FAMILY_NONE || (servedFamilies & (1u << family)))
        return false;
    /* Before CONNECT_OPEN the usual "not open" error applies. */
    g_mutex_lock(&priv->lock);
    opened = priv->conn != NULL;
    g_mutex_unlock(&priv->lock);
    if (!opened)
        return false;

    r = remoteRelayLookup(client, family);
    g_mutex_lock(&r->lock);
    if (r->backend) {
        remoteRelaySendLocked(r, msg);
    } else {
        g_queue_push_tail(r->pending, msg);
        /* Connecting may take a while (or hang on a stuck daemon): never
         * on the event loop. */
        if (!r->opening) {
            r->opening = true;
            g_thread_unref(g_thread_new("relay-open", remoteRelayOpenThread,
                                        remoteRelayRef(r)));
        }
    }
    g_mutex_unlock(&r->lock);
    remoteRelayUnref(r);
    return true;
}

void
remoteRelayClientClosed(virNetServerClient *client)
{
    remoteRelay **set;
    size_t i;

    g_mutex_lock(&relaysLock);
    set = relays ? g_hash_table_lookup(relays, client) : NULL;
    if (set)
        g_hash_table_remove(relays, client);
    g_mutex_unlock(&relaysLock);
    if (!set)
        return;
    for (i = 0; i < REMOTE_FAMILY_LAST; i++) {
        remoteRelay *r = set[i];
        virNetClient *backend;

        if (!r)
            continue;
        g_mutex_lock(&r->lock);
        backend = g_steal_pointer(&r->backend);
        g_mutex_unlock(&r->lock);
        if (backend) {
            virNetClientSetRawHandler(backend, NULL, NULL);
            virNetClientSetCloseHandler(backend, NULL, NULL);
            virNetClientClose(backend);
            virNetClientUnref(backend);
        }
        remoteRelayUnref(r);
    }
    g_free(set);
}
