/* Building and freeing arrays of virTypedParameter: the name=value lists
 * that statistics, job and save/restore calls exchange. */
#pragma once

#include "internal.h"

/* A growing list; add functions never fail (names longer than
 * VIR_TYPED_PARAM_FIELD_LENGTH-1 are a programming error and abort). */
typedef struct {
    virTypedParameter *par;
    size_t npar;
    size_t alloc;
} virTypedParamList;

virTypedParamList *virTypedParamListNew(void);
void virTypedParamListFree(virTypedParamList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virTypedParamList, virTypedParamListFree);

void virTypedParamListAddInt(virTypedParamList *list, int value, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void virTypedParamListAddUInt(virTypedParamList *list, unsigned int value, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void virTypedParamListAddLLong(virTypedParamList *list, long long value, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void virTypedParamListAddULLong(virTypedParamList *list, unsigned long long value,
                                const char *fmt, ...) G_GNUC_PRINTF(3, 4);
void virTypedParamListAddDouble(virTypedParamList *list, double value, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void virTypedParamListAddBoolean(virTypedParamList *list, bool value, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
/* value is copied. */
void virTypedParamListAddString(virTypedParamList *list, const char *value, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* Hands the array over (caller frees with virTypedParamsFreeArray) and
 * leaves the list empty. */
virTypedParameter *virTypedParamListSteal(virTypedParamList *list, int *npar);

/* Frees the strings of params[0..npar) and the array. NULL is accepted. */
void virTypedParamsFreeArray(virTypedParameter *params, int npar);

/* The parameter named name, or NULL. */
virTypedParameter *virTypedParamsFind(virTypedParameter *params, int npar, const char *name);
/* The string value of name: 1 found (*value borrowed), 0 absent, -1 when
 * present with another type (VIR_ERR_INVALID_ARG reported). */
int virTypedParamsGetStr(virTypedParameter *params, int npar, const char *name,
                         const char **value);
