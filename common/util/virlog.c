#include "virlog.h"

#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <fcntl.h>
#include <systemd/sd-journal.h>

#include "virenum.h"

typedef enum {
    VIR_LOG_TO_STDERR,
    VIR_LOG_TO_FILE,
    VIR_LOG_TO_JOURNALD,
    VIR_LOG_TO_SYSLOG,
    VIR_LOG_TO_LAST
} virLogDestination;

VIR_ENUM_DECL(virLogDestination);
VIR_ENUM_IMPL(virLogDestination, VIR_LOG_TO_LAST,
              "stderr", "file", "journald", "syslog");

typedef struct {
    int priority;
    char *match;
} virLogFilter;

typedef struct {
    int priority;
    virLogDestination dest;
    int fd;             /* file outputs */
    char *name;         /* file path or syslog ident */
} virLogOutput;

static GMutex logLock;
static int defaultPriority = VIR_LOG_WARN;
static GPtrArray *filters;  /* virLogFilter */
static GPtrArray *outputs;  /* virLogOutput */

static void
virLogFilterFree(gpointer opaque)
{
    virLogFilter *f = opaque;

    g_free(f->match);
    g_free(f);
}

static void
virLogOutputFree(gpointer opaque)
{
    virLogOutput *o = opaque;

    if (o->fd >= 0 && o->dest == VIR_LOG_TO_FILE)
        close(o->fd);
    if (o->dest == VIR_LOG_TO_SYSLOG)
        closelog();
    g_free(o->name);
    g_free(o);
}

static const char *
virLogPriorityName(int priority)
{
    switch (priority) {
    case VIR_LOG_DEBUG: return "debug";
    case VIR_LOG_INFO: return "info";
    case VIR_LOG_WARN: return "warning";
    default: return "error";
    }
}

static int
virLogParsePriority(const char *str, char **end)
{
    long val = strtol(str, end, 10);

    if (*end == str || val < VIR_LOG_DEBUG || val > VIR_LOG_ERROR)
        return -1;
    return (int)val;
}

int
virLogSetDefaultPriority(int priority)
{
    if (priority < VIR_LOG_DEBUG || priority > VIR_LOG_ERROR)
        return -1;
    g_mutex_lock(&logLock);
    defaultPriority = priority;
    g_mutex_unlock(&logLock);
    return 0;
}

int
virLogGetDefaultPriority(void)
{
    return defaultPriority;
}

int
virLogSetFilters(const char *text)
{
    g_auto(GStrv) words = g_strsplit_set(text ? text : "", " \t\n", -1);
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(virLogFilterFree);
    size_t i;

    for (i = 0; words[i]; i++) {
        char *end;
        virLogFilter *f;
        int prio;

        if (!*words[i])
            continue;
        prio = virLogParsePriority(words[i], &end);
        if (prio < 0 || *end != ':' || !end[1])
            return -1;
        f = g_new0(virLogFilter, 1);
        f->priority = prio;
        /* A leading '+' (print a stack trace upstream) is accepted and ignored. */
        f->match = g_strdup(end[1] == '+' ? end + 2 : end + 1);
        g_ptr_array_add(list, f);
    }

    g_mutex_lock(&logLock);
    if (filters)
        g_ptr_array_unref(filters);
    filters = g_steal_pointer(&list);
    g_mutex_unlock(&logLock);
    return 0;
}

