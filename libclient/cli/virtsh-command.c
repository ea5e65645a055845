/* virtsh's command table at work: splitting input into words, matching
 * words to a command's options, and printing help and the man page from
 * the same definitions.
 *
 * The parsing rules follow virsh's so that scripts written for it behave
 * the same: every non-flag option may also be given as a bare word, filled
 * in table order; a whole line is parsed before any of its commands runs,
 * so one mistake anywhere runs nothing. */
#include "virtsh.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const virtshCmdGroup virtshCmdGroups[] = {
    { "Domain Management", "domain", virtshDomainManagementCmds },
    { "Domain Monitoring", "monitor", virtshDomainMonitorCmds },
    { "Domain Events", "events", virtshDomainEventCmds },
    { "Host and Hypervisor", "host", virtshHostCmds },
    { "Networking", "network", virtshNetworkCmds },
    { "Secret", "secret", virtshSecretCmds },
    { "Storage Pool", "pool", virtshStoragePoolCmds },
    { "Storage Volume", "volume", virtshStorageVolCmds },
    { "Virtsh itself", "virtsh", virtshShellCmds },
    { NULL, NULL, NULL }
};

/* Options are tracked in 64-bit masks while parsing. */
#define VIRTSH_MAX_OPTS 64


const virtshCmdDef *
virtshCmdDefLookup(const char *name)
{
    const virtshCmdGroup *grp;
    const virtshCmdDef *def;

    for (grp = virtshCmdGroups; grp->name; grp++) {
        for (def = grp->cmds; def->name; def++) {
            if (strcmp(def->name, name) == 0)
                return def;
        }
    }
    return NULL;
}


const virtshCmdGroup *
virtshCmdGroupLookup(const char *keyword)
{
    const virtshCmdGroup *grp;

    for (grp = virtshCmdGroups; grp->name; grp++) {
        if (strcmp(grp->keyword, keyword) == 0 || strcmp(grp->name, keyword) == 0)
            return grp;
    }
    return NULL;
}


void
virtshCmdFree(virtshCmd *cmd)
{
    while (cmd) {
        virtshCmd *next = cmd->next;
        size_t i;

        for (i = 0; cmd->opts && i < cmd->opts->len; i++)
            g_free(g_array_index(cmd->opts, virtshCmdOpt, i).value);
        if (cmd->opts)
            g_array_unref(cmd->opts);
        g_free(cmd);
        cmd = next;
    }
}


/* ---- words ---------------------------------------------------------- */

typedef enum {
    VIRTSH_TOKEN_ERROR,
    VIRTSH_TOKEN_WORD,
    VIRTSH_TOKEN_CMD_END,   /* ';' or a newline */
    VIRTSH_TOKEN_END,
} virtshToken;

/* Either a line being split, or an argv handed out one element a word. */
typedef struct {
    const char *pos;
    char **argv;
    int argc;
    int idx;
} virtshWords;


static virtshToken
virtshWordsNextString(virtshControl *ctl, virtshWords *w, char **word)
{
    g_autoptr(GString) buf = NULL;
    const char *p = w->pos;
    bool squote = false;
    bool dquote = false;

    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '#')
            break;
        /* A comment runs to the end of the line, which still ends the
         * command before it. */
        while (*p && *p != '\n')
            p++;
    }

    if (*p == '\0') {
        w->pos = p;
        return VIRTSH_TOKEN_END;
    }
    if (*p == ';' || *p == '\n') {
        w->pos = p + 1;
        return VIRTSH_TOKEN_CMD_END;
    }

    buf = g_string_new(NULL);
    while (*p) {
        if (!squote && !dquote &&
            (*p == ' ' || *p == '\t' || *p == ';' || *p == '\n'))
            break;

        if (!dquote && *p == '\'') {
            squote = !squote;
            p++;
            continue;
        }
        if (!squote && *p == '"') {
            dquote = !dquote;
            p++;
            continue;
        }
        if (!squote && *p == '\\') {
            /* As in sh: a backslash quotes the next character, except
             * inside single quotes where it is itself. */
            p++;
            if (*p == '\0') {
                virtshError(ctl, "%s", "dangling \\");
                return VIRTSH_TOKEN_ERROR;
            }
        }
        g_string_append_c(buf, *p++);
    }
    /* An unterminated single quote is taken to run to the end, as virsh
     * does; an unterminated double quote is an error. */
    if (dquote) {
        virtshError(ctl, "%s", "missing \"");
        return VIRTSH_TOKEN_ERROR;
    }

    w->pos = p;
    *word = g_string_free(g_steal_pointer(&buf), FALSE);
    return VIRTSH_TOKEN_WORD;
}


