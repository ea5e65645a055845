/* virtsh: tables printed the way virsh lays them out. */
#pragma once

#include <glib.h>

typedef struct _virtshControl virtshControl;
typedef struct _virtshTable virtshTable;

/* header: the column titles, NULL-terminated. */
virtshTable *virtshTableNew(const char *const *header);
void virtshTableFree(virtshTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshTable, virtshTableFree);

/* cells: one per column. */
void virtshTableAppend(virtshTable *table, const char *const *cells);

/* To stdout; with -q the header and its rule are left out. */
void virtshTablePrint(virtshControl *ctl, virtshTable *table);