static virLogOutput *
virLogParseOutput(const char *word)
{
    g_autofree virLogOutput *o = g_new0(virLogOutput, 1);
    g_auto(GStrv) parts = NULL;
    char *end;

    o->fd = -1;
    o->priority = virLogParsePriority(word, &end);
    if (o->priority < 0 || *end != ':')
        return NULL;
    parts = g_strsplit(end + 1, ":", 2);
    if ((int)(o->dest = virLogDestinationTypeFromString(parts[0])) < 0)
        return NULL;

    switch (o->dest) {
    case VIR_LOG_TO_FILE:
        if (!parts[1] || !*parts[1])
            return NULL;
        o->fd = open(parts[1], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (o->fd < 0)
            return NULL;
        o->name = g_strdup(parts[1]);
        break;
    case VIR_LOG_TO_SYSLOG:
        o->name = g_strdup(parts[1] && *parts[1] ? parts[1] : "virtd");
        openlog(o->name, LOG_PID, LOG_DAEMON);
        break;
    case VIR_LOG_TO_STDERR:
    case VIR_LOG_TO_JOURNALD:
        if (parts[1])
            return NULL;
        break;
    case VIR_LOG_TO_LAST:
        return NULL;
    }
    return g_steal_pointer(&o);
}

int
virLogSetOutputs(const char *text)
{
    g_auto(GStrv) words = g_strsplit_set(text ? text : "", " \t\n", -1);
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(virLogOutputFree);
    size_t i;

    for (i = 0; words[i]; i++) {
        virLogOutput *o;

        if (!*words[i])
            continue;
        if (!(o = virLogParseOutput(words[i])))
            return -1;
        g_ptr_array_add(list, o);
    }

    g_mutex_lock(&logLock);
    if (outputs)
        g_ptr_array_unref(outputs);
    outputs = list->len ? g_steal_pointer(&list) : NULL;
    g_mutex_unlock(&logLock);
    return 0;
}

void
virLogReset(void)
{
    g_mutex_lock(&logLock);
    g_clear_pointer(&outputs, g_ptr_array_unref);
    g_clear_pointer(&filters, g_ptr_array_unref);
    defaultPriority = VIR_LOG_WARN;
    g_mutex_unlock(&logLock);
}

/* The most specific filter that matches decides; otherwise the default. */
static int
virLogThreshold(const char *source)
{
    size_t i;

    if (filters) {
        for (i = 0; i < filters->len; i++) {
            virLogFilter *f = g_ptr_array_index(filters, i);

            if (strstr(source, f->match))
                return f->priority;
        }
    }
    return defaultPriority;
}

static void
virLogEmit(virLogOutput *o, int priority, const char *source,
           const char *func, const char *line)
{
    switch (o ? o->dest : VIR_LOG_TO_STDERR) {
    case VIR_LOG_TO_STDERR:
    case VIR_LOG_TO_FILE: {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S.%f");
        g_autofree char *msg = g_strdup_printf("%.23s+0000: %d: %s : %s:%s : %s\n",
                                               stamp, (int)gettid(),
                                               virLogPriorityName(priority),
                                               source, func, line);
        ssize_t G_GNUC_UNUSED ignored = write(o ? o->fd : STDERR_FILENO, msg, strlen(msg));
        break;
    }
    case VIR_LOG_TO_JOURNALD:
        sd_journal_send("MESSAGE=%s", line,
                        "PRIORITY=%d", priority == VIR_LOG_DEBUG ? LOG_DEBUG :
                        priority == VIR_LOG_INFO ? LOG_INFO :
                        priority == VIR_LOG_WARN ? LOG_WARNING : LOG_ERR,
                        "LIBVIRT_SOURCE=%s", source,
                        "CODE_FUNC=%s", func,
                        NULL);
        break;
    case VIR_LOG_TO_SYSLOG:
        syslog(priority == VIR_LOG_DEBUG ? LOG_DEBUG :
               priority == VIR_LOG_INFO ? LOG_INFO :
               priority == VIR_LOG_WARN ? LOG_WARNING : LOG_ERR,
               "%s", line);
        break;
    case VIR_LOG_TO_LAST:
        break;
    }
}

void
virLogMessage(const char *source, int priority, const char *func,
              const char *fmt, ...)
{
    g_autofree char *line = NULL;
    va_list ap;
    size_t i;

    g_mutex_lock(&logLock);
    if (priority < virLogThreshold(source)) {
        g_mutex_unlock(&logLock);
        return;
    }

    va_start(ap, fmt);
    line = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    if (!outputs) {
        virLogEmit(NULL, priority, source, func, line);
    } else {
        for (i = 0; i < outputs->len; i++) {
            virLogOutput *o = g_ptr_array_index(outputs, i);

            if (priority >= o->priority)
                virLogEmit(o, priority, source, func, line);
        }
    }
    g_mutex_unlock(&logLock);
}