static virtshToken
virtshWordsNext(virtshControl *ctl, virtshWords *w, char **word)
{
    *word = NULL;
    if (w->pos)
        return virtshWordsNextString(ctl, w, word);
    if (w->idx >= w->argc)
        return VIRTSH_TOKEN_END;
    *word = g_strdup(w->argv[w->idx++]);
    return VIRTSH_TOKEN_WORD;
}


/* ---- matching words to options -------------------------------------- */

/* One command being parsed. */
typedef struct {
    const virtshCmdDef *def;
    virtshCmd *cmd;
    guint64 positional;     /* options a bare word may still fill */
    guint64 seen;
    bool data_only;         /* after "--" */
    bool want_help;         /* --help anywhere */
} virtshParseState;


static void
virtshParseStateInit(virtshParseState *st, const virtshCmdDef *def)
{
    size_t i;

    memset(st, 0, sizeof(*st));
    st->def = def;
    st->cmd = g_new0(virtshCmd, 1);
    st->cmd->def = def;
    st->cmd->opts = g_array_new(FALSE, TRUE, sizeof(virtshCmdOpt));
    for (i = 0; def->opts && def->opts[i].name; i++) {
        g_assert(i < VIRTSH_MAX_OPTS);
        if (def->opts[i].type != VIRTSH_OT_BOOL &&
            !(def->opts[i].flags & VIRTSH_OFLAG_NAMED))
            st->positional |= G_GUINT64_CONSTANT(1) << i;
    }
}


static void
virtshParseAdd(virtshParseState *st, size_t idx, char *value)
{
    virtshCmdOpt opt = { &st->def->opts[idx], value };

    st->seen |= G_GUINT64_CONSTANT(1) << idx;
    st->positional &= ~(G_GUINT64_CONSTANT(1) << idx);
    g_array_append_val(st->cmd->opts, opt);
}


static bool
virtshIsHelpCmd(const virtshCmdDef *def)
{
    return strcmp(def->name, "help") == 0;
}


/* "--name" or "--name=value". Returns false with an error printed. */
static bool
virtshParseOption(virtshControl *ctl, virtshParseState *st, virtshWords *w,
                  char *word)
{
    char *name = word + 2;
    char *eq = strchr(name, '=');
    const char *value = NULL;
    size_t i;

    if (eq) {
        *eq = '\0';
        value = eq + 1;
    }

    /* Every command accepts --help, turning it into 'help COMMAND'. */
    if (strcmp(name, "help") == 0) {
        if (value) {
            virtshError(ctl, "invalid '=' after option --%s", name);
            return false;
        }
        st->want_help = true;
        return true;
    }

    for (i = 0; st->def->opts && st->def->opts[i].name; i++) {
        if (strcmp(st->def->opts[i].name, name) == 0)
            break;
    }
    if (!st->def->opts || !st->def->opts[i].name) {
        /* 'help' shrugs off whatever else it is given. */
        if (virtshIsHelpCmd(st->def))
            return true;
        virtshError(ctl, "command '%s' doesn't support option --%s", st->def->name, name);
        return false;
    }
    if (st->seen & (G_GUINT64_CONSTANT(1) << i)) {
        virtshError(ctl, "option --%s already seen", name);
        return false;
    }

    if (st->def->opts[i].type == VIRTSH_OT_BOOL) {
        if (value) {
            virtshError(ctl, "invalid '=' after option --%s", name);
            return false;
        }
        virtshParseAdd(st, i, NULL);
        return true;
    }

    if (value) {
        virtshParseAdd(st, i, g_strdup(value));
    } else {
        char *next = NULL;
        virtshToken tk = virtshWordsNext(ctl, w, &next);

        if (tk == VIRTSH_TOKEN_ERROR)
            return false;
        if (tk != VIRTSH_TOKEN_WORD) {
            virtshError(ctl, "expected syntax: --%s <%s>", name,
                        st->def->opts[i].type == VIRTSH_OT_INT ? "number" : "string");
            return false;
        }
        virtshParseAdd(st, i, next);
    }
    return true;
}


