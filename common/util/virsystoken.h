/* The host's system token: a random secret in
 * /run/libvirt/common/system.token (under --root), readable by root only,
 * that one daemon presents to another to prove it is a daemon of the same
 * host acting for itself ("elevated"), not relaying a client. */
#pragma once

#include "internal.h"

/* Hex digits of a token (32 random bytes). */
#define VIR_SYSTEM_TOKEN_HEXLEN 64

/* The token file's path (with the --root prefix); the caller frees. */
char *virSystemTokenPath(void);

/* Reads the token into *token (caller frees), creating the file first when
 * there is none: whichever daemon gets there first writes it, the others
 * read theirs. -1 with an error reported, notably for a file that is not a
 * root-only (0600, ours) regular file holding a token. */
int virSystemTokenGet(char **token);

/* Compares a presented token with the real one in time independent of
 * where they differ. */
bool virSystemTokenEqual(const char *presented, const char *token);
