/* Which REMOTE procedures a read-only connection may call. The table
 * comes from the @ro annotations of remote_protocol.x; this test keeps it
 * honest: the whole table is pinned in a golden file (so every change is
 * seen in review), and no procedure whose name says it changes something
 * may be read-only. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "testutils.h"
#include "remote_dispatch.h"

/* Verbs in a procedure name that mean it changes state... */
static const char *const mutating[] = {
    "DEFINE", "UNDEFINE", "CREATE", "DESTROY", "SET", "SUSPEND", "RESUME",
    "SHUTDOWN", "REBOOT", "RESET", "UPDATE", "DELETE", "UPLOAD", "WIPE",
    "RESIZE", "BUILD", "MIGRATE", "SAVE", "RESTORE", "ATTACH", "DETACH", "INJECT",
    "SEND", "REVERT", "ABORT", "PIN", "OPEN", NULL,
};
/* ...unless the name is a question about it (GET_AUTOSTART, IS_UPDATED,
 * HAS_MANAGED_SAVE_IMAGE, LIST_DEFINED...). */
static const char *const asking[] = {
    "GET", "IS", "HAS", "LIST", "NUM", "LOOKUP", NULL,
};

static bool
testIsMutating(const char *name)
{
    g_auto(GStrv) words = g_strsplit(name, "_", -1);
    bool verb = false;
    size_t i;

    for (i = 0; words[i]; i++) {
        if (g_strv_contains(asking, words[i]))
            return false;
        verb |= g_strv_contains(mutating, words[i]);
    }
    return verb;
}

static int
testNoMutatingReadonly(const void *opaque)
{
    size_t i;
    int ret = 0;

    for (i = 0; i < remoteProgram.nprocs; i++) {
        const virNetServerProcedure *p = &remoteProgram.procs[i];

        /* Registering callbacks and opening/closing one's own connection
         * change nothing for others: allowed. */
        if (strstr(p->name, "EVENT") || strstr(p->name, "CLOSE_CALLBACK") ||
            strcmp(p->name, "CONNECT_OPEN") == 0 || strcmp(p->name, "CONNECT_CLOSE") == 0)
            continue;
        if (p->readonly && testIsMutating(p->name)) {
            fprintf(stderr, "%s changes state but is allowed read-only\n", p->name);
            ret = -1;
        }
    }
    return ret;
}

static int
testTable(const void *opaque)
{
    g_autofree char *path = virTestDataPath("readonly", "remote-procedures.txt");
    g_autoptr(GString) actual = g_string_new(NULL);
    size_t i;

    for (i = 0; i < remoteProgram.nprocs; i++) {
        const virNetServerProcedure *p = &remoteProgram.procs[i];

        g_string_append_printf(actual, "%d %s %s\n", p->proc, p->name,
                               p->readonly ? "read-only" : "read-write");
    }
    return virTestCompareToFile(actual->str, path);
}

static int
mymain(void)
{
    int ret = 0;

    ret |= virTestRun("procedure table matches the reviewed list", testTable, NULL);
    ret |= virTestRun("nothing that changes state is read-only", testNoMutatingReadonly, NULL);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