/* A bare word: the first option a bare word may still fill. */
static bool
virtshParseData(virtshControl *ctl, virtshParseState *st, char *word)
{
    if (st->positional == 0) {
        if (virtshIsHelpCmd(st->def)) {
            g_free(word);
            return true;
        }
        virtshError(ctl, "unexpected data '%s'", word);
        g_free(word);
        return false;
    }
    virtshParseAdd(st, g_bit_nth_lsf(st->positional, -1), word);
    return true;
}


/* The command is complete: apply --help, check required options. */
static virtshCmd *
virtshParseFinish(virtshControl *ctl, virtshParseState *st)
{
    g_autoptr(virtshCmd) cmd = g_steal_pointer(&st->cmd);
    size_t i;

    if (st->want_help) {
        const virtshCmdDef *help = virtshCmdDefLookup("help");
        virtshParseState hst;

        virtshParseStateInit(&hst, help);
        virtshParseAdd(&hst, 0, g_strdup(st->def->name));
        return hst.cmd;
    }

    for (i = 0; st->def->opts && st->def->opts[i].name; i++) {
        if ((st->def->opts[i].flags & VIRTSH_OFLAG_REQ) &&
            !(st->seen & (G_GUINT64_CONSTANT(1) << i))) {
            virtshError(ctl, "command '%s' requires <%s> option",
                        st->def->name, st->def->opts[i].name);
            return NULL;
        }
    }
    return g_steal_pointer(&cmd);
}


static bool
virtshParse(virtshControl *ctl, virtshWords *w, virtshCmd **cmds)
{
    g_autoptr(virtshCmd) head = NULL;
    virtshCmd **tail = &head;
    virtshToken tk;

    *cmds = NULL;
    do {
        virtshParseState st = { 0 };
        g_autoptr(virtshCmd) pending = NULL;

        for (;;) {
            char *word = NULL;

            tk = virtshWordsNext(ctl, w, &word);
            if (tk == VIRTSH_TOKEN_ERROR)
                return false;
            if (tk != VIRTSH_TOKEN_WORD)
                break;

            if (!st.def) {
                const virtshCmdDef *def = virtshCmdDefLookup(word);

                if (!def) {
                    virtshError(ctl, "unknown command: '%s'", word);
                    g_free(word);
                    return false;
                }
                g_free(word);
                virtshParseStateInit(&st, def);
                pending = st.cmd;   /* freed on error; handed over below */
                continue;
            }

            if (!st.data_only && word[0] == '-' && word[1] == '-' &&
                g_ascii_isalnum(word[2])) {
                bool ok = virtshParseOption(ctl, &st, w, word);

                g_free(word);
                if (!ok)
                    return false;
            } else if (!st.data_only && strcmp(word, "--") == 0) {
                st.data_only = true;
                g_free(word);
            } else if (!virtshParseData(ctl, &st, word)) {
                return false;
            }
        }

        if (st.def) {
            virtshCmd *cmd;

            g_steal_pointer(&pending);
            if (!(cmd = virtshParseFinish(ctl, &st)))
                return false;
            *tail = cmd;
            tail = &cmd->next;
        }
    } while (tk != VIRTSH_TOKEN_END);

    *cmds = g_steal_pointer(&head);
    return true;
}


