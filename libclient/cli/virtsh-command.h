/* virtsh's command table: the one description of every command and its
 * options that parsing, 'help', --help, the man page and tab completion
 * all read. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

typedef struct _virtshControl virtshControl;

typedef enum {
    VIRTSH_OT_BOOL,     /* a flag: --name */
    VIRTSH_OT_STRING,   /* --name VALUE or --name=VALUE */
    VIRTSH_OT_INT,      /* a STRING the handler reads as a number */
} virtshOptType;

enum {
    /* The command cannot run without it. */
    VIRTSH_OFLAG_REQ   = 1 << 0,
    /* Only as --name VALUE: a bare word never fills it. */
    VIRTSH_OFLAG_NAMED = 1 << 1,
    /* An empty value means something (otherwise it is refused). */
    VIRTSH_OFLAG_EMPTY_OK = 1 << 2,
};

/* What tab completion offers for an option's value. */
typedef enum {
    VIRTSH_COMPLETE_NONE,
    VIRTSH_COMPLETE_DOMAIN,
    VIRTSH_COMPLETE_NETWORK,
    VIRTSH_COMPLETE_FILE,
    VIRTSH_COMPLETE_EVENT,
    VIRTSH_COMPLETE_COMMAND,
} virtshCompleter;

typedef struct {
    const char *name;
    virtshOptType type;
    unsigned int flags;
    virtshCompleter completer;
    const char *help;
} virtshOptDef;

typedef struct _virtshCmd virtshCmd;
typedef bool (*virtshCmdHandler)(virtshControl *ctl, const virtshCmd *cmd);

enum {
    VIRTSH_CMD_NOCONNECT = 1 << 0,  /* runs without a connection */
    VIRTSH_CMD_HIDDEN    = 1 << 1,  /* left out of help and the man page */
};

typedef struct {
    const char *name;
    virtshCmdHandler handler;
    const virtshOptDef *opts;   /* ends with a NULL name; NULL for none */
    const char *summary;        /* one line for the command lists */
    const char *description;    /* a paragraph for 'help CMD' */
    unsigned int flags;
} virtshCmdDef;

typedef struct {
    const char *name;
    const char *keyword;        /* 'help KEYWORD' lists the group */
    const virtshCmdDef *cmds;   /* ends with a NULL name */
} virtshCmdGroup;

/* All groups, ending with a NULL name. */
extern const virtshCmdGroup virtshCmdGroups[];

typedef struct {
    const virtshOptDef *def;
    char *value;                /* NULL for a flag */
} virtshCmdOpt;

/* One parsed command; a line with ';' gives a list. */
struct _virtshCmd {
    const virtshCmdDef *def;
    GArray *opts;               /* of virtshCmdOpt, in the order given */
    virtshCmd *next;
};

const virtshCmdDef *virtshCmdDefLookup(const char *name);
const virtshCmdGroup *virtshCmdGroupLookup(const char *keyword);

/* Parse a whole line (';' and newlines separate commands, quotes and
 * backslashes as in a POSIX shell, '#' starts a comment) or an argv
 * (each element one word). Returns false with an error printed; *cmds
 * is then NULL. An empty line gives true and NULL. */
bool virtshParseString(virtshControl *ctl, const char *line, virtshCmd **cmds);
bool virtshParseArgv(virtshControl *ctl, int argc, char **argv, virtshCmd **cmds);

void virtshCmdFree(virtshCmd *cmd);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshCmd, virtshCmdFree);

/* Option access for handlers. Bool: present or not (works for any type).
 * String: 0 when absent (*value NULL), 1 when present, -1 with an error
 * printed when given empty. UInt: 0 absent, 1 ok, -1 malformed. */
bool virtshOptBool(const virtshCmd *cmd, const char *name);
int virtshOptString(virtshControl *ctl, const virtshCmd *cmd, const char *name,
                    const char **value);
int virtshOptUInt(virtshControl *ctl, const virtshCmd *cmd, const char *name,
                  unsigned int *value);
/* Int: as UInt, for a value that may be negative. */
int virtshOptInt(virtshControl *ctl, const virtshCmd *cmd, const char *name, int *value);
/* --timeout in seconds as milliseconds; 0 and overflow are errors. */
int virtshOptTimeoutMs(virtshControl *ctl, const virtshCmd *cmd, int *timeout);
/* false with an error printed when both are given. */
bool virtshOptExclusive(virtshControl *ctl, const virtshCmd *cmd,
                        const char *a, const char *b);

/* Help: one command, one group, or every group. */
bool virtshHelpCommand(virtshControl *ctl, const char *name);
bool virtshHelpGroup(virtshControl *ctl, const char *keyword);
void virtshHelpAll(void);
/* The command list part of --help. */
void virtshHelpCommandList(void);
/* "cmd <domain> [--opt]..." for help and the man page. */
char *virtshCmdSynopsis(const virtshCmdDef *def);

/* The man page in roff, from the same tables; global options come from
 * virtsh.c through this description. */
typedef struct {
    char shortopt;              /* 0 if none */
    const char *longopt;        /* NULL if none */
    const char *arg;            /* the value's name, NULL for a flag */
    bool arg_optional;
    const char *help;
} virtshGlobalOpt;

void virtshPrintMan(const virtshGlobalOpt *opts, const char *version);
