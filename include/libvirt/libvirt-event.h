/*
 * libvirt-event.h: the event loop behind asynchronous notifications of the
 * libvirt-compatible client API
 *
 * A client either lets the library run its own loop
 * (virEventRegisterDefaultImpl() + virEventRunDefaultImpl()) or plugs in
 * its own with virEventRegisterImpl().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_EVENT_H
#define VIRTD_PUBLIC_EVENT_H

#include <libvirt/libvirt-common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Conditions a file handle watch reports (a bit set). */
typedef enum {
    VIR_EVENT_HANDLE_READABLE = 1 << 0, /* data to read */
    VIR_EVENT_HANDLE_WRITABLE = 1 << 1, /* room to write */
    VIR_EVENT_HANDLE_ERROR    = 1 << 2, /* error condition */
    VIR_EVENT_HANDLE_HANGUP   = 1 << 3  /* peer closed */
} virEventHandleType;

/* Called when fd of watch `watch` meets some of `events`. */
typedef void (*virEventHandleCallback)(int watch, int fd, int events,
                                       void *opaque);
/* Called when timer `timer` fires. */
typedef void (*virEventTimeoutCallback)(int timer, void *opaque);

/* The six operations an external event loop provides. */
typedef int (*virEventAddHandleFunc)(int fd, int event,
                                     virEventHandleCallback cb,
                                     void *opaque,
                                     virFreeCallback ff);
typedef void (*virEventUpdateHandleFunc)(int watch, int event);
typedef int (*virEventRemoveHandleFunc)(int watch);
typedef int (*virEventAddTimeoutFunc)(int timeout,
                                      virEventTimeoutCallback cb,
                                      void *opaque,
                                      virFreeCallback ff);
typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);
typedef int (*virEventRemoveTimeoutFunc)(int timer);

/* Use an external loop; call once, before opening any connection. */
void virEventRegisterImpl(virEventAddHandleFunc addHandle,
                          virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle,
                          virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout,
                          virEventRemoveTimeoutFunc removeTimeout);

/* Use the built-in poll() loop ... */
int virEventRegisterDefaultImpl(void);
/* ... and run one iteration of it. */
int virEventRunDefaultImpl(void);

/* Watches: return a watch id (> 0), or -1. */
int virEventAddHandle(int fd, int events, virEventHandleCallback cb,
                      void *opaque, virFreeCallback ff);
void virEventUpdateHandle(int watch, int events);
int virEventRemoveHandle(int watch);

/* Timers, in milliseconds; -1 disables, 0 fires on every iteration.
 * Return a timer id (> 0), or -1. */
int virEventAddTimeout(int frequency, virEventTimeoutCallback cb,
                       void *opaque, virFreeCallback ff);
void virEventUpdateTimeout(int timer, int frequency);
int virEventRemoveTimeout(int timer);

#ifdef __cplusplus
}
#endif

#endif /* VIRTD_PUBLIC_EVENT_H */