bool
virtshParseString(virtshControl *ctl, const char *line, virtshCmd **cmds)
{
    virtshWords w = { .pos = line };

    return virtshParse(ctl, &w, cmds);
}


bool
virtshParseArgv(virtshControl *ctl, int argc, char **argv, virtshCmd **cmds)
{
    virtshWords w = { .argv = argv, .argc = argc };

    return virtshParse(ctl, &w, cmds);
}


/* ---- option access -------------------------------------------------- */

static const virtshCmdOpt *
virtshOptFind(const virtshCmd *cmd, const char *name)
{
    size_t i;

    for (i = 0; i < cmd->opts->len; i++) {
        const virtshCmdOpt *opt = &g_array_index(cmd->opts, virtshCmdOpt, i);

        if (strcmp(opt->def->name, name) == 0)
            return opt;
    }
    return NULL;
}


bool
virtshOptBool(const virtshCmd *cmd, const char *name)
{
    return virtshOptFind(cmd, name) != NULL;
}


int
virtshOptString(virtshControl *ctl, const virtshCmd *cmd, const char *name,
                const char **value)
{
    const virtshCmdOpt *opt = virtshOptFind(cmd, name);

    *value = NULL;
    if (!opt)
        return 0;
    if (!*opt->value && !(opt->def->flags & VIRTSH_OFLAG_EMPTY_OK)) {
        virtshError(ctl, "Failed to get option '%s': %s", name, "Option argument is empty");
        return -1;
    }
    *value = opt->value;
    return 1;
}


int
virtshOptUInt(virtshControl *ctl, const virtshCmd *cmd, const char *name,
              unsigned int *value)
{
    const virtshCmdOpt *opt = virtshOptFind(cmd, name);
    const char *s;
    char *end = NULL;
    unsigned long long v = 0;

    if (!opt)
        return 0;
    s = opt->value;
    while (g_ascii_isspace(*s))
        s++;
    errno = 0;
    /* strtoull would quietly wrap a minus sign; a count is never negative. */
    if (*s != '-')
        v = strtoull(s, &end, 10);
    if (!end || end == s || *end || errno || v > UINT_MAX) {
        virtshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                    opt->value, name);
        return -1;
    }
    *value = v;
    return 1;
}


int
virtshOptInt(virtshControl *ctl, const virtshCmd *cmd, const char *name, int *value)
{
    const virtshCmdOpt *opt = virtshOptFind(cmd, name);
    char *end = NULL;
    long long v;

    if (!opt)
        return 0;
    errno = 0;
    v = strtoll(opt->value, &end, 10);
    if (end == opt->value || *end || errno || v < INT_MIN || v > INT_MAX) {
        virtshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                    opt->value, name);
        return -1;
    }
    *value = v;
    return 1;
}


int
virtshOptTimeoutMs(virtshControl *ctl, const virtshCmd *cmd, int *timeout)
{
    unsigned int secs;
    int rc;

    if ((rc = virtshOptUInt(ctl, cmd, "timeout", &secs)) <= 0)
        return rc;
    if (secs == 0 || secs > INT_MAX / 1000) {
        virtshError(ctl, "Numeric value '%u' for <%s> option is malformed or out of range",
                    secs, "timeout");
        return -1;
    }
    *timeout = secs * 1000;
    return 1;
}


bool
virtshOptExclusive(virtshControl *ctl, const virtshCmd *cmd, const char *a, const char *b)
{
    if (virtshOptBool(cmd, a) && virtshOptBool(cmd, b)) {
        virtshError(ctl, "Options --%s and --%s are mutually exclusive", a, b);
        return false;
    }
    return true;
}


/* ---- help ----------------------------------------------------------- */

static const char *
virtshOptValueName(const virtshOptDef *opt)
{
    return opt->type == VIRTSH_OT_INT ? "number" : "string";
}


