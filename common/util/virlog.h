/* Logging with libvirt's configuration syntax:
 *   log_filters = "1:qemu 3:rpc"          (level:match, match is a substring of the source name)
 *   log_outputs = "3:stderr 1:file:/x.log 2:journald"
 * Levels: 1 debug, 2 info, 3 warning, 4 error. */
#pragma once

#include "internal.h"

typedef enum {
    VIR_LOG_DEBUG = 1,
    VIR_LOG_INFO,
    VIR_LOG_WARN,
    VIR_LOG_ERROR,
} virLogPriority;

#define VIR_LOG_INIT(name) \
    static G_GNUC_UNUSED const char *virLogSelf = name

void virLogMessage(const char *source, int priority, const char *func,
                   const char *fmt, ...) G_GNUC_PRINTF(4, 5);

#define VIR_DEBUG(...) virLogMessage(virLogSelf, VIR_LOG_DEBUG, __func__, __VA_ARGS__)
#define VIR_INFO(...) virLogMessage(virLogSelf, VIR_LOG_INFO, __func__, __VA_ARGS__)
#define VIR_WARN(...) virLogMessage(virLogSelf, VIR_LOG_WARN, __func__, __VA_ARGS__)
#define VIR_ERROR(...) virLogMessage(virLogSelf, VIR_LOG_ERROR, __func__, __VA_ARGS__)

/* Each returns 0, or -1 (reporting nothing; the caller says what was wrong)
 * when the text does not parse. */
int virLogSetDefaultPriority(int priority);
int virLogSetFilters(const char *filters);
int virLogSetOutputs(const char *outputs);
int virLogGetDefaultPriority(void);
/* Drops configured outputs and goes back to warnings on stderr. */
void virLogReset(void);
