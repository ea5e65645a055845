/* virtsh: tables printed the way virsh lays them out.
 *
 * Every column is as wide as its widest cell (the header counts only when
 * printed), cells are separated by three spaces after one leading space,
 * the last column is not padded, and the rule under the header is three
 * dashes wider than each column. Width is what a terminal shows, so wide
 * characters count twice; characters a terminal cannot show are written
 * as \xNN so that a name cannot move the cursor. */
#include "virtsh.h"
#include "virtsh-table.h"

#include <stdio.h>
#include <string.h>

struct _virtshTable {
    size_t ncols;
    GPtrArray *rows;    /* of GStrv, the header first */
};


/* The cell as printed, and its width on a terminal. */
static char *
virtshTableCell(const char *text, size_t *width)
{
    GString *out = g_string_new(NULL);
    const char *p = text;

    *width = 0;
    while (*p) {
        gunichar c = g_utf8_get_char_validated(p, -1);

        if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_isprint(c)) {
            size_t len = (c == (gunichar)-1 || c == (gunichar)-2) ? 1 :
                         (size_t)(g_utf8_next_char(p) - p);
            size_t i;

            for (i = 0; i < len; i++) {
                g_string_append_printf(out, "\\x%02x", (unsigned char)p[i]);
                *width += 4;
            }
            p += len;
            continue;
        }
        if (g_unichar_iswide(c))
            *width += 2;
        else if (!g_unichar_iszerowidth(c))
            *width += 1;
        g_string_append_len(out, p, g_utf8_next_char(p) - p);
        p = g_utf8_next_char(p);
    }
    return g_string_free(out, FALSE);
}


virtshTable *
virtshTableNew(const char *const *header)
{
    virtshTable *table = g_new0(virtshTable, 1);

    table->ncols = g_strv_length((char **)header);
    table->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    g_ptr_array_add(table->rows, g_strdupv((char **)header));
    return table;
}


void
virtshTableFree(virtshTable *table)
{
    if (!table)
        return;
    g_ptr_array_unref(table->rows);
    g_free(table);
}


void
virtshTableAppend(virtshTable *table, const char *const *cells)
{
    char **row = g_new0(char *, table->ncols + 1);
    size_t i;

    for (i = 0; i < table->ncols; i++)
        row[i] = g_strdup(cells[i] ? cells[i] : "");
    g_ptr_array_add(table->rows, row);
}


void
virtshTablePrint(virtshControl *ctl, virtshTable *table)
{
    g_autofree size_t *widths = g_new0(size_t, table->ncols);
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GArray) cellw = g_array_new(FALSE, FALSE, sizeof(size_t));
    size_t first = ctl->quiet ? 1 : 0;
    size_t r;
    size_t i;

    for (r = first; r < table->rows->len; r++) {
        char **row = g_ptr_array_index(table->rows, r);

        for (i = 0; i < table->ncols; i++) {
            size_t w;

            g_ptr_array_add(cells, virtshTableCell(row[i], &w));
            g_array_append_val(cellw, w);
            widths[i] = MAX(widths[i], w);
        }
    }

    for (r = 0; r + first < table->rows->len; r++) {
        GString *line = g_string_new(" ");

        for (i = 0; i < table->ncols; i++) {
            size_t k = r * table->ncols + i;
            size_t w = g_array_index(cellw, size_t, k);

            g_string_append(line, g_ptr_array_index(cells, k));
            if (i + 1 < table->ncols) {
                for (; w < widths[i]; w++)
                    g_string_append_c(line, ' ');
                g_string_append(line, "   ");
            }
        }
        virtshPrint(ctl, "%s\n", line->str);
        g_string_free(line, TRUE);

        if (r == 0 && first == 0) {
            size_t dashes = 0;

            for (i = 0; i < table->ncols; i++)
                dashes += widths[i] + 3;
            line = g_string_new(NULL);
            for (i = 0; i < dashes; i++)
                g_string_append_c(line, '-');
            virtshPrint(ctl, "%s\n", line->str);
            g_string_free(line, TRUE);
        }
    }
}