char *
virtshCmdSynopsis(const virtshCmdDef *def)
{
    GString *buf = g_string_new(def->name);
    const virtshOptDef *opt;

    for (opt = def->opts; opt && opt->name; opt++) {
        if (opt->type == VIRTSH_OT_BOOL)
            g_string_append_printf(buf, " [--%s]", opt->name);
        else if (opt->flags & VIRTSH_OFLAG_REQ)
            g_string_append_printf(buf, " <%s>", opt->name);
        else
            g_string_append_printf(buf, " [--%s <%s>]", opt->name, virtshOptValueName(opt));
    }
    return g_string_free(buf, FALSE);
}


/* The left column of an option in 'help CMD' and the man page. */
static char *
virtshOptUsage(const virtshOptDef *opt)
{
    if (opt->type == VIRTSH_OT_BOOL)
        return g_strdup_printf("--%s", opt->name);
    if (opt->flags & VIRTSH_OFLAG_REQ)
        return g_strdup_printf("[--%s] <%s>", opt->name, virtshOptValueName(opt));
    return g_strdup_printf("--%s <%s>", opt->name, virtshOptValueName(opt));
}


bool
virtshHelpCommand(virtshControl *ctl, const char *name)
{
    const virtshCmdDef *def = virtshCmdDefLookup(name);
    g_autofree char *synopsis = NULL;
    const virtshOptDef *opt;

    if (!def) {
        virtshError(ctl, "command '%s' doesn't exist", name);
        return false;
    }

    synopsis = virtshCmdSynopsis(def);
    printf("  NAME\n    %s - %s\n\n  SYNOPSIS\n    %s\n", def->name, def->summary, synopsis);
    if (def->description && *def->description)
        printf("\n  DESCRIPTION\n    %s\n", def->description);
    if (def->opts && def->opts->name) {
        printf("\n  OPTIONS\n");
        for (opt = def->opts; opt->name; opt++) {
            g_autofree char *usage = virtshOptUsage(opt);

            printf("    %-15s  %s\n", usage, opt->help);
        }
    }
    printf("\n");
    return true;
}


static void
virtshHelpGroupPrint(const virtshCmdGroup *grp)
{
    const virtshCmdDef *def;

    printf(" %s (help keyword '%s'):\n", grp->name, grp->keyword);
    for (def = grp->cmds; def->name; def++) {
        if (def->flags & VIRTSH_CMD_HIDDEN)
            continue;
        printf("    %-30s %s\n", def->name, def->summary);
    }
    printf("\n");
}


bool
virtshHelpGroup(virtshControl *ctl, const char *keyword)
{
    const virtshCmdGroup *grp = virtshCmdGroupLookup(keyword);

    if (!grp) {
        virtshError(ctl, "command group '%s' doesn't exist", keyword);
        return false;
    }
    virtshHelpGroupPrint(grp);
    return true;
}


void
virtshHelpCommandList(void)
{
    const virtshCmdGroup *grp;

    for (grp = virtshCmdGroups; grp->name; grp++)
        virtshHelpGroupPrint(grp);
}


void
virtshHelpAll(void)
{
    printf("Commands, by group ('help KEYWORD' shows one group, "
           "'help COMMAND' one command):\n\n");
    virtshHelpCommandList();
}


/* ---- the man page --------------------------------------------------- */

/* Text safe for roff: backslashes and hyphens escaped, and no line may
 * start with a control character. */
static void
virtshManText(const char *text)
{
    const char *p;

    if (*text == '.' || *text == '\'')
        fputs("\\&", stdout);
    for (p = text; *p; p++) {
        if (*p == '\\')
            fputs("\\e", stdout);
        else if (*p == '-')
            fputs("\\-", stdout);
        else
            putchar(*p);
    }
}


static void
virtshManLine(const char *macro, const char *text)
{
    if (macro)
        printf("%s ", macro);
    virtshManText(text);
    putchar('\n');
}


