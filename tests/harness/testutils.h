/* The test harness: TAP output, golden-file comparison with a regenerate
 * switch, and a check that every data file is used by some case.
 *
 * Environment:
 *   VIR_TEST_DATA_DIR             root of the golden files (tests/data)
 *   VIR_TEST_DEBUG=1              print the error of every failing case
 *   VIR_TEST_REGENERATE_OUTPUT=1  rewrite expected files instead of failing
 *   VIR_TEST_RANGE=3-5,7,^4       run only these case numbers */
#pragma once

#include "internal.h"

/* Runs one case; body returns 0 on success, -1 on failure. Prints one TAP
 * line. Returns the body's result (0 also when the case was skipped by
 * VIR_TEST_RANGE). */
int virTestRun(const char *title, int (*body)(const void *data), const void *data);

/* Parses the environment, runs mymain and prints the TAP plan.
 * Returns EXIT_SUCCESS when mymain returned 0 and no case failed. */
int virTestMain(int argc, char **argv, int (*mymain)(void));

/* $VIR_TEST_DATA_DIR/suite/name (caller frees); records the file as used. */
char *virTestDataPath(const char *suite, const char *name);

/* 0 when actual equals the content of path. On mismatch prints a
 * unified-diff-like report to stderr and returns -1, unless
 * VIR_TEST_REGENERATE_OUTPUT=1, in which case path is rewritten. */
int virTestCompareToFile(const char *actual, const char *path);

/* Runs as a case of its own: fails, listing "unused file: X", when a file
 * under the suite's data directory was not used by any case. Skipped when
 * VIR_TEST_RANGE narrowed the run. */
int virTestCheckUnusedFiles(const char *suite);

/* Reads a whole file into *buf (caller frees); -1 with a message on stderr. */
int virTestLoadFile(const char *path, char **buf);

/* True when VIR_TEST_DEBUG is set to a non-zero value. */
bool virTestGetDebug(void);
