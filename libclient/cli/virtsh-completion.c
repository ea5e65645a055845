/* virtsh: reading lines in the interactive shell, their history, and tab
 * completion of command names, option names and option values.
 *
 * Completion reads the same command table as the parser, so what it
 * offers is what the parser takes. It works on a plain string, which lets
 * the hidden 'complete' command (and tests) use it without a terminal;
 * readline only supplies the line and shows the answers. */
#include "virtsh.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef WITH_READLINE
# include <readline/readline.h>
# include <readline/history.h>
#endif

#define VIRTSH_HISTSIZE_DEFAULT 500

/* ---- splitting the line being typed --------------------------------- */

/* The words of the command the cursor is in, the last one being the word
 * under the cursor ("" right after a space). Quotes are honoured, errors
 * forgiven: the line is unfinished by nature. */
static GPtrArray *
virtshCompletionWords(const char *line, size_t point)
{
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    bool squote = false;
    bool dquote = false;
    bool in_word = false;
    size_t i;

    for (i = 0; i < point && line[i]; i++) {
        char c = line[i];

        if (!squote && !dquote && (c == ' ' || c == '\t' || c == ';' || c == '\n')) {
            if (in_word)
                g_ptr_array_add(words, g_strdup(cur->str));
            g_string_truncate(cur, 0);
            in_word = false;
            if (c == ';' || c == '\n')
                g_ptr_array_set_size(words, 0);
            continue;
        }
        in_word = true;
        if (!dquote && c == '\'') {
            squote = !squote;
        } else if (!squote && c == '"') {
            dquote = !dquote;
        } else if (!squote && c == '\\' && i + 1 < point) {
            g_string_append_c(cur, line[++i]);
        } else {
            g_string_append_c(cur, c);
        }
    }
    g_ptr_array_add(words, g_string_free(cur, FALSE));
    return words;
}


/* ---- candidates ----------------------------------------------------- */

static void
virtshAddIfPrefix(GPtrArray *out, const char *cand, const char *prefix)
{
    if (g_str_has_prefix(cand, prefix))
        g_ptr_array_add(out, g_strdup(cand));
}


static void
virtshCompleteCommands(GPtrArray *out, const char *prefix, bool groups)
{
    const virtshCmdGroup *grp;
    const virtshCmdDef *def;

    for (grp = virtshCmdGroups; grp->name; grp++) {
        if (groups)
            virtshAddIfPrefix(out, grp->keyword, prefix);
        for (def = grp->cmds; def->name; def++) {
            if (!(def->flags & VIRTSH_CMD_HIDDEN))
                virtshAddIfPrefix(out, def->name, prefix);
        }
    }
}


/* Domain names, only over a connection that is already open: pressing
 * tab should not dial a hypervisor. */
static void
virtshCompleteDomains(virtshControl *ctl, GPtrArray *out, const char *prefix)
{
    virDomainPtr *doms = NULL;
    int n;
    int i;

    if (!ctl->conn)
        return;
    if ((n = virConnectListAllDomains(ctl->conn, &doms, 0)) < 0) {
        virtshResetLibvirtError(ctl);
        return;
    }
    for (i = 0; i < n; i++) {
        virtshAddIfPrefix(out, virDomainGetName(doms[i]), prefix);
        virDomainFree(doms[i]);
    }
    free(doms);
}


/* Network names, likewise only over an open connection. */
static void
virtshCompleteNetworks(virtshControl *ctl, GPtrArray *out, const char *prefix)
{
    virNetworkPtr *nets = NULL;
    int n;
    int i;

    if (!ctl->conn)
        return;
    if ((n = virConnectListAllNetworks(ctl->conn, &nets, 0)) < 0) {
        virtshResetLibvirtError(ctl);
        return;
    }
    for (i = 0; i < n; i++) {
        virtshAddIfPrefix(out, virNetworkGetName(nets[i]), prefix);
        virNetworkFree(nets[i]);
    }
    free(nets);
}


static void
virtshCompleteFiles(GPtrArray *out, const char *prefix)
{
    g_autofree char *dir = NULL;
    g_autofree char *base = NULL;
    const char *slash = strrchr(prefix, '/');
    g_autoptr(GDir) d = NULL;
    const char *ent;

    if (slash) {
        dir = g_strndup(prefix, slash - prefix + 1);
        base = g_strdup(slash + 1);
    } else {
        base = g_strdup(prefix);
    }
    if (!(d = g_dir_open(dir ? dir : ".", 0, NULL)))
        return;
    while ((ent = g_dir_read_name(d))) {
        g_autofree char *full = NULL;
        g_autofree char *path = NULL;

        if (!g_str_has_prefix(ent, base) || (ent[0] == '.' && base[0] != '.'))
            continue;
        full = g_strconcat(dir ? dir : "", ent, NULL);
        path = g_strdup(full);
        if (g_file_test(path, G_FILE_TEST_IS_DIR))
            g_ptr_array_add(out, g_strconcat(full, "/", NULL));
        else
            g_ptr_array_add(out, g_steal_pointer(&full));
    }
}


