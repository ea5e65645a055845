/* Building and running child processes. Arguments are added without
 * checking each call; problems are reported once, when the command runs.
 * Children start with a minimal environment and only the fds they are given. */
#pragma once

#include "internal.h"
#include <sys/types.h>

typedef struct _virCommand virCommand;

virCommand *virCommandNew(const char *binary);
virCommand *virCommandNewArgList(const char *binary, ...) G_GNUC_NULL_TERMINATED;
void virCommandFree(virCommand *cmd);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virCommand, virCommandFree);

void virCommandAddArg(virCommand *cmd, const char *arg);
void virCommandAddArgFormat(virCommand *cmd, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void virCommandAddArgPair(virCommand *cmd, const char *name, const char *val);
void virCommandAddEnvPair(virCommand *cmd, const char *name, const char *value);
/* Passes the current PATH, HOME, USER, LANG... on. */
void virCommandAddEnvPassCommon(virCommand *cmd);

/* The child's stdout and stderr go to fd (not closed by the command). */
void virCommandSetOutputFd(virCommand *cmd, int fd);
/* Keeps fd open (without CLOEXEC) in the child. */
void virCommandPassFD(virCommand *cmd, int fd);
/* Capture stdout / stderr of a synchronous run into strings. */
void virCommandSetOutputBuffer(virCommand *cmd, char **out);
void virCommandSetErrorBuffer(virCommand *cmd, char **err);
/* Run in a new session, detached: a grandchild that survives us. */
void virCommandDaemonize(virCommand *cmd);

/* The command line, shell-quoted, for logs and golden files. */
char *virCommandToString(virCommand *cmd);
/* argv (NULL-terminated, owned by the command). */
const char * const *virCommandGetArgv(virCommand *cmd);

/* Runs and waits. With exitstatus NULL a non-zero exit is an error;
 * otherwise it is stored there. -1 with an error reported. */
int virCommandRun(virCommand *cmd, int *exitstatus);
/* Starts without waiting; *pid is the child (the grandchild when
 * daemonized). -1 with an error reported. */
int virCommandRunAsync(virCommand *cmd, pid_t *pid);
