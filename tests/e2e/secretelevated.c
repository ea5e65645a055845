/* secretelevated ROOT UUID: what a daemon of that --root gets for itself
 * from virtsecretd through remoteSecretGetValueElevated(): the value in
 * base64 on stdout, or "code: message" on stderr and exit status 1. Run
 * by test_secret_elevated.py. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "remote_backend.h"
#include "virerror.h"
#include "virfile.h"

int
main(int argc, char **argv)
{
    g_autofree unsigned char *value = NULL;
    g_autofree char *text = NULL;
    size_t len = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: %s ROOT UUID\n", argv[0]);
        return 2;
    }
    virFileSetRoot(argv[1]);
    if (remoteSecretGetValueElevated(argv[2], &value, &len) < 0) {
        const virErrorInfo *err = virErrorGetLast();

        fprintf(stderr, "%d: %s\n", err ? err->code : -1,
                err && err->message ? err->message : "unknown error");
        return 1;
    }
    text = g_base64_encode(value, len);
    memset(value, 0, len);
    printf("%s\n", text);
    return 0;
}
