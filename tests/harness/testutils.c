#include "testutils.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virerror.h"

/* Lines of context around each change in a diff report. */
#define VIR_TEST_DIFF_CONTEXT 3
/* Beyond this many line pairs the report falls back to whole texts. */
#define VIR_TEST_DIFF_MAX_CELLS (16 * 1024 * 1024)

typedef struct {
    int start;
    int end;        /* inclusive */
    bool exclude;
} virTestRange;

/* Tests are single-threaded programs: plain statics are enough here. */
static struct {
    unsigned int counter;
    unsigned int failed;
    bool debug;
    bool regenerate;
    const char *dataDir;
    GArray *ranges;         /* of virTestRange; NULL runs every case */
    GHashTable *usedFiles;  /* paths handed out or compared */
} testState;

bool
virTestGetDebug(void)
{
    return testState.debug;
}

static bool
virTestEnvFlag(const char *name)
{
    const char *val = g_getenv(name);

    return val && *val && strcmp(val, "0") != 0;
}

static int
virTestParseRange(const char *spec)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", 0);
    size_t i;

    testState.ranges = g_array_new(FALSE, FALSE, sizeof(virTestRange));
    for (i = 0; parts[i]; i++) {
        virTestRange r = { 0 };
        const char *p = g_strstrip(parts[i]);
        char *end = NULL;

        if (!*p)
            continue;
        if (*p == '^') {
            r.exclude = true;
            p++;
        }
        r.start = strtol(p, &end, 10);
        r.end = r.start;
        if (end && *end == '-')
            r.end = strtol(end + 1, &end, 10);
        if (!end || *end || r.start <= 0 || r.end < r.start) {
            fprintf(stderr, "invalid VIR_TEST_RANGE element '%s'\n", parts[i]);
            return -1;
        }
        g_array_append_val(testState.ranges, r);
    }
    return 0;
}

static bool
virTestInRange(unsigned int n)
{
    bool included = false;
    bool anyInclude = false;
    size_t i;

    if (!testState.ranges)
        return true;
    for (i = 0; i < testState.ranges->len; i++) {
        virTestRange *r = &g_array_index(testState.ranges, virTestRange, i);
        bool hit = (int)n >= r->start && (int)n <= r->end;

        if (r->exclude) {
            if (hit)
                return false;
        } else {
            anyInclude = true;
            included |= hit;
        }
    }
    return included || !anyInclude;
}

int
virTestRun(const char *title, int (*body)(const void *data), const void *data)
{
    unsigned int n = ++testState.counter;
    int ret;

    if (!virTestInRange(n)) {
        printf("ok %u - %s # SKIP not in VIR_TEST_RANGE\n", n, title);
        return 0;
    }

    virErrorReset();
    ret = body(data);
    fflush(stderr);
    if (ret == 0) {
        printf("ok %u - %s\n", n, title);
    } else {
        const virErrorInfo *err = virErrorGetLast();

        testState.failed++;
        printf("not ok %u - %s\n", n, title);
        if (testState.debug) {
            fprintf(stderr, "case %u (%s) failed: %s\n", n, title,
                    err && err->message ? err->message : "no error reported");
        }
    }
    fflush(stdout);
    virErrorReset();
    return ret;
}

int
virTestMain(int argc, char **argv, int (*mymain)(void))
{
    const char *range = g_getenv("VIR_TEST_RANGE");
    int ret;

    if (argc > 1) {
        fprintf(stderr, "usage: %s (configured through VIR_TEST_* variables)\n", argv[0]);
        return EXIT_FAILURE;
    }

    testState.debug = virTestEnvFlag("VIR_TEST_DEBUG");
    testState.regenerate = virTestEnvFlag("VIR_TEST_REGENERATE_OUTPUT");
    testState.dataDir = g_getenv("VIR_TEST_DATA_DIR");
#ifdef VIR_TEST_DEFAULT_DATA_DIR
    if (!testState.dataDir)
        testState.dataDir = VIR_TEST_DEFAULT_DATA_DIR;
#endif
    if (!testState.dataDir) {
        fprintf(stderr, "VIR_TEST_DATA_DIR is not set\n");
        return EXIT_FAILURE;
    }
    if (range && *range && virTestParseRange(range) < 0)
        return EXIT_FAILURE;
    testState.usedFiles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    ret = mymain();

    printf("1..%u\n", testState.counter);
    fflush(stdout);

    g_clear_pointer(&testState.usedFiles, g_hash_table_unref);
    if (testState.ranges)
        g_array_free(testState.ranges, TRUE);
    testState.ranges = NULL;

    if (ret != 0 || testState.failed > 0)
        return EXIT_FAILURE;
    return EXIT_SUCCESS;
}

