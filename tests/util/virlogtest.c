/* The log_filters / log_outputs syntax and the enum tables under it. */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "testutils.h"
#include "virlog.h"

VIR_LOG_INIT("tests.virlog");

static int
testParse(const void *opaque)
{
    const char *const good[] = { "", "1:qemu", "3:rpc 1:+util 4:conf", NULL };
    const char *const badFilters[] = { "qemu", "0:qemu", "5:qemu", "1:", NULL };
    const char *const badOutputs[] = { "stderr", "1:nowhere", "1:file", "1:file:",
                                       "1:stderr:extra", NULL };
    size_t i;

    for (i = 0; good[i]; i++) {
        if (virLogSetFilters(good[i]) < 0)
            return -1;
    }
    for (i = 0; badFilters[i]; i++) {
        if (virLogSetFilters(badFilters[i]) == 0) {
            fprintf(stderr, "accepted filter '%s'\n", badFilters[i]);
            return -1;
        }
    }
    for (i = 0; badOutputs[i]; i++) {
        if (virLogSetOutputs(badOutputs[i]) == 0) {
            fprintf(stderr, "accepted output '%s'\n", badOutputs[i]);
            return -1;
        }
    }
    virLogReset();
    return 0;
}

/* Filters decide by source name; outputs by their own level. */
static int
testFileOutput(const void *opaque)
{
    g_autofree char *dir = g_dir_make_tmp("virlogtest-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "out.log", NULL);
    g_autofree char *spec = g_strdup_printf("2:file:%s", path);
    g_autofree char *text = NULL;
    int ret = -1;

    if (virLogSetOutputs(spec) < 0 || virLogSetFilters("1:tests.virlog") < 0)
        goto cleanup;
    VIR_DEBUG("below the output's level");
    VIR_INFO("hello from the test");
    virLogReset();
    if (!g_file_get_contents(path, &text, NULL, NULL))
        goto cleanup;
    if (strstr(text, "below the output") || !strstr(text, "info : tests.virlog"))
        goto cleanup;
    ret = 0;
 cleanup:
    unlink(path);
    rmdir(dir);
    return ret;
}

static int
mymain(void)
{
    int ret = 0;

    ret |= virTestRun("filter and output syntax", testParse, NULL);
    ret |= virTestRun("file output with a filter", testFileOutput, NULL);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
