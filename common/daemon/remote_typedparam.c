/* virTypedParameter arrays <-> remote_typed_param on the wire. */
#include "remote_client.h"

#include <string.h>

#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_RPC

int
remoteTypedParamsToWire(const virTypedParameter *params, int nparams, unsigned int max,
                        unsigned int flags, remote_typed_param **out, u_int *outlen)
{
    remote_typed_param *wire;
    u_int n = 0;
    int i;

    if (nparams < 0 || (unsigned int)nparams > max) {
        virReportError(VIR_ERR_RPC, "too many parameters '%d' for limit '%u'", nparams, max);
        return -1;
    }
    wire = g_new0(remote_typed_param, nparams ? nparams : 1);
    for (i = 0; i < nparams; i++) {
        const virTypedParameter *p = &params[i];
        remote_typed_param *w = &wire[n];

        if (p->type == VIR_TYPED_PARAM_STRING && !(flags & VIR_TYPED_PARAM_STRING_OKAY))
            continue;
        w->field = g_strdup(p->field);
        w->value.type = p->type;
        switch ((virTypedParameterType)p->type) {
        case VIR_TYPED_PARAM_INT:
            w->value.remote_typed_param_value_u.i = p->value.i;
            break;
        case VIR_TYPED_PARAM_UINT:
            w->value.remote_typed_param_value_u.ui = p->value.ui;
            break;
        case VIR_TYPED_PARAM_LLONG:
            w->value.remote_typed_param_value_u.l = p->value.l;
            break;
        case VIR_TYPED_PARAM_ULLONG:
            w->value.remote_typed_param_value_u.ul = p->value.ul;
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            w->value.remote_typed_param_value_u.d = p->value.d;
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            w->value.remote_typed_param_value_u.b = p->value.b;
            break;
        case VIR_TYPED_PARAM_STRING:
            w->value.remote_typed_param_value_u.s = g_strdup(p->value.s);
            break;
        default:
            g_free(w->field);
            virReportError(VIR_ERR_RPC, "unknown parameter type: %d", p->type);
            xdr_free((xdrproc_t)xdr_remote_typed_param, (char *)w);
            for (i = 0; (u_int)i < n; i++)
                xdr_free((xdrproc_t)xdr_remote_typed_param, (char *)&wire[i]);
            g_free(wire);
            return -1;
        }
        n++;
    }
    *out = wire;
    *outlen = n;
    return 0;
}

int
remoteTypedParamsFromWire(const remote_typed_param *wire, u_int len, unsigned int max,
                          virTypedParameter **out, int *nout)
{
    g_autoptr(virTypedParamList) list = virTypedParamListNew();
    u_int i;

    if (len > max) {
        virReportError(VIR_ERR_RPC, "too many parameters '%u' for limit '%u'", len, max);
        return -1;
    }
    for (i = 0; i < len; i++) {
        const remote_typed_param *w = &wire[i];
        const char *f = w->field;

        if (strlen(f) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
            virReportError(VIR_ERR_RPC, "parameter field '%s' too long", f);
            return -1;
        }
        switch (w->value.type) {
        case VIR_TYPED_PARAM_INT:
            virTypedParamListAddInt(list, w->value.remote_typed_param_value_u.i, "%s", f);
            break;
        case VIR_TYPED_PARAM_UINT:
            virTypedParamListAddUInt(list, w->value.remote_typed_param_value_u.ui, "%s", f);
            break;
        case VIR_TYPED_PARAM_LLONG:
            virTypedParamListAddLLong(list, w->value.remote_typed_param_value_u.l, "%s", f);
            break;
        case VIR_TYPED_PARAM_ULLONG:
            virTypedParamListAddULLong(list, w->value.remote_typed_param_value_u.ul, "%s", f);
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            virTypedParamListAddDouble(list, w->value.remote_typed_param_value_u.d, "%s", f);
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            virTypedParamListAddBoolean(list, w->value.remote_typed_param_value_u.b, "%s", f);
            break;
        case VIR_TYPED_PARAM_STRING:
            virTypedParamListAddString(list, w->value.remote_typed_param_value_u.s, "%s", f);
            break;
        default:
            virReportError(VIR_ERR_RPC, "unknown parameter type: %d", w->value.type);
            return -1;
        }
    }
    *out = virTypedParamListSteal(list, nout);
    return 0;
}