static void
virTestMarkUsed(const char *path)
{
    if (testState.usedFiles)
        g_hash_table_add(testState.usedFiles, g_strdup(path));
}

char *
virTestDataPath(const char *suite, const char *name)
{
    char *path = g_build_filename(testState.dataDir, suite, name, NULL);

    virTestMarkUsed(path);
    return path;
}

int
virTestLoadFile(const char *path, char **buf)
{
    g_autoptr(GError) gerr = NULL;

    virTestMarkUsed(path);
    if (!g_file_get_contents(path, buf, NULL, &gerr)) {
        fprintf(stderr, "cannot read '%s': %s\n", path, gerr->message);
        return -1;
    }
    return 0;
}

typedef struct {
    char op;        /* ' ', '-' or '+' */
    const char *line;
} virTestDiffOp;

/* Line-level diff through a longest-common-subsequence table: the files
 * compared here are small, so quadratic cost is fine. */
static GArray *
virTestDiffOps(char **a, size_t na, char **b, size_t nb)
{
    GArray *ops = g_array_new(FALSE, FALSE, sizeof(virTestDiffOp));
    g_autofree unsigned int *lcs = g_new0(unsigned int, (na + 1) * (nb + 1));
    size_t i, j;

#define LCS(x, y) lcs[(x) * (nb + 1) + (y)]
    for (i = na; i-- > 0;) {
        for (j = nb; j-- > 0;) {
            if (strcmp(a[i], b[j]) == 0)
                LCS(i, j) = LCS(i + 1, j + 1) + 1;
            else
                LCS(i, j) = MAX(LCS(i + 1, j), LCS(i, j + 1));
        }
    }

    i = j = 0;
    while (i < na || j < nb) {
        virTestDiffOp op;

        if (i < na && j < nb && strcmp(a[i], b[j]) == 0) {
            op = (virTestDiffOp){ ' ', a[i] };
            i++;
            j++;
        } else if (i < na && (j == nb || LCS(i + 1, j) >= LCS(i, j + 1))) {
            op = (virTestDiffOp){ '-', a[i++] };
        } else {
            op = (virTestDiffOp){ '+', b[j++] };
        }
        g_array_append_val(ops, op);
    }
#undef LCS
    return ops;
}

static void
virTestPrintHunks(GArray *ops)
{
    size_t nops = ops->len;
    size_t k = 0;
    size_t apos = 0, bpos = 0;   /* lines consumed before ops[k] */

    while (k < nops) {
        size_t first, last, m;
        size_t astart, bstart, alen = 0, blen = 0;

        /* Find the next change. */
        while (k < nops && g_array_index(ops, virTestDiffOp, k).op == ' ') {
            k++;
            apos++;
            bpos++;
        }
        if (k == nops)
            break;

        first = k > VIR_TEST_DIFF_CONTEXT ? k - VIR_TEST_DIFF_CONTEXT : 0;
        astart = apos - (k - first);
        bstart = bpos - (k - first);

        /* Extend while changes are closer than twice the context. */
        last = k;
        for (m = k; m < nops; m++) {
            if (g_array_index(ops, virTestDiffOp, m).op != ' ')
                last = m;
            else if (m - last > 2 * VIR_TEST_DIFF_CONTEXT)
                break;
        }
        last = MIN(last + VIR_TEST_DIFF_CONTEXT, nops - 1);

        for (m = first; m <= last; m++) {
            char op = g_array_index(ops, virTestDiffOp, m).op;
            if (op != '+')
                alen++;
            if (op != '-')
                blen++;
        }
        fprintf(stderr, "@@ -%zu,%zu +%zu,%zu @@\n",
                alen ? astart + 1 : astart, alen, blen ? bstart + 1 : bstart, blen);
        for (m = first; m <= last; m++) {
            virTestDiffOp *op = &g_array_index(ops, virTestDiffOp, m);
            fprintf(stderr, "%c%s\n", op->op, op->line);
        }

        for (; k <= last; k++) {
            char op = g_array_index(ops, virTestDiffOp, k).op;
            if (op != '+')
                apos++;
            if (op != '-')
                bpos++;
        }
    }
}