static void
virtshManCommand(const virtshCmdDef *def)
{
    g_autofree char *synopsis = virtshCmdSynopsis(def);
    const virtshOptDef *opt;

    printf(".TP\n");
    virtshManLine(".B", synopsis);
    virtshManLine(NULL, def->summary);
    if (def->description && *def->description &&
        strcmp(def->description, def->summary) != 0) {
        printf(".IP\n");
        virtshManLine(NULL, def->description);
    }
    if (def->opts && def->opts->name) {
        printf(".RS\n");
        for (opt = def->opts; opt->name; opt++) {
            g_autofree char *usage = virtshOptUsage(opt);

            printf(".TP\n");
            virtshManLine(".B", usage);
            virtshManLine(NULL, opt->help);
        }
        printf(".RE\n");
    }
}


void
virtshPrintMan(const virtshGlobalOpt *opts, const char *version)
{
    const virtshCmdGroup *grp;
    const virtshGlobalOpt *g;

    printf(".TH VIRTSH 1 \"\" \"virtsh %s\" \"User Commands\"\n", version);
    printf(".SH NAME\nvirtsh \\- manage virtual machines through the libvirt API\n");
    printf(".SH SYNOPSIS\n");
    printf(".B virtsh\n[\\fIOPTION\\fR]... [\\fICOMMAND_STRING\\fR]\n.br\n");
    printf(".B virtsh\n[\\fIOPTION\\fR]... \\fICOMMAND\\fR [\\fIARG\\fR]...\n");
    printf(".SH DESCRIPTION\n");
    virtshManLine(NULL, "virtsh runs the commands given on its command line, or, given none, "
                  "reads them from an interactive prompt with history and tab completion. "
                  "Several commands can share one string when separated by ';'.");
    printf(".PP\n");
    virtshManLine(NULL, "Wherever a command takes a domain, the domain may be named by its "
                  "numeric id, its UUID or its name, tried in that order.");
    printf(".PP\n");
    virtshManLine(NULL, "An option taking a value may be written --opt VALUE or --opt=VALUE. "
                  "The options shown in angle brackets may also be given as bare words, "
                  "in the order listed, and so may other options taking a value unless "
                  "the bare word is already taken.");

    printf(".SH OPTIONS\n");
    for (g = opts; g->help; g++) {
        GString *usage = g_string_new(NULL);

        if (g->shortopt)
            g_string_append_printf(usage, "-%c", g->shortopt);
        if (g->shortopt && g->longopt)
            g_string_append(usage, ", ");
        if (g->longopt)
            g_string_append_printf(usage, "--%s", g->longopt);
        if (g->arg)
            g_string_append_printf(usage, g->arg_optional ? "[=%s]" : " %s", g->arg);
        printf(".TP\n");
        virtshManLine(".B", usage->str);
        virtshManLine(NULL, g->help);
        g_string_free(usage, TRUE);
    }

    printf(".SH COMMANDS\n");
    for (grp = virtshCmdGroups; grp->name; grp++) {
        const virtshCmdDef *def;

        virtshManLine(".SS", grp->name);
        for (def = grp->cmds; def->name; def++) {
            if (!(def->flags & VIRTSH_CMD_HIDDEN))
                virtshManCommand(def);
        }
    }

    printf(".SH ENVIRONMENT\n");
    printf(".TP\n.B VIRTSH_DEFAULT_CONNECT_URI\n");
    virtshManLine(NULL, "The URI to connect to when -c is not given (VIRSH_DEFAULT_CONNECT_URI "
                  "is read too); without either the library picks its default.");
    printf(".TP\n.B VIRTSH_HISTSIZE\n");
    virtshManLine(NULL, "How many lines of history the interactive shell keeps (500).");
    printf(".SH FILES\n.TP\n.I $XDG_CACHE_HOME/virtsh/history\n");
    virtshManLine(NULL, "History of the interactive shell (~/.cache/virtsh/history by default).");
    printf(".SH EXIT STATUS\n");
    virtshManLine(NULL, "0 when the last command succeeded, 1 otherwise.");
}
