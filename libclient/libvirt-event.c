/* The event loop API: applications either register their own loop
 * (virEventRegisterImpl, as the python bindings do) or use the default
 * one, which is GLib's default main context, so GLib programs get events
 * without running anything else. */
#include "internal.h"

#include <glib-unix.h>
#include <libvirt/libvirt.h>

#include "event_impl.h"

static GMutex implLock;
static virEventAddHandleFunc addHandleImpl;
static virEventUpdateHandleFunc updateHandleImpl;
static virEventRemoveHandleFunc removeHandleImpl;
static virEventAddTimeoutFunc addTimeoutImpl;
static virEventUpdateTimeoutFunc updateTimeoutImpl;
static virEventRemoveTimeoutFunc removeTimeoutImpl;

void
virEventRegisterImpl(virEventAddHandleFunc addHandle,
                     virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle,
                     virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    g_mutex_lock(&implLock);
    addHandleImpl = addHandle;
    updateHandleImpl = updateHandle;
    removeHandleImpl = removeHandle;
    addTimeoutImpl = addTimeout;
    updateTimeoutImpl = updateTimeout;
    removeTimeoutImpl = removeTimeout;
    g_mutex_unlock(&implLock);
}

bool
virEventHaveImpl(void)
{
    bool have;

    g_mutex_lock(&implLock);
    have = addTimeoutImpl != NULL;
    g_mutex_unlock(&implLock);
    return have;
}

int
virEventAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque,
                  virFreeCallback ff)
{
    return addHandleImpl ? addHandleImpl(fd, events, cb, opaque, ff) : -1;
}

void
virEventUpdateHandle(int watch, int events)
{
    if (updateHandleImpl)
        updateHandleImpl(watch, events);
}

int
virEventRemoveHandle(int watch)
{
    return removeHandleImpl ? removeHandleImpl(watch) : -1;
}

int
virEventAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque,
                   virFreeCallback ff)
{
    return addTimeoutImpl ? addTimeoutImpl(frequency, cb, opaque, ff) : -1;
}

void
virEventUpdateTimeout(int timer, int frequency)
{
    if (updateTimeoutImpl)
        updateTimeoutImpl(timer, frequency);
}

int
virEventRemoveTimeout(int timer)
{
    return removeTimeoutImpl ? removeTimeoutImpl(timer) : -1;
}

/* ------------------------------------------------------------------ */
/* The default loop on GLib                                            */

typedef struct {
    int id;
    int fd;                     /* handles */
    int events;
    int frequency;              /* timeouts: ms, 0 = every iteration, -1 = off */
    virEventHandleCallback handleCb;
    virEventTimeoutCallback timeoutCb;
    void *opaque;
    virFreeCallback ff;
    GSource *source;
    bool removed;
} virEventGLibEntry;

static GMutex glibLock;
static GHashTable *glibEntries;     /* id -> entry */
static int glibNextID = 1;

static GIOCondition
virEventToGLib(int events)
{
    GIOCondition cond = 0;

    if (events & VIR_EVENT_HANDLE_READABLE)
        cond |= G_IO_IN;
    if (events & VIR_EVENT_HANDLE_WRITABLE)
        cond |= G_IO_OUT;
    return cond;
}

static int
virEventFromGLib(GIOCondition cond)
{
    int events = 0;

    if (cond & G_IO_IN)
        events |= VIR_EVENT_HANDLE_READABLE;
    if (cond & G_IO_OUT)
        events |= VIR_EVENT_HANDLE_WRITABLE;
    if (cond & G_IO_ERR)
        events |= VIR_EVENT_HANDLE_ERROR;
    if (cond & G_IO_HUP)
        events |= VIR_EVENT_HANDLE_HANGUP;
    return events;
}

static gboolean
virEventGLibHandleDispatch(gint fd, GIOCondition cond, gpointer opaque)
{
    int id = GPOINTER_TO_INT(opaque);
    virEventGLibEntry *e;
    virEventHandleCallback cb;
    void *data;

    g_mutex_lock(&glibLock);
    e = g_hash_table_lookup(glibEntries, GINT_TO_POINTER(id));
    if (!e || e->removed) {
        g_mutex_unlock(&glibLock);
        return G_SOURCE_CONTINUE;
    }
    cb = e->handleCb;
    data = e->opaque;
    g_mutex_unlock(&glibLock);
    cb(id, fd, virEventFromGLib(cond), data);
    return G_SOURCE_CONTINUE;
}

static gboolean
virEventGLibTimeoutDispatch(gpointer opaque)
{
    int id = GPOINTER_TO_INT(opaque);
    virEventGLibEntry *e;
    virEventTimeoutCallback cb;
    void *data;

    g_mutex_lock(&glibLock);
    e = g_hash_table_lookup(glibEntries, GINT_TO_POINTER(id));
    if (!e || e->removed || e->frequency < 0) {
        g_mutex_unlock(&glibLock);
        return G_SOURCE_CONTINUE;
    }
    cb = e->timeoutCb;
    data = e->opaque;
    g_mutex_unlock(&glibLock);
    cb(id, data);
    return G_SOURCE_CONTINUE;
}