static void
virTestPrintDiff(const char *expected, const char *actual, const char *path)
{
    g_auto(GStrv) a = g_strsplit(expected, "\n", -1);
    g_auto(GStrv) b = g_strsplit(actual, "\n", -1);
    size_t na = g_strv_length(a);
    size_t nb = g_strv_length(b);

    /* A final newline leaves an empty last element: not a line. */
    if (na && !*a[na - 1])
        na--;
    if (nb && !*b[nb - 1])
        nb--;
    fflush(stdout);
    fprintf(stderr, "--- %s (expected)\n+++ actual\n", path);
    if ((double)na * nb > VIR_TEST_DIFF_MAX_CELLS) {
        fprintf(stderr, "(too large to diff)\nexpected:\n%s\nactual:\n%s\n", expected, actual);
    } else {
        g_autoptr(GArray) ops = virTestDiffOps(a, na, b, nb);
        virTestPrintHunks(ops);
    }
    if (g_str_has_suffix(expected, "\n") != g_str_has_suffix(actual, "\n"))
        fprintf(stderr, "(texts differ in the newline at the end)\n");
    fflush(stderr);
}

int
virTestCompareToFile(const char *actual, const char *path)
{
    g_autofree char *expected = NULL;
    g_autoptr(GError) gerr = NULL;

    virTestMarkUsed(path);
    if (!actual)
        actual = "";

    if (!g_file_get_contents(path, &expected, NULL, &gerr)) {
        if (!testState.regenerate) {
            fprintf(stderr, "cannot read expected output '%s': %s "
                    "(VIR_TEST_REGENERATE_OUTPUT=1 creates it)\n", path, gerr->message);
            return -1;
        }
    } else if (strcmp(expected, actual) == 0) {
        return 0;
    }

    if (testState.regenerate) {
        g_clear_error(&gerr);
        if (!g_file_set_contents(path, actual, -1, &gerr)) {
            fprintf(stderr, "cannot write '%s': %s\n", path, gerr->message);
            return -1;
        }
        return 0;
    }

    virTestPrintDiff(expected, actual, path);
    return -1;
}

/* g_ptr_array_sort hands the comparator pointers to the elements. */
static int
virTestCompareRelname(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char * const *)a, *(const char * const *)b);
}

static int
virTestCollectUnused(const char *dir, const char *rel, GPtrArray *unused)
{
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GDir) d = g_dir_open(dir, 0, &gerr);
    const char *name;

    if (!d) {
        fprintf(stderr, "cannot list '%s': %s\n", dir, gerr->message);
        return -1;
    }
    while ((name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);
        g_autofree char *relname = rel ? g_build_filename(rel, name, NULL) : g_strdup(name);

        if (name[0] == '.')
            continue;
        if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
            if (virTestCollectUnused(path, relname, unused) < 0)
                return -1;
            continue;
        }
        if (!g_hash_table_contains(testState.usedFiles, path))
            g_ptr_array_add(unused, g_steal_pointer(&relname));
    }
    return 0;
}

static int
virTestCheckUnusedBody(const void *opaque)
{
    const char *suite = opaque;
    g_autofree char *dir = g_build_filename(testState.dataDir, suite, NULL);
    g_autoptr(GPtrArray) unused = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    if (virTestCollectUnused(dir, NULL, unused) < 0)
        return -1;
    if (unused->len == 0)
        return 0;

    g_ptr_array_sort(unused, virTestCompareRelname);
    fflush(stdout);
    for (i = 0; i < unused->len; i++)
        fprintf(stderr, "unused file: %s\n", (const char *)g_ptr_array_index(unused, i));
    return -1;
}

int
virTestCheckUnusedFiles(const char *suite)
{
    g_autofree char *title = g_strdup_printf("no unused files in %s", suite);

    /* A narrowed run leaves files unused on purpose. */
    if (testState.ranges) {
        printf("ok %u - %s # SKIP VIR_TEST_RANGE is set\n", ++testState.counter, title);
        return 0;
    }
    return virTestRun(title, virTestCheckUnusedBody, suite);
}