static void
virtshCompleteValue(virtshControl *ctl, GPtrArray *out, const virtshOptDef *opt,
                    const char *prefix)
{
    size_t i;

    switch (opt->completer) {
    case VIRTSH_COMPLETE_DOMAIN:
        virtshCompleteDomains(ctl, out, prefix);
        break;
    case VIRTSH_COMPLETE_NETWORK:
        virtshCompleteNetworks(ctl, out, prefix);
        break;
    case VIRTSH_COMPLETE_FILE:
        virtshCompleteFiles(out, prefix);
        break;
    case VIRTSH_COMPLETE_EVENT:
        for (i = 0; virtshEventTypeName(i); i++)
            virtshAddIfPrefix(out, virtshEventTypeName(i), prefix);
        break;
    case VIRTSH_COMPLETE_COMMAND:
        virtshCompleteCommands(out, prefix, true);
        break;
    case VIRTSH_COMPLETE_NONE:
        break;
    }
}


static int
virtshOptIndex(const virtshCmdDef *def, const char *name)
{
    int i;

    for (i = 0; def->opts && def->opts[i].name; i++) {
        if (strcmp(def->opts[i].name, name) == 0)
            return i;
    }
    return -1;
}


/* The options of def not given yet; value_of is set when the word under
 * the cursor is the value of the option before it. */
static void
virtshCompletionState(const virtshCmdDef *def, GPtrArray *words, guint64 *used,
                      int *value_of)
{
    bool data_only = false;
    size_t i;

    *used = 0;
    *value_of = -1;
    for (i = 1; i + 1 < words->len; i++) {
        const char *w = g_ptr_array_index(words, i);
        int idx;

        if (!data_only && strcmp(w, "--") == 0) {
            data_only = true;
            continue;
        }
        if (!data_only && g_str_has_prefix(w, "--")) {
            g_autofree char *name = g_strdup(w + 2);
            char *eq = strchr(name, '=');

            if (eq)
                *eq = '\0';
            if ((idx = virtshOptIndex(def, name)) < 0)
                continue;
            *used |= G_GUINT64_CONSTANT(1) << idx;
            if (def->opts[idx].type != VIRTSH_OT_BOOL && !eq) {
                if (i + 2 == words->len)
                    *value_of = idx;
                i++;
            }
            continue;
        }
        /* A bare word fills the first positional option still free. */
        for (idx = 0; def->opts && def->opts[idx].name; idx++) {
            if (def->opts[idx].type != VIRTSH_OT_BOOL &&
                !(def->opts[idx].flags & VIRTSH_OFLAG_NAMED) &&
                !(*used & (G_GUINT64_CONSTANT(1) << idx))) {
                *used |= G_GUINT64_CONSTANT(1) << idx;
                break;
            }
        }
    }
}


static gint
virtshCompareStrings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}


char **
virtshComplete(virtshControl *ctl, const char *line, size_t point)
{
    g_autoptr(GPtrArray) words = virtshCompletionWords(line, point);
    GPtrArray *out = g_ptr_array_new();
    const char *cur = g_ptr_array_index(words, words->len - 1);
    const virtshCmdDef *def;
    guint64 used;
    int value_of;
    int i;

    if (words->len == 1) {
        virtshCompleteCommands(out, cur, false);
        goto done;
    }
    if (!(def = virtshCmdDefLookup(g_ptr_array_index(words, 0))))
        goto done;

    virtshCompletionState(def, words, &used, &value_of);
    if (value_of >= 0) {
        virtshCompleteValue(ctl, out, &def->opts[value_of], cur);
        goto done;
    }

    if (!g_str_has_prefix(cur, "-")) {
        /* A value for the next positional option, if it has completions. */
        for (i = 0; def->opts && def->opts[i].name; i++) {
            if (def->opts[i].type != VIRTSH_OT_BOOL &&
                !(def->opts[i].flags & VIRTSH_OFLAG_NAMED) &&
                !(used & (G_GUINT64_CONSTANT(1) << i))) {
                virtshCompleteValue(ctl, out, &def->opts[i], cur);
                break;
            }
        }
        if (out->len > 0 || *cur)
            goto done;
    }

    for (i = 0; def->opts && def->opts[i].name; i++) {
        g_autofree char *opt = NULL;

        if (used & (G_GUINT64_CONSTANT(1) << i))
            continue;
        opt = g_strdup_printf("--%s", def->opts[i].name);
        virtshAddIfPrefix(out, opt, cur);
    }

 done:
    g_ptr_array_sort(out, virtshCompareStrings);
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}


