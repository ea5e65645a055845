#include "virkeycode.h"

#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_ENUM_IMPL(virKeycodeSet, VIR_KEYCODE_SET_LAST,
              "linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd",
              "usb", "win32", "qnum");

/* Linux input codes beyond the main block, and their set 1 codes (0xe0
 * prefixed ones as 0x80 | code). Codes 1-83 are the set 1 codes
 * themselves. */
static const struct {
    unsigned short code;
    unsigned short qnum;
} virKeycodeLinuxExtra[] = {
    { 85, 0x76 },   /* KEY_ZENKAKUHANKAKU */
    { 86, 0x56 },   /* KEY_102ND */
    { 87, 0x57 },   /* KEY_F11 */
    { 88, 0x58 },   /* KEY_F12 */
    { 89, 0x73 },   /* KEY_RO */
    { 92, 0x79 },   /* KEY_HENKAN */
    { 93, 0x70 },   /* KEY_KATAKANAHIRAGANA */
    { 94, 0x7b },   /* KEY_MUHENKAN */
    { 96, 0x9c },   /* KEY_KPENTER */
    { 97, 0x9d },   /* KEY_RIGHTCTRL */
    { 98, 0xb5 },   /* KEY_KPSLASH */
    { 99, 0x54 },   /* KEY_SYSRQ */
    { 100, 0xb8 },  /* KEY_RIGHTALT */
    { 102, 0xc7 },  /* KEY_HOME */
    { 103, 0xc8 },  /* KEY_UP */
    { 104, 0xc9 },  /* KEY_PAGEUP */
    { 105, 0xcb },  /* KEY_LEFT */
    { 106, 0xcd },  /* KEY_RIGHT */
    { 107, 0xcf },  /* KEY_END */
    { 108, 0xd0 },  /* KEY_DOWN */
    { 109, 0xd1 },  /* KEY_PAGEDOWN */
    { 110, 0xd2 },  /* KEY_INSERT */
    { 111, 0xd3 },  /* KEY_DELETE */
    { 113, 0xa0 },  /* KEY_MUTE */
    { 114, 0xae },  /* KEY_VOLUMEDOWN */
    { 115, 0xb0 },  /* KEY_VOLUMEUP */
    { 116, 0xde },  /* KEY_POWER */
    { 117, 0x59 },  /* KEY_KPEQUAL */
    { 119, 0xc6 },  /* KEY_PAUSE */
    { 121, 0x7e },  /* KEY_KPCOMMA */
    { 124, 0x7d },  /* KEY_YEN */
    { 125, 0xdb },  /* KEY_LEFTMETA */
    { 126, 0xdc },  /* KEY_RIGHTMETA */
    { 127, 0xdd },  /* KEY_COMPOSE */
    { 142, 0xdf },  /* KEY_SLEEP */
    { 143, 0xe3 },  /* KEY_WAKEUP */
};

static int
virKeycodeLinuxToQnum(unsigned int code)
{
    size_t i;

    if (code >= 1 && code <= 83)
        return code;
    for (i = 0; i < G_N_ELEMENTS(virKeycodeLinuxExtra); i++) {
        if (virKeycodeLinuxExtra[i].code == code)
            return virKeycodeLinuxExtra[i].qnum;
    }
    return -1;
}

int
virKeycodeToQnum(unsigned int codeset, unsigned int code)
{
    int qnum = -1;

    switch ((virKeycodeSet) codeset) {
    case VIR_KEYCODE_SET_LINUX:
        qnum = virKeycodeLinuxToQnum(code);
        break;
    case VIR_KEYCODE_SET_XT:
        /* The XT keyboard has only the main block. */
        if (code >= 1 && code <= 83)
            qnum = code;
        break;
    case VIR_KEYCODE_SET_ATSET1:
        /* 0xe0-prefixed codes are written 0xe0XX. */
        if (code >= 1 && code < 0x80)
            qnum = code;
        else if ((code & 0xff00) == 0xe000 && (code & 0xff) >= 1 && (code & 0xff) < 0x80)
            qnum = 0x80 | (code & 0x7f);
        break;
    case VIR_KEYCODE_SET_XT_KBD:
    case VIR_KEYCODE_SET_QNUM:
        if (code >= 1 && code <= 0xff)
            qnum = code;
        break;
    case VIR_KEYCODE_SET_ATSET2:
    case VIR_KEYCODE_SET_ATSET3:
    case VIR_KEYCODE_SET_OSX:
    case VIR_KEYCODE_SET_USB:
    case VIR_KEYCODE_SET_WIN32:
        break;
    case VIR_KEYCODE_SET_LAST:
    default:
        virReportError(VIR_ERR_INVALID_ARG, "unknown keycode set %u", codeset);
        return -1;
    }
    if (qnum < 0)
        virReportError(VIR_ERR_INVALID_ARG, "cannot translate keycode %u of %s codeset to qnum keycode",
                       code, virKeycodeSetTypeToString(codeset));
    return qnum;
}
