#include "virtypedparam.h"

#include <stdarg.h>
#include <string.h>

#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

virTypedParamList *
virTypedParamListNew(void)
{
    return g_new0(virTypedParamList, 1);
}

void
virTypedParamListFree(virTypedParamList *list)
{
    if (!list)
        return;
    virTypedParamsFreeArray(list->par, list->npar);
    g_free(list);
}

static virTypedParameter *
virTypedParamListNext(virTypedParamList *list, int type, const char *fmt, va_list ap)
{
    virTypedParameter *p;
    int len;

    if (list->npar == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 16;
        list->par = g_renew(virTypedParameter, list->par, list->alloc);
    }
    p = &list->par[list->npar++];
    memset(p, 0, sizeof(*p));
    len = g_vsnprintf(p->field, sizeof(p->field), fmt, ap);
    g_assert(len >= 0 && len < (int)sizeof(p->field));
    p->type = type;
    return p;
}

#define VIR_TYPED_PARAM_ADD(list, type, member, val, fmt) \
    do { \
        va_list ap; \
        va_start(ap, fmt); \
        virTypedParamListNext(list, type, fmt, ap)->value.member = val; \
        va_end(ap); \
    } while (0)

void
virTypedParamListAddInt(virTypedParamList *list, int value, const char *fmt, ...)
{
    VIR_TYPED_PARAM_ADD(list, VIR_TYPED_PARAM_INT, i, value, fmt);
}

void
virTypedParamListAddUInt(virTypedParamList *list, unsigned int value, const char *fmt, ...)
{
    VIR_TYPED_PARAM_ADD(list, VIR_TYPED_PARAM_UINT, ui, value, fmt);
}

void
virTypedParamListAddLLong(virTypedParamList *list, long long value, const char *fmt, ...)
{
    VIR_TYPED_PARAM_ADD(list, VIR_TYPED_PARAM_LLONG, l, value, fmt);
}

void
virTypedParamListAddULLong(virTypedParamList *list, unsigned long long value,
                           const char *fmt, ...)
{
    VIR_TYPED_PARAM_ADD(list, VIR_TYPED_PARAM_ULLONG, ul, value, fmt);
}

void
virTypedParamListAddDouble(virTypedParamList *list, double value, const char *fmt, ...)
{
    VIR_TYPED_PARAM_ADD(list, VIR_TYPED_PARAM_DOUBLE, d, value, fmt);
}

void
virTypedParamListAddBoolean(virTypedParamList *list, bool value, const char *fmt, ...)
{
    VIR_TYPED_PARAM_ADD(list, VIR_TYPED_PARAM_BOOLEAN, b, value ? 1 : 0, fmt);
}

void
virTypedParamListAddString(virTypedParamList *list, const char *value, const char *fmt, ...)
{
    VIR_TYPED_PARAM_ADD(list, VIR_TYPED_PARAM_STRING, s, g_strdup(value ? value : ""), fmt);
}

virTypedParameter *
virTypedParamListSteal(virTypedParamList *list, int *npar)
{
    *npar = list->npar;
    list->npar = 0;
    list->alloc = 0;
    return g_steal_pointer(&list->par);
}

void
virTypedParamsFreeArray(virTypedParameter *params, int npar)
{
    int i;

    if (!params)
        return;
    for (i = 0; i < npar; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            g_free(params[i].value.s);
    }
    g_free(params);
}

virTypedParameter *
virTypedParamsFind(virTypedParameter *params, int npar, const char *name)
{
    int i;

    for (i = 0; i < npar; i++) {
        if (g_str_equal(params[i].field, name))
            return &params[i];
    }
    return NULL;
}

int
virTypedParamsGetStr(virTypedParameter *params, int npar, const char *name,
                     const char **value)
{
    virTypedParameter *p = virTypedParamsFind(params, npar, name);

    if (!p)
        return 0;
    if (p->type != VIR_TYPED_PARAM_STRING) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid type for parameter '%s'", name);
        return -1;
    }
    *value = p->value.s;
    return 1;
}