/* (Re)creates the GLib source of an entry; with the lock held. */
static void
virEventGLibAttachLocked(virEventGLibEntry *e)
{
    if (e->source) {
        g_source_destroy(e->source);
        g_source_unref(e->source);
        e->source = NULL;
    }
    if (e->handleCb) {
        GIOCondition cond = virEventToGLib(e->events);

        if (!cond)
            return;
        e->source = g_unix_fd_source_new(e->fd, cond);
        g_source_set_callback(e->source, (GSourceFunc)(void (*)(void))virEventGLibHandleDispatch,
                              GINT_TO_POINTER(e->id), NULL);
    } else {
        if (e->frequency < 0)
            return;
        e->source = e->frequency == 0 ? g_idle_source_new() :
                                        g_timeout_source_new(e->frequency);
        g_source_set_callback(e->source, virEventGLibTimeoutDispatch,
                              GINT_TO_POINTER(e->id), NULL);
    }
    g_source_attach(e->source, NULL);
}

static int
virEventGLibAdd(virEventGLibEntry *e)
{
    g_mutex_lock(&glibLock);
    if (!glibEntries)
        glibEntries = g_hash_table_new(NULL, NULL);
    e->id = glibNextID++;
    g_hash_table_insert(glibEntries, GINT_TO_POINTER(e->id), e);
    virEventGLibAttachLocked(e);
    g_mutex_unlock(&glibLock);
    return e->id;
}

/* Frees callbacks' data from the loop, never from inside the caller. */
static gboolean
virEventGLibFreeLater(gpointer opaque)
{
    virEventGLibEntry *e = opaque;

    if (e->ff)
        e->ff(e->opaque);
    g_free(e);
    return G_SOURCE_REMOVE;
}

static int
virEventGLibRemove(int id, bool handle)
{
    virEventGLibEntry *e;

    g_mutex_lock(&glibLock);
    e = glibEntries ? g_hash_table_lookup(glibEntries, GINT_TO_POINTER(id)) : NULL;
    if (!e || (handle != (e->handleCb != NULL))) {
        g_mutex_unlock(&glibLock);
        return -1;
    }
    g_hash_table_remove(glibEntries, GINT_TO_POINTER(id));
    e->removed = true;
    if (e->source) {
        g_source_destroy(e->source);
        g_source_unref(e->source);
        e->source = NULL;
    }
    g_mutex_unlock(&glibLock);
    g_idle_add(virEventGLibFreeLater, e);
    return 0;
}

static int
virEventGLibAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque,
                      virFreeCallback ff)
{
    virEventGLibEntry *e = g_new0(virEventGLibEntry, 1);

    e->fd = fd;
    e->events = events;
    e->handleCb = cb;
    e->opaque = opaque;
    e->ff = ff;
    return virEventGLibAdd(e);
}

static void
virEventGLibUpdate(int id, bool handle, int value)
{
    virEventGLibEntry *e;

    g_mutex_lock(&glibLock);
    e = glibEntries ? g_hash_table_lookup(glibEntries, GINT_TO_POINTER(id)) : NULL;
    if (e && handle == (e->handleCb != NULL)) {
        if (handle && e->events != value) {
            e->events = value;
            virEventGLibAttachLocked(e);
        } else if (!handle && e->frequency != value) {
            e->frequency = value;
            virEventGLibAttachLocked(e);
        }
    }
    g_mutex_unlock(&glibLock);
    /* Another thread may have changed what the loop waits for. */
    g_main_context_wakeup(NULL);
}

static void
virEventGLibUpdateHandle(int watch, int events)
{
    virEventGLibUpdate(watch, true, events);
}

static int
virEventGLibRemoveHandle(int watch)
{
    return virEventGLibRemove(watch, true);
}

static int
virEventGLibAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque,
                       virFreeCallback ff)
{
    virEventGLibEntry *e = g_new0(virEventGLibEntry, 1);

    e->frequency = frequency;
    e->timeoutCb = cb;
    e->opaque = opaque;
    e->ff = ff;
    return virEventGLibAdd(e);
}

static void
virEventGLibUpdateTimeout(int timer, int frequency)
{
    virEventGLibUpdate(timer, false, frequency);
}

static int
virEventGLibRemoveTimeout(int timer)
{
    return virEventGLibRemove(timer, false);
}

int
virEventRegisterDefaultImpl(void)
{
    virEventRegisterImpl(virEventGLibAddHandle, virEventGLibUpdateHandle,
                         virEventGLibRemoveHandle, virEventGLibAddTimeout,
                         virEventGLibUpdateTimeout, virEventGLibRemoveTimeout);
    return 0;
}

int
virEventRunDefaultImpl(void)
{
    g_main_context_iteration(NULL, TRUE);
    return 0;
}