/* ---- line reading --------------------------------------------------- */

#ifdef WITH_READLINE
/* readline's callbacks take no user data, hence this one global. */
static virtshControl *virtshReadlineCtl;
static char *virtshHistoryFile;
static char **virtshMatches;
static size_t virtshMatchNext;

static char *
virtshReadlineGenerator(const char *text G_GNUC_UNUSED, int state)
{
    if (state == 0) {
        g_strfreev(virtshMatches);
        virtshMatches = virtshComplete(virtshReadlineCtl, rl_line_buffer, rl_point);
        virtshMatchNext = 0;
    }
    if (!virtshMatches || !virtshMatches[virtshMatchNext])
        return NULL;
    /* readline frees the answer with free(). */
    return strdup(virtshMatches[virtshMatchNext++]);
}


static char **
virtshReadlineCompletion(const char *text, int start G_GNUC_UNUSED, int end G_GNUC_UNUSED)
{
    char **matches;

    /* Never fall back to readline's file names: our completer knows
     * where files belong. */
    rl_attempted_completion_over = 1;
    matches = rl_completion_matches(text, virtshReadlineGenerator);
    /* A directory is a step, not an answer: no space after it. */
    if (matches && matches[0] && !matches[1] && g_str_has_suffix(matches[0], "/"))
        rl_completion_suppress_append = 1;
    return matches;
}
#endif


void
virtshReadlineInit(virtshControl *ctl)
{
#ifdef WITH_READLINE
    g_autofree char *dir = NULL;
    const char *env;
    int histsize = VIRTSH_HISTSIZE_DEFAULT;

    if (!ctl->istty || virtshReadlineCtl)
        return;
    virtshReadlineCtl = ctl;
    rl_readline_name = VIRTSH_PROGRAM;
    rl_attempted_completion_function = virtshReadlineCompletion;
    /* Words split where the parser splits them. */
    rl_basic_word_break_characters = (char *)" \t\n;";

    if ((env = g_getenv("VIRTSH_HISTSIZE"))) {
        char *end = NULL;
        long v = strtol(env, &end, 10);

        if (end != env && !*end && v >= 0 && v <= 100000)
            histsize = v;
        else
            virtshError(ctl, "%s", "Bad $VIRTSH_HISTSIZE value.");
    }
    stifle_history(histsize);

    /* History is a convenience: a cache directory we cannot create just
     * means none is kept. */
    dir = g_build_filename(g_get_user_cache_dir(), VIRTSH_PROGRAM, NULL);
    if (g_mkdir_with_parents(dir, 0755) == 0 && access(dir, W_OK) == 0) {
        virtshHistoryFile = g_build_filename(dir, "history", NULL);
        read_history(virtshHistoryFile);
    }
#else
    (void)ctl;
#endif
}


void
virtshReadlineDeinit(virtshControl *ctl G_GNUC_UNUSED)
{
#ifdef WITH_READLINE
    if (!virtshReadlineCtl)
        return;
    if (virtshHistoryFile)
        write_history(virtshHistoryFile);
    g_clear_pointer(&virtshHistoryFile, g_free);
    g_clear_pointer(&virtshMatches, g_strfreev);
    virtshReadlineCtl = NULL;
#endif
}


/* Without a terminal, lines come from a pipe or file. The prompt and the
 * line are written out as readline does for such input, so a transcript
 * reads the same either way. */
static char *
virtshReadlinePlain(virtshControl *ctl, const char *prompt)
{
    g_autofree char *line = NULL;
    size_t cap = 0;
    ssize_t len;

    fputs(prompt, stdout);
    fflush(stdout);
    if ((len = getline(&line, &cap, stdin)) < 0)
        return NULL;
    if (len > 0 && line[len - 1] == '\n')
        line[--len] = '\0';
    if (!ctl->istty) {
        fputs(line, stdout);
        fputc('\n', stdout);
    }
    /* getline allocates with malloc; hand out GLib memory. */
    return g_strdup(line);
}


char *
virtshReadline(virtshControl *ctl, const char *prompt)
{
#ifdef WITH_READLINE
    if (virtshReadlineCtl) {
        char *line = readline(prompt);
        char *ret = g_strdup(line);

        free(line);
        return ret;
    }
#endif
    return virtshReadlinePlain(ctl, prompt);
}


void
virtshReadlineHistoryAdd(const char *line)
{
#ifdef WITH_READLINE
    if (virtshReadlineCtl)
        add_history(line);
#else
    (void)line;
#endif
}
